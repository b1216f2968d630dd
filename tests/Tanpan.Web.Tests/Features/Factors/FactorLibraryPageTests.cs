using System.Net;
using System.Text.RegularExpressions;

namespace Tanpan.Web.Tests.Features.Factors;

/// <summary>The factor lookup in the app's layout finds activities by their Chinese and English names and by code,
/// and the former /factors.html address redirects to it.</summary>
public sealed partial class FactorLibraryPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("柴油", "柴油", "2.685856")]
    [InlineData("天然氣", "天然氣", "1.906018")]
    [InlineData("鋼板", "鋼板", "2.415")]
    [InlineData("fuel.diesel", "柴油", "2.685856")]
    public async Task ASearchInChinese_OrByCode_FindsTheFactor(string query, string name, string value)
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/factors?q={Uri.EscapeDataString(query)}&year=2024"));

        var rows = Rows().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.Contains(name, StringComparison.Ordinal) && r.Contains(value, StringComparison.Ordinal));
        Assert.Contains("<main>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchInEnglish_FindsByTheEnglishName_AndShowsEnglish()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/factors?q=steel%20plate&lang=en"));

        Assert.Contains("Steel plate", html, StringComparison.Ordinal);
        Assert.Contains("verified", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFormerStaticPage_RedirectsToTheLookup()
    {
        var response = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/factors.html?q=x");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/factors?q=x", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("<tr><td>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();
}
