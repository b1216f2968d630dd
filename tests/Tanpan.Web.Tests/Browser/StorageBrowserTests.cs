using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Features.Meters;

namespace Tanpan.Web.Tests.Browser;

/// <summary>An energy manager in Chromium runs a peak-shaving study on the main meter's day: the result, the peak-day
/// chart drawn as SVG, both languages at phone width, no CSP violation.</summary>
public sealed class StorageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PeakShavingStudy_OnTheMainMeter_ShowsBillsCarbonAndTheChart()
    {
        var companyId = await browser.App.CreateApprovedCompanyAsync("儲能瀏覽器公司");
        var (email, password) = await browser.App.CreateColleagueAsync(companyId, Roles.CompanyAdmin);
        var facility = await MeterSetup.FacilityAsync(browser.App, companyId);
        var gateway = await browser.App.CreateApiClientAsync(companyId);
        await MeterSetup.MeterAsync(gateway, facility, "MAIN", semantics: "Interval");
        var day = new DateTimeOffset(2025, 7, 15, 0, 0, 0, TimeSpan.FromHours(8));
        var readings = Enumerable.Range(1, 96).Select(q => (day.AddMinutes(15 * q).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), q is > 68 and <= 80 ? 30m : 15m)).ToArray();
        var posted = await gateway.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(readings));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        await MeterSetup.RollUpAsync(browser.App);

        var page = await browser.SignedInPageAsync(email, password);
        await page.GotoAsync("/energy/storage");
        await page.SelectOptionAsync("[data-testid=source]", "meter");
        await page.FillAsync("[data-testid=from]", "2025-07-15");
        await page.FillAsync("[data-testid=to]", "2025-07-15");
        await page.FillAsync("[data-testid=contract]", "120");
        await page.FillAsync("[data-testid=power]", "50");
        await page.FillAsync("[data-testid=energy]", "150");
        await page.FillAsync("[data-testid=target]", "100");
        await page.ClickAsync("[data-testid=run]");
        await page.Locator("[data-testid=storage-result]").WaitForAsync();
        Assert.Contains("120.0 → 100.0", await page.Locator("[data-testid=peaks]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("達成", await page.Locator("[data-testid=target-met]").InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=chart-peak-day] svg') !== null");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "storage.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        foreach (var lang in new[] { "zh-TW", "en" })
        {
            await page.GotoAsync($"/energy/storage?lang={lang}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"storage-phone-{lang}.png"), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"/energy/storage ({lang}) is wider than a phone");
        }

        Assert.Contains("Battery storage study", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await browser.CspViolationsAsync(page));
    }
}
