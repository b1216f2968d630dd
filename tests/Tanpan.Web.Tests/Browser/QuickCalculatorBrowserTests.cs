using System.Text;
using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

public sealed class QuickCalculatorBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_EntersABillAndFuel_SeesTheResult_AndDownloadsIt()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/calculator");

        await page.FillAsync("[data-testid=year]", "2024");
        await page.FillAsync("input[name='Input.Bills[0].From']", "2023-12-17");
        await page.FillAsync("input[name='Input.Bills[0].To']", "2024-01-16");
        await page.FillAsync("input[name='Input.Bills[0].PeakKwh']", "3100");
        await page.FillAsync("input[name='Input.Fuels[0].Quantity']", "1000");
        await page.ClickAsync("[data-testid=calculate]");

        var result = page.Locator("[data-testid=result]");
        await result.WaitForAsync();
        var expectedKg = 3_100m * 16m / 31m * 0.474m + 1_000m * 1.9060178044842m;
        var total = await page.Locator("[data-testid=total]").InnerTextAsync();
        Assert.Equal((expectedKg / 1000m).ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("zh-TW")), total.Trim());
        Assert.Contains("估算", await page.Locator("[data-testid=trace]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "quick-calculator-result.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download]"));
        var path = await download.PathAsync();
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path!));
        Assert.Contains("tw-grid:2024", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visitor_WithANegativeReading_SeesTheFieldError()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/calculator?lang=en");

        await page.FillAsync("input[name='Input.Bills[0].From']", "2024-03-01");
        await page.FillAsync("input[name='Input.Bills[0].To']", "2024-03-31");
        await page.FillAsync("input[name='Input.Bills[0].PeakKwh']", "-10");
        await page.ClickAsync("[data-testid=calculate]");

        await page.Locator("[data-testid=errors]").WaitForAsync();
        Assert.Contains("must be zero or greater", await page.Locator("[data-testid=bill-0]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=result]").CountAsync());
    }
}
