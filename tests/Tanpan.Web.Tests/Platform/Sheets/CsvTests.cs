using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Tanpan.Web.Tests.Platform.Sheets.Support;
using Xunit.Abstractions;

using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Tests.Platform.Sheets;

[Collection("upload-guard")]
public sealed class CsvTests(ITestOutputHelper output)
{
    private UploadCheck Guard(string label, Stream csv, UploadLimits? limits = null)
    {
        var (check, m) = Measure.Run(output, label, () => UploadGuard.Check(csv, "upload.csv", limits));
        output.WriteLine($"  -> {check.Failure?.Code ?? "ok"}: {check.Failure?.Message}");
        Assert.True(m.AllocatedBytes < 100L << 20, $"guard allocated {m.AllocatedBytes:N0} bytes");
        return check;
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void One_gigabyte_of_whitespace_is_refused_without_reading_it()
    {
        var stream = new GeneratedStream(1L << 30, " \t \r\n"u8.ToArray());

        var check = Guard("1 GiB whitespace CSV (generated stream)", stream);

        Assert.Equal(UploadCodes.TooLarge, check.Failure?.Code);
        Assert.Equal(1L << 30, check.Failure?.Actual);
        Assert.True(stream.BytesServed <= 8, $"read {stream.BytesServed} bytes");
    }

    [Fact]
    public void One_huge_line_of_spaces_is_a_cell_too_long()
    {
        // MiniExcel would build a 9.5-million-character string before deciding the line is blank.
        var check = Guard("9.5 MB of spaces, no line break", new GeneratedStream(9_500_000, " "u8.ToArray()));

        Assert.Equal(UploadCodes.CellTooLong, check.Failure?.Code);
        Assert.Equal("CSV!A1", check.Failure?.Cell);
    }

    [Fact]
    public void Only_blank_lines_is_empty()
    {
        Assert.Equal(UploadCodes.Empty, Guard("9.5 MB of blank lines", new GeneratedStream(9_500_000, "  \r\n\n"u8.ToArray())).Failure?.Code);
        Assert.Equal(UploadCodes.Empty, Guard("zero bytes", new MemoryStream()).Failure?.Code);
    }

    [Fact]
    public void One_huge_line_of_fields_is_too_many_columns()
    {
        var check = Guard("9.5 MB line of 'a,'", new GeneratedStream(9_500_000, "a,"u8.ToArray()));

        Assert.Equal(UploadCodes.TooManyColumns, check.Failure?.Code);
    }

    [Fact]
    public void Sixty_thousand_rows_are_refused_before_parsing()
    {
        var check = Guard("60,000-row CSV", Csv(Rows(60_000)));

        Assert.Equal(UploadCodes.TooManyRows, check.Failure?.Code);
        Assert.Equal("CSV", check.Failure?.Sheet);
        Assert.Equal(50_000, check.Failure?.Limit);
    }

    [Fact]
    public void Unclosed_quote_running_over_many_lines_is_refused()
    {
        // MiniExcel re-joins and re-counts quotes for each line inside a quoted field: quadratic in the record's length.
        var text = "Name,Note\na,\"" + string.Concat(Enumerable.Repeat("line\n", 5000));

        var check = Guard("unclosed quote over 5,000 lines", Csv(text));

        Assert.Equal(UploadCodes.TooManyLineBreaks, check.Failure?.Code);
        Assert.Equal("CSV!B2", check.Failure?.Cell);
    }

    [Fact]
    public void Binary_and_zip_content_is_not_a_csv()
    {
        Assert.Equal(UploadCodes.NotASpreadsheet, Guard("NUL bytes", new MemoryStream([(byte)'a', 0, (byte)'b', 0])).Failure?.Code);
        Assert.Equal(UploadCodes.NotASpreadsheet, Guard("zip named .csv", new MemoryStream("PK\u0003\u0004rest"u8.ToArray())).Failure?.Code);
    }

    [Fact]
    public void Quoted_line_breaks_and_utf16_are_read_like_miniexcel_reads_them()
    {
        var text = "Name,Note\r\n\"a\",\"two\r\nlines\"\r\n\r\nb,\"x,y\"\r\n";
        Assert.True(Guard("quoted line break", Csv(text)).IsOk);
        Assert.True(Guard("UTF-16 with BOM", new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray())).IsOk);

        var rows = SheetRows.Query(Csv(text), SpreadsheetKind.Csv, null).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("two\r\nlines", rows[0].Values["Note"]);
        Assert.Equal("x,y", rows[1].Values["Note"]);
    }

    [Fact]
    public void Linear_splitter_gives_the_same_fields_as_miniexcels_regex()
    {
        // MiniExcel's default split, verbatim (CsvReader.Split in 1.46.0).
        static string[] MiniExcelSplit(string row) => Regex.Split(row, "[\t,](?=(?:[^\"]|\"[^\"]*\")*$)")
            .Select(s => Regex.Replace(s.Replace("\"\"", "\"", StringComparison.Ordinal), "^\"|\"$", ""))
            .ToArray();

        var random = new Random(1234);
        const string alphabet = "ab,\t\" \n\r";
        for (var i = 0; i < 20_000; i++)
        {
            var line = new string(Enumerable.Range(0, random.Next(0, 16)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(MiniExcelSplit(line), CsvSplitter.Split(line));
        }
    }

    [Fact]
    public void Default_regex_splitter_is_quadratic_per_line_and_the_linear_one_is_not()
    {
        // 64 columns x 63 characters: within every limit, yet MiniExcel's default split rescans the rest of each 4 KB line at every comma.
        var line = string.Join(',', Enumerable.Repeat(new string('x', 63), 64));
        var text = "H" + string.Concat(Enumerable.Range(1, 63).Select(i => ",H" + i)) + "\n" + string.Concat(Enumerable.Repeat(line + "\n", 250));
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(UploadGuard.Check(new MemoryStream(bytes), "wide.csv").IsOk);

        var (defaultRows, d) = Measure.Run(output, $"MiniExcel default split, {bytes.Length / 1024} KB of 64-column rows", () =>
            MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.CSV).Count());
        var (safeRows, s) = Measure.Run(output, $"CsvSplitter, same {bytes.Length / 1024} KB", () =>
            SheetRows.Query(new MemoryStream(bytes), SpreadsheetKind.Csv, null).Count());

        Assert.Equal(250, defaultRows);
        Assert.Equal(250, safeRows);
        output.WriteLine($"default/linear = {d.ElapsedMs / Math.Max(s.ElapsedMs, 0.1):F0}x; a 10 MB file of such rows would take ~{d.ElapsedMs * 10_240 / (bytes.Length / 1024.0) / 1000:F0} s with the default");
    }

    internal static string Rows(int count)
    {
        var sb = new StringBuilder("排放源 source,開始日期 from,結束日期 to,數量 quantity,單位 unit,單據 reference\r\n");
        for (var i = 1; i <= count; i++)
        {
            sb.Append("全廠用電,2024-01-01,2024/1/31,").Append(1000 + i).Append(".5,kWh,BILL-").Append(i).Append("\r\n");
        }

        return sb.ToString();
    }
}
