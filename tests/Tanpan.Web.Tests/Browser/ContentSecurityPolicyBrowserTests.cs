using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

/// <summary>The main pages work in Chromium under the strict Content-Security-Policy: no inline script or style is
/// blocked, the scripts that exist (print buttons, the factor search, the API reference) still run.</summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string StrictScripts = "script-src 'self';";

    [Fact]
    public async Task MainPages_ReportNoCspViolations()
    {
        var page = await browser.NewPageAsync();
        foreach (var path in new[] { "/", "/login", "/register", "/forgot-password", "/contact", "/calculator?lang=en" })
        {
            await VisitAsync(page, path);
        }

        // The quick calculator's result, with its print button wired by /js/site.js.
        await VisitAsync(page, "/calculator");
        await page.FillAsync("[data-testid=year]", "2024");
        await page.FillAsync("input[name='Input.Bills[0].From']", "2024-01-01");
        await page.FillAsync("input[name='Input.Bills[0].To']", "2024-01-31");
        await page.FillAsync("input[name='Input.Bills[0].PeakKwh']", "1000");
        await page.ClickAsync("[data-testid=calculate]");
        await page.Locator("[data-testid=result]").WaitForAsync();
        Assert.Equal(1, await page.Locator("button[data-action=print]").CountAsync());

        // The factor lookup, inside the app's layout.
        await VisitAsync(page, "/factors");
        await page.FillAsync("[data-testid=factor-query]", "柴油");
        await page.ClickAsync("[data-testid=factor-search] button");
        await page.WaitForURLAsync("**/factors?q=*");
        Assert.Contains("fuel.diesel", await page.Locator("[data-testid=factor-results]").InnerTextAsync(), StringComparison.Ordinal);

        // The API reference offers nothing that needs the internet.
        Assert.Equal(0, await (await page.GotoAsync("/api-docs/"))!.Request.Frame.Page.Locator("text=Open API Client").CountAsync());

        // The API reference renders under its own policy (nonce for its boot script).
        var docs = await page.GotoAsync("/api-docs/");
        Assert.Contains("'nonce-", docs!.Headers["content-security-policy"], StringComparison.Ordinal);
        await page.GetByText("Calculate an ISO 14064-1 inventory").First.WaitForAsync();

        var member = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        await VisitAsync(member, "/inventory/register");
        await member.FillAsync("[data-testid=facility-name]", "總廠");
        await member.ClickAsync("[data-testid=add-facility]");
        await member.SelectOptionAsync("[data-testid=source-category]", "2.1");
        await member.SelectOptionAsync("[data-testid=source-activity]", "electricity.grid.tw");
        await member.FillAsync("[data-testid=source-description]", "總廠用電");
        await member.ClickAsync("[data-testid=add-source]");
        await VisitAsync(member, "/inventory");
        await member.FillAsync("#Year", "2024");
        await member.ClickAsync("[data-testid=create-inventory]");
        await member.Locator("[data-testid=bill-form]").WaitForAsync();
        await member.FillAsync("[data-testid=bill-from]", "2024-03-01");
        await member.FillAsync("[data-testid=bill-to]", "2024-03-31");
        await member.FillAsync("[data-testid=bill-peak]", "5000");
        await member.ClickAsync("[data-testid=add-bill]");
        // The results' chart, drawn by ECharts from /lib (no inline style or script), and its class-based sizing.
        await member.Locator("[data-testid=chart-month] svg path").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.Equal("240px", await member.Locator("[data-testid=chart-month]").EvaluateAsync<string>("e => getComputedStyle(e).height"));
        await member.HoverAsync("[data-testid=chart-month] svg");

        foreach (var path in new[] { "/dashboard", "/account", "/work-orders", "/work-orders/new", "/account/users", "/account/company", "/portal", "/portal/cases", "/portal/vendors", "/portal/requests", "/portal/announcements" })
        {
            await VisitAsync(member, path);
        }

        var op = await browser.SignedInPageAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        foreach (var path in new[] { "/operator/members", "/operator/announcements", "/operator/template", "/operator/certificate", "/operator/tariffs", "/operator/portal/cases", "/operator/portal/vendors", "/operator/portal/announcements", "/operator/portal/requests" })
        {
            await VisitAsync(op, path);
        }

        // The home page's two columns come from site.css, not from style attributes.
        await VisitAsync(page, "/");
        Assert.Equal("row", await page.Locator("section[data-testid=news]").EvaluateAsync<string>("e => getComputedStyle(e.parentElement).flexDirection"));

        var violations = new List<string>();
        foreach (var p in new[] { page, member, op })
        {
            violations.AddRange(await browser.CspViolationsAsync(p));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task AnInlineStyle_IsBlockedAndReported()
    {
        var page = await browser.NewPageAsync();
        await VisitAsync(page, "/login");

        // Control for the test above: the recorder does see a violation when there is one.
        await page.EvaluateAsync("() => document.body.setAttribute('style', 'background: red')");
        await page.WaitForTimeoutAsync(200);

        Assert.Contains(await browser.CspViolationsAsync(page), v => v.Contains("style-src", StringComparison.Ordinal) && v.Contains("/login", StringComparison.Ordinal));
        Assert.NotEqual("rgb(255, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    private static async Task VisitAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
        Assert.Contains(StrictScripts, response!.Headers["content-security-policy"], StringComparison.Ordinal);
    }
}
