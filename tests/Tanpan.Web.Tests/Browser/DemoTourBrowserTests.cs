using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

/// <summary>The seeded demo as a newcomer sees it in Chromium: the dashboard's charts answer a hover with the values
/// of their tables, and every page fits a laptop and a phone (no sideways scrolling of the page, no table cut off,
/// no header broken one character per line). Screenshots of each page go with the test results.</summary>
public sealed partial class DemoTourBrowserTests(DemoBrowserFixture browser) : IClassFixture<DemoBrowserFixture>
{
    [Fact]
    public async Task Dashboard_HoverOnTheMonthlyChart_ShowsThatMonthsValues()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
        var chart = page.Locator("[data-testid=chart-monthly]");
        await chart.Locator("svg path").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var box = (await chart.BoundingBoxAsync())!;

        // Hover over the plot, a little right of the middle: an axis tooltip names the month and its values.
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.55f), box.Y + (box.Height * 0.5f));
        var tooltip = chart.Locator("div").Filter(new LocatorFilterOptions { HasTextRegex = MonthName() }).Last;
        await tooltip.WaitForAsync();
        var text = await tooltip.InnerTextAsync();
        var month = MonthName().Match(text).Value;

        var row = page.Locator("[data-testid=chart-table-monthly] tbody tr").Filter(new LocatorFilterOptions { Has = page.Locator($"th:text-is('{month}')") });
        var tableValues = (await row.Locator("td").AllInnerTextsAsync()).Select(Number).ToList();
        var tooltipValues = Numbers().Matches(text).Select(m => Number(m.Value)).ToList();
        Assert.Equal(4, tableValues.Count);
        foreach (var value in tableValues)
        {
            Assert.Contains(tooltipValues, v => Math.Abs(v - value) < 0.001m);
        }

        Assert.Empty(await browser.CspViolationsAsync(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task AnEntryIsCorrected_ThenDeletedAfterAConfirmation_AndTheAuditLogSaysSo()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        await page.GotoAsync("/inventory");
        await page.ClickAsync("[data-testid=inventory-2024]");
        var count = int.Parse(await page.Locator("[data-testid=entry-count]").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        // Correct the generator's diesel: 320 L → 330 L.
        var generator = page.Locator("[data-testid=entries] tbody tr").Filter(new LocatorFilterOptions { HasText = "緊急發電機" });
        await generator.Locator("[data-testid=edit-entry]").ClickAsync();
        await page.FillAsync("[data-testid=edit-quantity]", "330");
        await page.ClickAsync("[data-testid=save-entry]");
        Assert.Contains("已更新", await page.Locator("[data-testid=done]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("330.00", await generator.InnerTextAsync(), StringComparison.Ordinal);

        // Deleting asks first; declining keeps the entry, accepting removes it.
        var answer = false;
        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (answer)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        await generator.Locator("[data-testid=delete-entry]").ClickAsync();
        Assert.Equal(count.ToString("N0", CultureInfo.InvariantCulture), await page.Locator("[data-testid=entry-count]").InnerTextAsync());
        answer = true;
        await generator.Locator("[data-testid=delete-entry]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal((count - 1).ToString("N0", CultureInfo.InvariantCulture), await page.Locator("[data-testid=entry-count]").InnerTextAsync());
        Assert.Equal(2, questions.Count);
        Assert.All(questions, q => Assert.Contains("刪除", q, StringComparison.Ordinal));

        await page.GotoAsync("/inventory/audit");
        var changes = await page.Locator("[data-testid=audit]").InnerTextAsync();
        Assert.Contains("數量 320 → 330", changes, StringComparison.Ordinal);
        Assert.Contains("刪除 活動數據", changes, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "audit-log.png") });
    }

    [Theory]
    [InlineData(1280, 900, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task EveryDemoPage_FitsTheScreen_WithNoTableCutOff(int width, int height, string device)
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/inventory");
        var inventories = await page.Locator("[data-testid=inventories] a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        await page.GotoAsync("/work-orders");
        var workOrder = await page.Locator("a[href^='/work-orders/']").Filter(new LocatorFilterOptions { HasTextRegex = WorkOrderNumber() }).First.GetAttributeAsync("href");
        await page.GotoAsync("/products");
        var product = await page.Locator("[data-testid=product-link]").First.GetAttributeAsync("href");
        string[] paths =
        [
            "/dashboard", "/inventory", .. inventories, inventories[0] + "/significance", "/inventory/register", "/inventory/audit",
            "/work-orders", workOrder!, "/work-orders/new", "/products", product!, "/account", "/account/users", "/account/api-keys", "/calculator",
        ];

        var problems = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            problems.AddRange((await page.EvaluateAsync<string[]>(LayoutProblems)).Select(p => $"{device} {path}: {p}"));
            var name = Regex.Replace(Regex.Replace(path.Trim('/'), "[0-9a-f]{8}-[0-9a-f-]{27}", "detail"), "[^a-z0-9]+", "-") + (path == inventories[^1] && inventories.Length > 1 ? "-base-year" : string.Empty);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{device}-{(name.Length > 40 ? name[..40] : name)}.png"), FullPage = true });
        }

        // The calculator's result table on a phone: with a bill and a fuel entered, total and 100 % stay reachable.
        await page.GotoAsync("/calculator");
        await page.FillAsync("input[name='Input.Bills[0].From']", "2024-01-01");
        await page.FillAsync("input[name='Input.Bills[0].To']", "2024-01-31");
        await page.FillAsync("input[name='Input.Bills[0].PeakKwh']", "3100");
        await page.FillAsync("input[name='Input.Fuels[0].Quantity']", "1000");
        await page.ClickAsync("[data-testid=calculate]");
        await page.Locator("[data-testid=result]").WaitForAsync();
        problems.AddRange((await page.EvaluateAsync<string[]>(LayoutProblems)).Select(p => $"{device} calculator result: {p}"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{device}-calculator-result.png"), FullPage = true });

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every page a user prints, as Chromium lays it out for A4 paper (portrait, 1.5 cm margins): navigation,
    /// forms and buttons are gone, each chart prints as its table, and nothing is wider than the paper — on paper a
    /// scrolling box cuts its table off — nor squeezed to a character per line.</summary>
    [Fact]
    public async Task EveryPrintablePage_FitsA4Portrait_WithChartsAsTables()
    {
        var page = await browser.SignedInPageAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        await page.SetViewportSizeAsync(680, 1000);
        await page.GotoAsync("/inventory");
        var inventories = await page.Locator("[data-testid=inventories] a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        await page.GotoAsync("/work-orders?sort=workOrderNo");
        var workOrder = await page.Locator("a[href^='/work-orders/']").Filter(new LocatorFilterOptions { HasTextRegex = WorkOrderNumber() }).First.GetAttributeAsync("href");
        await page.GotoAsync(workOrder!);
        var verify = await page.Locator("[data-testid=verify-link]").GetAttributeAsync("href");
        await page.GotoAsync("/products");
        var product = await page.Locator("[data-testid=product-link]").First.GetAttributeAsync("href");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var problems = new List<string>();
        var charts = 0;
        string[] paths = ["/dashboard", .. inventories, inventories[0] + "/significance", workOrder!, product!, new Uri(verify!).PathAndQuery, "/factors?q=柴油"];
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            problems.AddRange((await page.EvaluateAsync<string[]>(PrintProblems)).Select(p => $"print {path}: {p}"));
            charts += await page.Locator(".chart-table table").CountAsync();
            var name = Regex.Replace(Regex.Replace(path.Trim('/').Split('?')[0], "[0-9a-f]{8}-[0-9a-f-]{27}", "detail"), "[^a-z0-9]+", "-");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"print-{name}.png"), FullPage = true });
        }

        await page.GotoAsync("/calculator");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.FillAsync("input[name='Input.Bills[0].From']", "2024-01-01");
        await page.FillAsync("input[name='Input.Bills[0].To']", "2024-01-31");
        await page.FillAsync("input[name='Input.Bills[0].PeakKwh']", "3100");
        await page.ClickAsync("[data-testid=calculate]");
        await page.Locator("[data-testid=result]").WaitForAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        problems.AddRange((await page.EvaluateAsync<string[]>(PrintProblems)).Select(p => $"print calculator result: {p}"));
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Margin = new Margin { Top = "15mm", Bottom = "15mm", Left = "15mm", Right = "15mm" } });
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);

        Assert.True(charts >= 4, $"{charts} chart tables printed");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private const string PrintProblems = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          const visible = e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed';
          for (const e of document.querySelectorAll('header.top, nav, form, button, footer, .no-print')) {
            if (visible(e) && e.getBoundingClientRect().height > 0) problems.push(`${e.tagName.toLowerCase()}${e.dataset.testid ? '[' + e.dataset.testid + ']' : ''} is printed`);
          }
          for (const box of document.querySelectorAll('div.chart-box')) {
            if (visible(box)) problems.push('a chart drawing is printed instead of its table');
          }
          for (const e of document.querySelectorAll('main *')) {
            const r = e.getBoundingClientRect();
            if (r.width > 0 && r.right > width + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1)) {
              problems.push(`${e.tagName.toLowerCase()} "${(e.innerText || '').trim().slice(0, 30)}" runs off the paper (${Math.round(r.right)} > ${width})`);
            }
          }
          for (const e of document.querySelectorAll('th, td, h1, h2, h3, dt, dd')) {
            const text = e.innerText.trim();
            const size = parseFloat(getComputedStyle(e).fontSize);
            if (text.length > 2 && visible(e) && e.getBoundingClientRect().width < size * 1.9) problems.push(`"${text.slice(0, 20)}" is squeezed to ${Math.round(e.getBoundingClientRect().width)}px`);
          }
          for (const e of document.querySelectorAll('td.num, th.num')) {
            // A number is never split over two lines (26.01 / 7).
            const range = document.createRange();
            range.selectNodeContents(e);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
            if (visible(e) && lines > 1 && !e.querySelector('br, div, ul')) problems.push(`number "${e.innerText.trim().slice(0, 20)}" is split over ${lines} lines`);
          }
          return problems.slice(0, 10);
        }
        """;

    // The page must not scroll sideways; a table wider than its box must sit in a box that scrolls; a header or
    // heading must not be squeezed to one character a line (narrower than two characters while holding more).
    private const string LayoutProblems = """
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > root.clientWidth + 1));
            problems.push(`page scrolls sideways (${root.scrollWidth} > ${root.clientWidth}): ${wide.slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.innerText || '').slice(0, 30)).join('; ')}`);
          }
          for (const table of document.querySelectorAll('table:not(.chart-table table)')) {
            let box = table.parentElement, scrolls = false;
            for (let e = table.parentElement; e && e !== document.body; e = e.parentElement) {
              const overflow = getComputedStyle(e).overflowX;
              if (overflow === 'auto' || overflow === 'scroll') { scrolls = true; box = e; break; }
            }
            const right = table.getBoundingClientRect().right, limit = box.getBoundingClientRect().right;
            if (!scrolls && right > limit + 1) problems.push(`table ${table.dataset.testid || ''} cut off (${Math.round(right)} > ${Math.round(limit)})`);
          }
          for (const e of document.querySelectorAll('th, h1, h2, h3, label')) {
            const text = e.innerText.trim();
            const size = parseFloat(getComputedStyle(e).fontSize);
            if (text.length > 2 && e.offsetParent !== null && e.getBoundingClientRect().width < size * 1.9) problems.push(`"${text.slice(0, 20)}" is squeezed to ${Math.round(e.getBoundingClientRect().width)}px`);
          }
          return problems;
        }
        """;

    private static decimal Number(string text) => decimal.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(1[0-2]|[1-9])月")]
    private static partial Regex MonthName();

    [GeneratedRegex(@"\d[\d,]*\.?\d*")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"^WO-")]
    private static partial Regex WorkOrderNumber();
}
