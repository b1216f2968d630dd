using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Features.Meters;

namespace Tanpan.Web.Tests.Browser;

/// <summary>A plant's energy manager in Chromium: the live dashboard updates without a reload when a gateway posts
/// readings (kW now, kWh and kgCO2e today, a kW alarm), and the meter's history chart draws from the API.</summary>
public sealed class EnergyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task LiveDashboard_UpdatesWithoutReload_AndTheHistoryChartDraws()
    {
        var companyId = await browser.App.CreateApprovedCompanyAsync("即時能源公司");
        var (email, password) = await browser.App.CreateColleagueAsync(companyId, Roles.CompanyAdmin);
        var facility = await MeterSetup.FacilityAsync(browser.App, companyId);
        var gateway = await browser.App.CreateApiClientAsync(companyId);
        await MeterSetup.MeterAsync(gateway, facility, "LINE1", extra: new { line = "電鍍一線", alarmKw = 1 });

        var page = await browser.SignedInPageAsync(email, password);
        await page.GotoAsync("/energy");
        var row = page.Locator("[data-live-line=LINE1]");
        Assert.Equal("0.0", (await row.Locator("[data-live=today]").InnerTextAsync()).Trim());

        // Three counter readings ending now: 10 then 20 kWh a quarter-hour (the last quarter at 80 kW).
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset);
        string T(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var posted = await gateway.PostAsJsonAsync("/api/v1/meters/LINE1/readings", MeterSetup.Readings((T(now.AddMinutes(-30)), 100m), (T(now.AddMinutes(-15)), 110m), (T(now), 130m)));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        await page.WaitForFunctionAsync("() => document.querySelector('[data-live-line=LINE1] [data-live=today]').textContent.trim() !== '0.0'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var today = decimal.Parse((await row.Locator("[data-live=today]").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(today, 0.1m, 30m); // 30 kWh, less if local midnight fell inside the last half hour
        Assert.Contains("80", await row.Locator("[data-live=kw]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEqual("—", (await row.Locator("[data-live=kg]").InnerTextAsync()).Trim());
        await page.Locator("[data-testid=alarm]").First.WaitForAsync();
        Assert.Contains("kW", await page.Locator("[data-testid=alarm]").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "energy-live.png"), FullPage = true });

        await page.ClickAsync("[data-live-line=LINE1] a");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=history-chart]').dataset.points || '0') > 0");
        await page.ClickAsync("[data-grain='15min']");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=history-chart]').dataset.points || '0') >= 2");
        Assert.True(await page.Locator("[data-testid=history-chart] svg").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "energy-meter.png"), FullPage = true });

        await page.GotoAsync("/energy?lang=en");
        Assert.Contains("Energy monitoring", await page.ContentAsync(), StringComparison.Ordinal);

        // Phone width: the dashboard's table scrolls within the page, nothing wider than the screen but the table.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var lang in new[] { "zh-TW", "en" })
        {
            await page.GotoAsync($"/energy?lang={lang}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"energy-phone-{lang}.png"), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"/energy ({lang}) is wider than a phone");
        }
        Assert.Empty(await browser.CspViolationsAsync(page));
    }
}
