using System.Text;
using MiniExcelLibs;
using Tanpan.Web.Tests.Platform.Sheets.Support;
using Xunit.Abstractions;

using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Tests.Platform.Sheets;

/// <summary>The row reader on its own (no guard first): limits hold on what MiniExcel actually yields.</summary>
[Collection("upload-guard")]
public sealed class RowLimitTests(ITestOutputHelper output)
{
    private static IEnumerable<IDictionary<string, object?>> Endless()
    {
        for (var i = 0; ; i++)
        {
            yield return new Dictionary<string, object?> { ["n"] = (double)i };
        }
    }

    [Fact]
    public void An_endless_source_stops_one_row_past_the_limit()
    {
        var ex = Assert.Throws<UploadRejectedException>(() => SheetRows.Enforce(Endless(), "活動數據").Count());

        Assert.Equal(UploadCodes.TooManyRows, ex.Failure.Code);
        Assert.Equal("活動數據", ex.Failure.Sheet);
        Assert.Equal(50_001, ex.Failure.Actual);
    }

    [Fact]
    public void A_sheet_whose_dimension_claims_three_rows_but_holds_a_million_stops_at_the_limit()
    {
        var file = Xlsx.Build(s =>
        {
            Xlsx.Write(s, "<row r=\"1\">" + Xlsx.Inline("A", 1, "n") + "</row>");
            for (var r = 2; r <= 1_000_001; r++)
            {
                Xlsx.Write(s, $"<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c></row>");
            }
        }, sheetName: "活動數據", beforeSheetData: "<dimension ref=\"A1:A3\"/>");
        output.WriteLine($"1,000,000-row sheet: {file.Length:N0} bytes compressed");

        var (error, m) = Measure.Run(output, "row reader over a 1,000,000-row sheet declaring A1:A3", () =>
            Record.Exception(() => SheetRows.Query(new MemoryStream(file), SpreadsheetKind.Xlsx, "活動數據", UploadLimits.Default).Count()));

        var failure = Assert.IsType<UploadRejectedException>(error).Failure;
        Assert.Equal(UploadCodes.TooManyRows, failure.Code);
        Assert.Equal("活動數據", failure.Sheet);
        Assert.Equal(UploadCodes.TooManyRows, UploadGuard.Check(new MemoryStream(file), "a.xlsx").Failure?.Code);
    }

    [Fact]
    public void A_row_number_jump_that_miniexcel_fills_with_empty_rows_stops_at_the_limit()
    {
        var file = Xlsx.Build(s => Xlsx.Write(s, "<row r=\"1\">" + Xlsx.Inline("A", 1, "n") + "</row><row r=\"1048576\"/>"));

        var (error, _) = Measure.Run(output, "row reader over <row r=1> then <row r=1048576>", () =>
            Record.Exception(() => SheetRows.Query(new MemoryStream(file), SpreadsheetKind.Xlsx, "Data").Count()));

        Assert.Equal(UploadCodes.TooManyRows, Assert.IsType<UploadRejectedException>(error).Failure.Code);
    }

    [Fact]
    public void Sixty_thousand_csv_rows_stop_at_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes(CsvTests.Rows(60_000));

        var ex = Assert.Throws<UploadRejectedException>(() => SheetRows.Query(new MemoryStream(bytes), SpreadsheetKind.Csv, null).Count());

        Assert.Equal((UploadCodes.TooManyRows, "CSV"), (ex.Failure.Code, ex.Failure.Sheet));
    }

    [Fact]
    public void Long_cells_and_wide_rows_are_refused_with_the_cell()
    {
        var longCell = new[] { new Dictionary<string, object?> { ["a"] = "ok", ["b"] = new string('x', 40_000) } };
        var wide = new[] { Enumerable.Range(0, 300).ToDictionary(i => "c" + i, object? (i) => null) };

        var l = Assert.Throws<UploadRejectedException>(() => SheetRows.Enforce(longCell, "活動數據").ToList()).Failure;
        var w = Assert.Throws<UploadRejectedException>(() => SheetRows.Enforce(wide, "活動數據").ToList()).Failure;

        Assert.Equal((UploadCodes.CellTooLong, "活動數據!B2"), (l.Code, l.Cell));
        Assert.Equal(UploadCodes.TooManyColumns, w.Code);
    }

    [Theory]
    [InlineData("<c r=\"A2\" s=\"2\"><v>1E+10</v></c>", "out of range")]   // time-formatted 1e10 days: TimeSpan.FromDays overflows inside MiniExcel
    [InlineData("<c r=\"A2\" s=\"2\"><v>NaN</v></c>", "out of range")]     // TimeSpan.FromDays(NaN) throws ArgumentException
    [InlineData("<c r=\"A2\" t=\"str\"><v>@@@fileid@@@,xl/none.bin</v></c>", null)]  // dangling file reference: NullReferenceException by default
    public void Exceptions_thrown_inside_miniexcel_become_rejections(string cell, string? reason)
    {
        var file = Xlsx.Build(s => Xlsx.Write(s, "<row r=\"1\">" + Xlsx.Inline("A", 1, "H") + "</row><row r=\"2\">" + cell + "</row>"));
        var plain = Record.Exception(() => MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).ToList());
        output.WriteLine($"plain MiniExcel: {plain?.GetType().Name ?? "no exception"}: {plain?.Message}");

        var error = Record.Exception(() => SheetRows.Enforce(MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).Cast<IDictionary<string, object?>>(), "Data").ToList());

        Assert.NotNull(plain);
        var failure = Assert.IsType<UploadRejectedException>(error).Failure;
        Assert.Equal(UploadCodes.Unreadable, failure.Code);
        Assert.Contains("row 2", failure.Message, StringComparison.Ordinal);
        if (reason is not null)
        {
            Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Safe_xlsx_configuration_reads_file_references_as_text()
    {
        var file = Xlsx.Build(s => Xlsx.Write(s, "<row r=\"1\">" + Xlsx.Inline("A", 1, "H") + "</row><row r=\"2\"><c r=\"A2\" t=\"str\"><v>@@@fileid@@@,xl/workbook.xml</v></c></row>"));

        var row = Assert.Single(SheetRows.Query(new MemoryStream(file), SpreadsheetKind.Xlsx, "Data"));

        Assert.Equal("@@@fileid@@@,xl/workbook.xml", row.Values["H"]);
    }

    [Fact]
    public void Csv_rows_with_more_or_fewer_fields_than_the_header_are_rejections_not_crashes()
    {
        var longer = Encoding.UTF8.GetBytes("a,b\n1,2,3\n");
        var shorter = Encoding.UTF8.GetBytes("a,b\n1\n");

        var l = Assert.Throws<UploadRejectedException>(() => SheetRows.Query(new MemoryStream(longer), SpreadsheetKind.Csv, null).ToList()).Failure;
        var s = Assert.Throws<UploadRejectedException>(() => SheetRows.Query(new MemoryStream(shorter), SpreadsheetKind.Csv, null).ToList()).Failure;

        Assert.Contains("more columns", l.Message, StringComparison.Ordinal);
        Assert.Contains("fewer columns", s.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_sheet_is_a_rejection()
    {
        var file = Xlsx.FromRows([Xlsx.Inline("A", 1, "H")]);

        var failure = Assert.Throws<UploadRejectedException>(() => SheetRows.Query(new MemoryStream(file), SpreadsheetKind.Xlsx, "活動數據").ToList()).Failure;

        Assert.Equal(UploadCodes.Unreadable, failure.Code);
        output.WriteLine(failure.Message);
    }
}
