using Microsoft.Playwright;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Tests.Browser;

/// <summary>An energy manager in Chromium sets the plan's base year, adds two measures through the form, and reads
/// the pathway and the cost curve drawn as SVG; both languages at phone width, no CSP violation.</summary>
public sealed class ReductionBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task APlan_WithTwoMeasures_DrawsThePathwayAndTheCostCurve()
    {
        var companyId = await browser.App.CreateApprovedCompanyAsync("減碳瀏覽器公司");
        var (email, password) = await browser.App.CreateColleagueAsync(companyId, Roles.CompanyAdmin);
        var page = await browser.SignedInPageAsync(email, password);

        await page.GotoAsync("/reduction");
        await page.Locator("[data-testid=no-base]").WaitForAsync();
        await page.FillAsync("[data-testid=base-year-input]", "2024");
        await page.FillAsync("[data-testid=base-tonnes-input]", "1000");
        await page.SelectOptionAsync("[data-testid=rate-input]", "smart-3.5");
        await page.ClickAsync("[data-testid=save-settings]");
        await page.Locator("[data-testid=chart-pathway] svg").WaitForAsync();
        Assert.Contains("3.5 %", await page.Locator("[data-testid=rate]").InnerTextAsync(), StringComparison.Ordinal);

        foreach (var (name, capex, savings, tonnes) in new[] { ("空壓機變頻", "1200000", "420000", "55"), ("屋頂太陽光電", "25000000", "2100000", "300") })
        {
            await page.ClickAsync("[data-testid=add-measure]");
            await page.FillAsync("[data-testid=name]", name);
            await page.FillAsync("[data-testid=capex]", capex);
            await page.FillAsync("[data-testid=savings]", savings);
            await page.FillAsync("[data-testid=abatement]", tonnes);
            await page.FillAsync("[data-testid=start]", "2026");
            await page.ClickAsync("[data-testid=save-measure]");
            await page.Locator("[data-testid=measure-table]").WaitForAsync();
        }

        Assert.Equal(2, await page.Locator("[data-testid=measure-row]").CountAsync());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=chart-mac] svg path').length >= 2");
        // The cheaper measure per tonne comes first on the curve.
        Assert.Contains("空壓機變頻", await page.Locator("[data-testid=measure-row]").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reduction.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        foreach (var lang in new[] { "zh-TW", "en" })
        {
            await page.GotoAsync($"/reduction?lang={lang}");
            await page.Locator("[data-testid=chart-mac] svg").WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"reduction-phone-{lang}.png"), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"/reduction ({lang}) is wider than a phone");
        }

        Assert.Contains("Marginal abatement cost curve", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await browser.CspViolationsAsync(page));
    }
}
