using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

public sealed class WorkOrderBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Member_CreatesAWorkOrder_SeesTheResult_AndDownloadsTheCertificate()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);

        await page.GotoAsync("/work-orders/new");
        await page.FillAsync("[data-testid=job-orderNo]", "PO-9");
        await page.FillAsync("[data-testid=job-workOrderNo]", "WO-BROWSER-1");
        await page.FillAsync("[data-testid=job-date]", "2024-06-05");
        await page.FillAsync("[data-testid=job-productName]", "螺絲");
        await page.FillAsync("[data-testid=job-quantity]", "1000");
        await page.SelectOptionAsync("[data-testid=job-metal]", "Ni");
        await page.FillAsync("[data-testid=energy-0-0]", "3000");
        await page.FillAsync("[data-testid=energy-0-1]", "400");
        await page.FillAsync("[data-testid=energy-1-1]", "200");
        await page.ClickAsync("[data-testid=calculate-job]");

        var total = (3000m * 3.029705639568m) + (600m * 0.474m);
        await page.Locator("[data-testid=job-total]").WaitForAsync();
        Assert.Equal($"{total.ToString("N3", System.Globalization.CultureInfo.GetCultureInfo("zh-TW"))} kgCO2e", (await page.Locator("[data-testid=job-total]").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "work-order.png"), FullPage = true });

        // Issuing asks first: declining leaves the work order uncertified, accepting certifies it.
        var questions = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await page.ClickAsync("[data-testid=certify]");
        Assert.Equal(0, await page.Locator("[data-testid=certified-notice]").CountAsync());
        accept = true;
        await page.ClickAsync("[data-testid=certify]");
        await page.Locator("[data-testid=certified-notice]").WaitForAsync();
        Assert.Equal(2, questions.Count);
        Assert.Contains("核發", questions[0], StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=certificate]"));
        var text = await Infrastructure.Pdf.TextAsync(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains("WO-BROWSER-1", text, StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=verify-link]");
        await page.Locator("[data-testid=valid]").WaitForAsync();

        await page.GotoAsync("/work-orders?q=browser");
        Assert.Contains("WO-BROWSER-1", await page.Locator("[data-testid=jobs]").InnerTextAsync(), StringComparison.Ordinal);
    }
}
