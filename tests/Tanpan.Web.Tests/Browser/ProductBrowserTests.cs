using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Tanpan.Web.Features.Products;

namespace Tanpan.Web.Tests.Browser;

/// <summary>A member in Chromium: creates a lathe, imports its BOM, reads the footprint (charts drawn, data quality,
/// Monte Carlo), makes a variant with a lighter casting, compares, locks a version and downloads its report.</summary>
public sealed class ProductBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    [Fact]
    public async Task Member_ImportsABom_ComparesAVariant_LocksAndDownloadsTheReport()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        await page.GotoAsync("/products");
        await page.FillAsync("[data-testid=product-name]", "瀏覽器車床");
        await page.ClickAsync("[data-testid=create-product]");
        await page.Locator("[data-testid=bom-import]").WaitForAsync();

        await page.FillAsync("[data-testid=data-from]", "2024-01-01");
        await page.FillAsync("[data-testid=data-to]", "2024-12-31");
        await page.ClickAsync("[data-testid=save-info]");
        await page.Locator("[data-testid=bom-import]").WaitForAsync();

        var csv = string.Join(",", BomSheet.Columns) + "\n"
            + "10,,床台鑄件,main,2600,kg,material.cast_iron_general_ice2,甲鑄造,,,,,,,1.1,2,2,1\n"
            + "20,,主軸馬達,main,2,piece,,乙電機,695,kgCO2e/piece,乙電機 EPD 2024,2024-01~2024-12,,,1.05,1,1,1\n"
            + "40,,組裝測試用電,energy,1500,kWh,electricity.grid.tw,,,,,,,,1.02,1,1,1\n";
        await page.SetInputFilesAsync("[data-testid=bom-import] input[type=file]", new FilePayload { Name = "bom.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=import-bom]");
        await page.Locator("[data-testid=footprint-total]").WaitForAsync();
        Assert.Contains(questions, q => q.Contains("取代", StringComparison.Ordinal));

        var total = (2600m * 2.032m) + (2m * 695m) + (1500m * 0.474m);
        Assert.Equal(total.ToString("N3", Zh), (await page.Locator("[data-testid=footprint-total]").InnerTextAsync()).Trim());
        // The charts are drawn by the locally served ECharts, not left as tables.
        foreach (var chart in new[] { "by-stage", "hotspots", "distribution" })
        {
            await page.Locator($"[data-testid=chart-{chart}] canvas, [data-testid=chart-{chart}] svg").First.WaitForAsync();
        }

        Assert.Contains("1.7 / 1.7 / 1.0", (await page.Locator("[data-testid=data-quality] .value").InnerTextAsync()).Replace("\u00a0", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        await page.Locator("[data-testid=monte-carlo]").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-footprint.png"), FullPage = true });
        var productUrl = page.Url;

        // A variant with a casting 20 % lighter.
        await page.ClickAsync("[data-testid=make-variant]");
        await page.WaitForURLAsync(url => url != productUrl && url.Contains("/products/", StringComparison.Ordinal));
        var casting = page.Locator("[data-testid=bom-line]", new PageLocatorOptions { HasText = "床台鑄件" });
        await casting.Locator("[data-testid=delete-line]").ClickAsync();
        await page.Locator("[data-testid=line-form]").WaitForAsync();
        await page.FillAsync("[data-testid=line-no]", "10");
        await page.FillAsync("[data-testid=line-name]", "輕量化床台鑄件");
        await page.FillAsync("[data-testid=line-quantity]", "2080");
        await page.FillAsync("[data-testid=line-unit]", "kg");
        await page.FillAsync("[data-testid=line-activity]", "material.cast_iron_general_ice2");
        await page.ClickAsync("[data-testid=add-line]");
        await page.Locator("[data-testid=variants]").WaitForAsync();
        var lighter = total - (520m * 2.032m);
        var totals = await page.Locator("[data-testid=variant-total]").AllInnerTextsAsync();
        Assert.Equal([total.ToString("N3", Zh), lighter.ToString("N3", Zh)], totals.Select(t => t.Trim()));

        // Back on the original: lock it, then download the locked version's report.
        await page.GotoAsync(productUrl);
        await page.ClickAsync("[data-testid=lock]");
        await page.Locator("[data-testid=locked-banner]").WaitForAsync();
        Assert.Contains(questions, q => q.Contains("鎖定", StringComparison.Ordinal));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=cfp-report]"));
        var text = await Infrastructure.Pdf.TextAsync(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains("已鎖定第 1 版", text, StringComparison.Ordinal);
        Assert.Contains(total.ToString("N3", Zh) + " kgCO2e", text, StringComparison.Ordinal);
        Assert.Contains("蒙地卡羅", text, StringComparison.Ordinal);
    }
}
