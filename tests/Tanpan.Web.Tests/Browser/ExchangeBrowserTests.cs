using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

/// <summary>The demo company's admin in Chromium: publishes the locked lathe footprint over PACT, creates an API
/// client for a customer (secret shown once), grants it the lathe, and sees it all in English too.</summary>
public sealed class ExchangeBrowserTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    [Fact]
    public async Task Admin_PublishesAFootprint_AndCreatesAClientForACustomer()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("[data-testid=nav-exchange]");
        await page.Locator("[data-testid=publish-version]").WaitForAsync();
        var select = await page.Locator("[data-testid=publish-version]").InnerHTMLAsync();
        Assert.True(await page.Locator("[data-testid=publish-version] option:not([disabled])").CountAsync() > 1, select);
        var option = await page.Locator("[data-testid=publish-version] option:not([disabled])").Nth(1).GetAttributeAsync("value");
        await page.SelectOptionAsync("[data-testid=publish-version]", option!);
        await page.ClickAsync("[data-testid=publish]");
        var row = page.Locator("[data-testid=published] tbody tr").First;
        await row.WaitForAsync();
        Assert.Contains("有效", await row.Locator("[data-testid=pf-status]").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=link-clients]");
        await page.FillAsync("[data-testid=client-name]", "客戶 ERP");
        await page.ClickAsync("[data-testid=create-client]");
        var clientId = (await page.Locator("[data-testid=new-client-id]").InnerTextAsync()).Trim();
        Assert.StartsWith("tpc_", clientId, StringComparison.Ordinal);
        Assert.StartsWith("tps_", (await page.Locator("[data-testid=new-client-secret]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var grant = page.Locator($"[data-testid^=grant-{clientId}-]").First;
        await grant.CheckAsync();
        await page.ClickAsync($"[data-testid=save-grants-{clientId}]");
        await page.Locator($"[data-testid=client-{clientId}]").WaitForAsync();
        Assert.True(await page.Locator($"[data-testid^=grant-{clientId}-]").First.IsCheckedAsync());
        Assert.Equal(0, await page.Locator("[data-testid=new-client-secret]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "exchange-clients.png"), FullPage = true });

        await page.GotoAsync("/exchange?lang=en");
        Assert.Contains("Published footprints", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("active", await page.Locator("[data-testid=published] [data-testid=pf-status]").First.InnerTextAsync(), StringComparison.Ordinal);
    }
}
