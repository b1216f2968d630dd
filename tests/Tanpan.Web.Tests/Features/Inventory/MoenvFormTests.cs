using System.Globalization;
using MiniExcelLibs;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Tests.Features.Tour;

namespace Tanpan.Web.Tests.Features.Inventory;

/// <summary>The demo's 2024 inventory exported in MOENV's 溫室氣體排放量清冊表單 layout and read back: the 19 sheets
/// in order, every header cell where the form has it, and the numbers (scope 1 and 2) equal to the inventory's own,
/// the second and third gas slots included.</summary>
public sealed class MoenvFormTests(DemoTourApp app) : IClassFixture<DemoTourApp>
{
    [Fact]
    public async Task TheExport_HasTheFormsSheetsAndHeaders_AndTheInventorysNumbers()
    {
        var client = await app.SignInAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var list = await client.GetStringAsync("/inventory");
        var url = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/inventory/[0-9a-f-]{36})\" data-testid=\"inventory-2024\"").Groups[1].Value;
        var page = await client.GetStringAsync(url);
        // The list of years shows each year's total, the same as its page.
        Assert.Equal(Testid(page, "total"), Testid(list, "total-2024"));
        Assert.NotEmpty(Testid(list, "total-2023"));
        var response = await client.GetAsync(url + "?handler=Moenv");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(MoenvInventoryForm.Sheets.Select(s => s.Sheet), stream.GetSheetNames());
        var sheets = MoenvInventoryForm.Sheets.ToDictionary(s => s.Sheet, s => stream.Query(useHeaderRow: false, sheetName: s.Sheet).Cast<IDictionary<string, object?>>().ToList());
        object? Cell(string sheet, string address)
        {
            var (row, col) = MoenvInventoryForm.Address(address);
            var rows = sheets[sheet];
            return row <= rows.Count && rows[row - 1].TryGetValue(MoenvInventoryForm.Letters(col), out var v) ? v : null;
        }

        decimal Number(string sheet, string address) => Convert.ToDecimal(Cell(sheet, address), CultureInfo.InvariantCulture);

        var headers = MoenvInventoryForm.HeaderCells;
        Assert.True(headers.Count > 300);
        Assert.All(headers, h => Assert.Equal(h.Text, Cell(h.Sheet, h.Cell)?.ToString()));

        // 表一: the ROC year and the company.
        Assert.Equal(113m, Number("表一", "B3"));
        Assert.StartsWith("示範精密機械", Cell("表一", "D3")?.ToString(), StringComparison.Ordinal);

        // 表五 and 表八 against the inventory's own scope 1 + scope 2.
        var scope1 = decimal.Parse(Testid(page, "scope-1"), NumberStyles.Number, CultureInfo.GetCultureInfo("zh-TW"));
        var scope2 = decimal.Parse(Testid(page, "scope-2"), NumberStyles.Number, CultureInfo.GetCultureInfo("zh-TW"));
        Assert.Equal(scope1 + scope2, Math.Round(Number("表八", "I8"), 3));
        Assert.Equal(scope1, Math.Round(Number("表八", "I14"), 3));
        Assert.Equal(scope2, Math.Round(Number("表八", "F21"), 3));

        var rows = Enumerable.Range(3, 40).Where(r => Cell("表五", $"A{r}") is not null).ToList();
        Assert.Equal(6, rows.Count);
        var sumRows = rows.Sum(r => Number("表五", $"AU{r}"));
        Assert.Equal(scope1 + scope2, Math.Round(sumRows, 3));
        foreach (var r in rows)
        {
            // Each source's subtotal is the sum of its gas slots, #2 and #3 included.
            var slots = new[] { "Z", "AJ", "AT" }.Select(c => Cell("表五", $"{c}{r}") is null ? 0m : Number("表五", $"{c}{r}")).Sum();
            Assert.Equal(Number("表五", $"AU{r}"), slots, 3);
        }

        var grid = rows.Single(r => Cell("表五", $"L{r}")?.ToString() == "外購電力");
        Assert.Equal("千度", Cell("表五", $"N{grid}"));
        Assert.Equal(0.474m, Number("表五", $"T{grid}"));
        Assert.Equal("併網", Cell("表三", $"M{grid}"));
        var diesel = rows.First(r => Cell("表五", $"L{r}")?.ToString() == "移動燃燒");
        Assert.Equal("CO2", Cell("表五", $"Q{diesel}"));
        Assert.Equal("CH4", Cell("表五", $"AA{diesel}"));
        Assert.Equal("N2O", Cell("表五", $"AK{diesel}"));
        Assert.Equal("公秉", Cell("表四", $"P{diesel}"));

        // 表六 and 彙整表五: the grade as the page shows it for these sources.
        Assert.Contains(Cell("表八", "D31")?.ToString(), new[] { "第一級", "第二級", "第三級" });
        Assert.Equal(rows.Count, (int)(Number("表八", "B30") + Number("表八", "C30") + Number("表八", "D30")));
        Assert.Equal(Math.Round(rows.Sum(r => Number("表六", $"S{r}")), 2), Number("表八", "B31"));
        Assert.True(Number("表八", "D36") > 0);
    }

    private static string Testid(string html, string id) =>
        System.Text.RegularExpressions.Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<").Groups[1].Value.Trim();
}
