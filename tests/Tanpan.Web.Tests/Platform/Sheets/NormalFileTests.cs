using Tanpan.Engine.Common;
using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Tanpan.Web.Tests.Platform.Sheets.Support;
using Xunit.Abstractions;

using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Tests.Platform.Sheets;

/// <summary>Files at the limits must pass, and how long MiniExcel then takes is the number the limits buy.</summary>
[Collection("upload-guard")]
public sealed class NormalFileTests(ITestOutputHelper output)
{
    private static readonly string[] Headers =
    [
        "排放源 source", "開始日期 from", "結束日期 to", "數量 quantity", "單位 unit", "尖峰度數 peak_kwh", "半尖峰度數 semi_peak_kwh",
        "週六半尖峰度數 saturday_semi_peak_kwh", "離峰度數 off_peak_kwh", "契約容量 contract_kw", "單據 reference",
    ];

    /// <summary>Like Excel writes it: text in sharedStrings.xml, dates as date-styled serials, numbers raw.</summary>
    internal static byte[] ActivityWorkbook(int rows) => Xlsx.Build(
        s =>
        {
            var header = new StringBuilder("<row r=\"1\">");
            for (var c = 0; c < Headers.Length; c++)
            {
                header.Append(CultureInfo.InvariantCulture, $"<c r=\"{SheetCells.ColumnName(c)}1\" t=\"s\"><v>{c}</v></c>");
            }

            Xlsx.Write(s, header.Append("</row>").ToString());
            for (var r = 2; r <= rows + 1; r++)
            {
                var source = Headers.Length + (r % 20);
                var reference = Headers.Length + 20 + (r - 2);
                Xlsx.Write(s, string.Create(CultureInfo.InvariantCulture,
                    $"<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>{source}</v></c><c r=\"B{r}\" s=\"1\"><v>{45292 + r % 300}</v></c><c r=\"C{r}\" s=\"1\"><v>{45322 + r % 300}</v></c>" +
                    $"<c r=\"D{r}\"><v>{r * 1.25}</v></c><c r=\"E{r}\" t=\"s\"><v>{Headers.Length + 19}</v></c><c r=\"F{r}\"><v>{r % 1000}</v></c><c r=\"G{r}\"><v>{r % 700}</v></c>" +
                    $"<c r=\"H{r}\"><v>{r % 50}</v></c><c r=\"I{r}\"><v>{r % 3000}</v></c><c r=\"J{r}\"><v>300</v></c><c r=\"K{r}\" t=\"s\"><v>{reference}</v></c></row>"));
            }
        },
        s =>
        {
            foreach (var h in Headers)
            {
                Xlsx.Write(s, $"<si><t>{h}</t></si>");
            }

            for (var i = 0; i < 20; i++)
            {
                Xlsx.Write(s, i == 19 ? "<si><t>kWh</t></si>" : $"<si><t>全廠用電 {i}</t></si>");
            }

            for (var r = 2; r <= rows + 1; r++)
            {
                Xlsx.Write(s, string.Create(CultureInfo.InvariantCulture, $"<si><t>BILL-{r:D6}</t></si>"));
            }
        },
        sheetName: "活動數據");

