using System.Net;
using System.Text.Json;

namespace Tanpan.Web.Tests.Infrastructure;

internal static class Problem
{
    /// <summary>Asserts a 400 problem+json and returns its field errors.</summary>
    public static async Task<Dictionary<string, string[]>> ReadErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    /// <summary>Asserts a 400 whose field errors include <paramref name="field"/>.</summary>
    public static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var errors = await ReadErrorsAsync(response);
        Assert.True(errors.ContainsKey(field), $"no error for '{field}'; errors: {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)))}");
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
