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

    /// <summary>The .ods holds exactly the cells of the .xlsx: same sheets in order, same texts, same numbers at full
    /// precision; it is a valid OpenDocument package (mimetype first and stored, a manifest, content.xml).</summary>
    [Fact]
    public async Task TheOdsExport_HoldsTheSameCellsAsTheXlsx()
    {
        var client = await app.SignInAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var list = await client.GetStringAsync("/inventory");
        var url = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/inventory/[0-9a-f-]{36})\" data-testid=\"inventory-2024\"").Groups[1].Value;
        Assert.Contains($"{url}?handler=MoenvOds", await client.GetStringAsync(url), StringComparison.Ordinal);
        var response = await client.GetAsync(url + "?handler=MoenvOds");
        Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", response.Content.Headers.ContentType?.MediaType);
        var ods = await response.Content.ReadAsByteArrayAsync();
        using var xlsx = new MemoryStream(await client.GetByteArrayAsync(url + "?handler=Moenv"));

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(ods));
        Assert.Equal("mimetype", zip.Entries[0].FullName);
        Assert.Equal(zip.Entries[0].Length, zip.Entries[0].CompressedLength);
        using (var reader = new StreamReader(zip.Entries[0].Open()))
        {
            Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", await reader.ReadToEndAsync());
        }

        var manifest = System.Xml.Linq.XDocument.Load(zip.GetEntry("META-INF/manifest.xml")!.Open());
        Assert.Contains(manifest.Descendants(), e => e.Attributes().Any(a => a.Name.LocalName == "full-path" && a.Value == "content.xml"));
        var sheets = OdsSheets(System.Xml.Linq.XDocument.Load(zip.GetEntry("content.xml")!.Open()));
        Assert.Equal(MoenvInventoryForm.Sheets.Select(s => s.Sheet), sheets.Keys);

        var compared = 0;
        foreach (var (sheet, _) in MoenvInventoryForm.Sheets)
        {
            var rows = xlsx.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            var expected = new Dictionary<(int, int), object>();
            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var (letters, value) in rows[r])
                {
                    if (value is not null && value.ToString() != string.Empty)
                    {
                        expected[(r + 1, MoenvInventoryForm.Col(letters))] = value;
                    }
                }
            }

            Assert.Equal(expected.Keys.Order(), sheets[sheet].Keys.Order());
            foreach (var (cell, value) in expected)
            {
                var actual = sheets[sheet][cell];
                if (value is double or decimal or int or long)
                {
                    Assert.Equal(Convert.ToDecimal(value, CultureInfo.InvariantCulture), Assert.IsType<decimal>(actual), 10);
                }
                else
                {
                    Assert.Equal(value.ToString(), actual);
                }

                compared++;
            }
        }

        Assert.True(compared > 500, $"{compared} cells compared");
    }

    /// <summary>An ODS reader for the test: repeated rows and cells expanded, text:s and text:tab restored, floats
    /// from office:value.</summary>
    private static Dictionary<string, Dictionary<(int Row, int Col), object>> OdsSheets(System.Xml.Linq.XDocument content)
    {
        System.Xml.Linq.XNamespace table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0", office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0", text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
        static int Repeat(System.Xml.Linq.XElement e, System.Xml.Linq.XName name) => (int?)e.Attribute(name) ?? 1;
        string Text(System.Xml.Linq.XElement p) => string.Concat(p.Nodes().Select(n => n switch
        {
            System.Xml.Linq.XText t => t.Value,
            System.Xml.Linq.XElement { Name.LocalName: "s" } s => new string(' ', (int?)s.Attribute(text + "c") ?? 1),
            System.Xml.Linq.XElement { Name.LocalName: "tab" } => "\t",
            _ => string.Empty,
        }));
        var result = new Dictionary<string, Dictionary<(int, int), object>>();
        foreach (var sheet in content.Descendants(table + "table"))
        {
            var cells = new Dictionary<(int, int), object>();
            var row = 1;
            foreach (var r in sheet.Elements(table + "table-row"))
            {
                var col = 1;
                foreach (var c in r.Elements(table + "table-cell"))
                {
                    var type = (string?)c.Attribute(office + "value-type");
                    if (type == "float")
                    {
                        cells[(row, col)] = decimal.Parse((string)c.Attribute(office + "value")!, NumberStyles.Float, CultureInfo.InvariantCulture);
                    }
                    else if (type == "string")
                    {
                        cells[(row, col)] = string.Join("\n", c.Elements(text + "p").Select(Text));
                    }

                    col += Repeat(c, table + "number-columns-repeated");
                }

                row += Repeat(r, table + "number-rows-repeated");
            }

            result[(string)sheet.Attribute(table + "name")!] = cells;
        }

        return result;
    }

    private static string Testid(string html, string id) =>
        System.Text.RegularExpressions.Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<").Groups[1].Value.Trim();
}