    internal static byte[] ActivityCsv(int rows)
    {
        var sb = new StringBuilder(string.Join(',', Headers)).Append("\r\n");
        for (var r = 2; r <= rows + 1; r++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"全廠用電 {r % 20},2024-01-{1 + r % 28:D2},2024/2/{1 + r % 28},{r * 1.25},kWh,{r % 1000},{r % 700},{r % 50},{r % 3000},300,BILL-{r:D6}\r\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Theory]
    [InlineData(SpreadsheetKind.Xlsx)]
    [InlineData(SpreadsheetKind.Csv)]
    public void Fifty_thousand_rows_pass_and_read(SpreadsheetKind kind)
    {
        var file = kind == SpreadsheetKind.Xlsx ? ActivityWorkbook(50_000) : ActivityCsv(50_000);
        var name = kind == SpreadsheetKind.Xlsx ? "activity.xlsx" : "activity.csv";
        output.WriteLine($"{name}: {file.Length:N0} bytes");

        var (check, _) = Measure.Run(output, $"guard, 50,000-row {kind}", () => UploadGuard.Check(new MemoryStream(file), name));
        Assert.True(check.IsOk, check.Failure?.Message);

        var (plain, _) = Measure.Run(output, $"MiniExcel.Query default config, 50,000-row {kind}", () =>
            (kind == SpreadsheetKind.Xlsx
                ? MiniExcel.Query(new MemoryStream(file), useHeaderRow: true, sheetName: "活動數據", excelType: ExcelType.XLSX)
                : MiniExcel.Query(new MemoryStream(file), useHeaderRow: true, excelType: ExcelType.CSV)).Count());
        var (guarded, _) = Measure.Run(output, $"SheetRows.Query (safe config + limits), 50,000-row {kind}", () =>
            SheetRows.Query(new MemoryStream(file), kind, "活動數據").Count());
        var (errors, _) = Measure.Run(output, $"SheetRows.Query + SheetCells on every cell, 50,000-row {kind}", () => ReadLikeTheImport(file, kind));

        Assert.Equal(50_000, plain);
        Assert.Equal(50_000, guarded);
        Assert.Empty(errors);
    }

    [Fact]
    public void Read_time_grows_linearly_with_rows()
    {
        foreach (var kind in new[] { SpreadsheetKind.Xlsx, SpreadsheetKind.Csv })
        {
            var perRow = new List<double>();
            foreach (var rows in new[] { 12_500, 25_000, 50_000 })
            {
                var file = kind == SpreadsheetKind.Xlsx ? ActivityWorkbook(rows) : ActivityCsv(rows);
                Assert.Equal(rows, SheetRows.Query(new MemoryStream(file), kind, "活動數據").Count());   // warm-up
                var (_, m) = Measure.Run(output, $"SheetRows.Query, {rows:N0}-row {kind}", () => SheetRows.Query(new MemoryStream(file), kind, "活動數據").Count());
                perRow.Add(m.ElapsedMs * 1000 / rows);
            }

            output.WriteLine($"{kind}: µs per row at 12.5k / 25k / 50k rows = {string.Join(" / ", perRow.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))}");
        }
    }

    [Fact]
    public void Worst_case_within_the_limits_whitespace_costs()
    {
        // 45 MB of spaces in the sheet, honestly declared: allowed (under 50 MB), so this is the ceiling the uncompressed limit sets.
        var file = Xlsx.Build(s =>
        {
            Xlsx.Write(s, "<row r=\"1\">" + Xlsx.Inline("A", 1, "H") + "</row>");
            Xlsx.Repeat(s, (byte)' ', 45_000_000);
            Xlsx.Write(s, "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>");
        });
        output.WriteLine($"45 MB whitespace sheet: {file.Length:N0} bytes compressed");

        var (check, _) = Measure.Run(output, "guard, 45 MB whitespace in the sheet", () => UploadGuard.Check(new MemoryStream(file), "ws.xlsx"));
        var (rows, _) = Measure.Run(output, "MiniExcel read, 45 MB whitespace in the sheet", () => SheetRows.Query(new MemoryStream(file), SpreadsheetKind.Xlsx, "Data").Count());

        Assert.True(check.IsOk);
        Assert.Equal(1, rows);
    }

    private static List<FieldError> ReadLikeTheImport(byte[] file, SpreadsheetKind kind)
    {
        var errors = new List<FieldError>();
        var sheet = kind == SpreadsheetKind.Xlsx ? "活動數據" : "CSV";
        foreach (var row in SheetRows.Query(new MemoryStream(file), kind, "活動數據"))
        {
            string Cell(int c) => SheetCells.Address(sheet, c, row.Number);
            _ = SheetCells.Text(row.Values, Headers, 0);
            _ = SheetCells.Date(row.Values, Headers, 1, Cell(1), errors);
            _ = SheetCells.Date(row.Values, Headers, 2, Cell(2), errors);
            _ = SheetCells.Number(row.Values, Headers, 3, Cell(3), errors, NumberRange.Quantity);
            _ = SheetCells.Text(row.Values, Headers, 4);
            for (var c = 5; c <= 9; c++)
            {
                _ = SheetCells.Number(row.Values, Headers, c, Cell(c), errors, NumberRange.Quantity);
            }

            _ = SheetCells.Text(row.Values, Headers, 10);
        }

        return errors;
    }
}
