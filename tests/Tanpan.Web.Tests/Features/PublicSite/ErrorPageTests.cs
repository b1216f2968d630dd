using System.Net;
using Microsoft.AspNetCore.Http;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Tests.Features.PublicSite;

/// <summary>Errors for people are pages in their language with a request id; API clients get ProblemDetails.</summary>
public sealed class ErrorPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/no-such-page", "找不到這個頁面")]
    [InlineData("/no-such-page?lang=en", "Page not found")]
    [InlineData("/work-orders/new/extra", "找不到這個頁面")]
    public async Task AnUnknownPage_IsA404Page_InTheReadersLanguage_WithARequestId(string url, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await app.CreateClient().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"data-testid=\"error-title\">{title}<", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"request-id\">[0-9a-zA-Z:]{8,}<", html);
        Assert.Contains("data-testid=\"error-code\">404<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnglishReader_SeesNoChinese_AndAChineseReaderNoEnglishTitle()
    {
        var client = app.CreateClient();

        var english = await (await client.GetAsync("/nothing-here?lang=en")).Content.ReadAsStringAsync();
        var chinese = await (await client.GetAsync("/nothing-here")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("找不到", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Page not found", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiClients_GetProblemDetails_NotAPage()
    {
        var client = app.CreateClient();
        using var json = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        json.Headers.Accept.ParseAdd("application/json");

        var api = await client.GetAsync("/api/v1/no-such-route");
        var asked = await client.SendAsync(json);

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, asked.StatusCode);
        Assert.Equal("application/problem+json", asked.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(403, "沒有權限")]
    [InlineData(500, "系統發生錯誤")]
    [InlineData(429, "請求過於頻繁")]
    public async Task TheErrorPageOpenedDirectly_AnswersWithTheStatusItDescribes(int code, string title)
    {
        var response = await app.CreateClient().GetAsync($"/error/{code}");

        Assert.Equal(code, (int)response.StatusCode);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inventory", null, true)]
    [InlineData("/inventory", "text/html,*/*;q=0.8", true)]
    [InlineData("/inventory", "application/json", false)]
    [InlineData("/inventory", "application/problem+json", false)]
    [InlineData("/api/v1/work-orders", "text/html", false)]
    [InlineData("/openapi/v1.json", null, false)]
    public void WhoGetsAPage(string path, string? accept, bool page)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        if (accept is not null)
        {
            http.Request.Headers.Accept = accept;
        }

        Assert.Equal(page, ErrorPages.ForPeople(http));
    }
}
