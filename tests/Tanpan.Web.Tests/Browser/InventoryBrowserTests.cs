using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

public sealed class InventoryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Clerk_EntersABillAndFuel_SeesResultAndTrace_ThenSubmitsApprovesLocks()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);

        await page.GotoAsync("/inventory/register");
        await page.FillAsync("[data-testid=facility-name]", "彰化廠");
        await page.ClickAsync("[data-testid=add-facility]");
        await page.SelectOptionAsync("[data-testid=source-category]", "2.1");
        await page.SelectOptionAsync("[data-testid=source-activity]", "electricity.grid.tw");
        await page.FillAsync("[data-testid=source-description]", "彰化廠用電");
        await page.ClickAsync("[data-testid=add-source]");
        await page.SelectOptionAsync("[data-testid=source-category]", "1.2");
        await page.SelectOptionAsync("[data-testid=source-activity]", "fuel.diesel");
        await page.SelectOptionAsync("[data-testid=source-use]", "mobile");
        await page.FillAsync("[data-testid=source-description]", "堆高機柴油");
        await page.ClickAsync("[data-testid=add-source]");
        Assert.Contains("堆高機柴油", await page.Locator("[data-testid=sources]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/inventory");
        await page.FillAsync("#Year", "2024");
        await page.ClickAsync("[data-testid=create-inventory]");
        await page.Locator("[data-testid=bill-form]").WaitForAsync();

        await page.FillAsync("[data-testid=bill-from]", "2024-01-01");
        await page.FillAsync("[data-testid=bill-to]", "2024-01-31");
        await page.FillAsync("[data-testid=bill-peak]", "10000");
        await page.ClickAsync("[data-testid=add-bill]");
        await page.Locator("[data-testid=entry-form]").WaitForAsync();
        await page.SelectOptionAsync("[data-testid=entry-source]", new SelectOptionValue { Label = "堆高機柴油（柴油）" });
        await page.FillAsync("[data-testid=entry-from]", "2024-02-01");
        await page.FillAsync("[data-testid=entry-to]", "2024-02-29");
        await page.FillAsync("[data-testid=entry-quantity]", "500");
        await page.FillAsync("[data-testid=entry-unit]", "公升");
        await page.ClickAsync("[data-testid=add-entry]");

        var expectedTonnes = (10_000m * 0.474m + 500m * 2.71836053065044m) / 1000m;
        Assert.Equal(expectedTonnes.ToString("N3", System.Globalization.CultureInfo.GetCultureInfo("zh-TW")), (await page.Locator("[data-testid=total]").InnerTextAsync()).Trim());
        await page.Locator("[data-testid=trace]").Nth(1).Locator("summary").ClickAsync();
        Assert.Contains("1139101231", await page.Locator("[data-testid=trace]").Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "inventory-results.png"), FullPage = true });

        // Submitting asks first: a declined question submits nothing, an accepted one submits.
        var asked = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await page.ClickAsync("[data-testid=submit]");
        Assert.Equal("草稿", await page.Locator("[data-testid=status]").InnerTextAsync());
        accept = true;
        await page.ClickAsync("[data-testid=submit]");
        Assert.Equal("已送審", await page.Locator("[data-testid=status]").InnerTextAsync());
        Assert.All(asked, q => Assert.Contains("送審", q, StringComparison.Ordinal));
        Assert.Equal(2, asked.Count);
        // The submitter cannot approve; a reviewer of the company does.
        Assert.Equal(0, await page.Locator("[data-testid=approve]").CountAsync());
        var (reviewerEmail, reviewerPassword) = await browser.App.CreateColleagueAsync(Tanpan.Web.Host.DatabaseInitializer.DemoCompanyId, Tanpan.Web.Platform.Security.Roles.Reviewer);
        var reviewer = await browser.SignedInPageAsync(reviewerEmail, reviewerPassword);
        await reviewer.GotoAsync(page.Url);
        var question = string.Empty;
        reviewer.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await reviewer.ClickAsync("[data-testid=approve]");
        Assert.Contains("鎖定", question, StringComparison.Ordinal);
        Assert.Equal("已核准鎖定", await reviewer.Locator("[data-testid=status]").InnerTextAsync());
        await page.ReloadAsync();
        Assert.Equal("已核准鎖定", await page.Locator("[data-testid=status]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid=entry-form]").CountAsync());

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=pdf]"));
        var pdfBytes = await File.ReadAllBytesAsync((await pdf.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdfBytes, 0, 4));
        Assert.Contains("彰化廠用電", await Infrastructure.Pdf.TextAsync(pdfBytes), StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync((await xlsx.PathAsync())!), 0, 2));

        // Phone width: the page still works (no horizontal overflow of the page itself).
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the inventory page overflows a phone-width screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "inventory-phone.png") });
    }
}
