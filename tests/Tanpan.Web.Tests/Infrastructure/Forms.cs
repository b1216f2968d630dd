using System.Text.RegularExpressions;

namespace Tanpan.Web.Tests.Infrastructure;

/// <summary>Posts Razor Page forms the way a browser does: antiforgery token from the page, cookies kept by the client.</summary>
internal static partial class Forms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {pageUrl}");
        var all = fields.Append(new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token.Groups[1].Value)));
        var url = handler is null ? pageUrl : $"{pageUrl}{(pageUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>Uploads a file to a page handler (multipart), with the antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string pageUrl, string? handler, string fileName, byte[] content, string fileField = "file", IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {pageUrl}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(System.Net.WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), fileField, fileName },
        };
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(handler is null ? pageUrl : $"{pageUrl}?handler={handler}", form);
    }
}
