using Microsoft.Playwright;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Tests.Browser;

/// <summary>An exporter in Chromium adds a steel good, reads its CBAM cost per EUA scenario and the exposure chart,
/// downloads the communication for the EU importer; both languages at phone width, no CSP violation.</summary>
public sealed class ExposureBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ASteelGood_ShowsItsCbamCost_TheCharts_AndDownloadsTheCommunication()
    {
        var companyId = await browser.App.CreateApprovedCompanyAsync("碳價瀏覽器公司");
        var (email, password) = await browser.App.CreateColleagueAsync(companyId, Roles.CompanyAdmin);
        var page = await browser.SignedInPageAsync(email, password);

        await page.GotoAsync("/exposure");
        await page.FillAsync("[data-testid=good-name]", "M12 螺栓");
        await page.FillAsync("[data-testid=good-cn]", "7318 15 90");
        await page.FillAsync("[data-testid=good-see]", "2");
        await page.FillAsync("[data-testid=good-eu]", "1000");
        await page.ClickAsync("[data-testid=add-good]");
        await page.Locator("[data-testid=cbam-table]").WaitForAsync();
        // EUR 90 (the default middle scenario) × 2,000 t.
        Assert.Equal("€ 180,000", (await page.Locator("[data-testid=cbam-2026-eua-90]").InnerTextAsync()).Trim());
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=chart-cbam] svg') !== null && document.querySelector('[data-testid=chart-exposure-total] svg') !== null");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=communication-xlsx]"));
        Assert.Equal("cbam-communication.xlsx", download.SuggestedFilename);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "exposure.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        foreach (var lang in new[] { "zh-TW", "en" })
        {
            await page.GotoAsync($"/exposure?lang={lang}");
            await page.Locator("[data-testid=chart-cbam] svg").WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"exposure-phone-{lang}.png"), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"/exposure ({lang}) is wider than a phone");
        }

        Assert.Contains("Carbon-price exposure", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await browser.CspViolationsAsync(page));
    }
}
