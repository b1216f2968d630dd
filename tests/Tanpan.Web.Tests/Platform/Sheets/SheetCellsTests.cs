using Tanpan.Engine.Common;
using Tanpan.Web.Tests.Platform.Sheets.Support;

using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Tests.Platform.Sheets;

[Collection("upload-guard")]
public sealed class SheetCellsTests
{
    private static readonly string[] Columns = ["v"];
    private const string Cell = "活動數據!D5";

    private static Dictionary<string, object?> Row(object? value) => new() { ["v"] = value };

    /// <summary>Every kind of value MiniExcel can hand out, plus the awkward ones.</summary>
    public static TheoryData<object?> OddValues() =>
    [
        null, "", "   ", "\u200B", "\uFEFF", double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 7.9e28, 7.9e29, 1e16, -1e16, 1e15, double.Epsilon,
        -0.0, 1e-300, float.NaN, 3.4e38f, decimal.MaxValue, decimal.MinValue, long.MaxValue, long.MinValue, int.MinValue, ulong.MaxValue, (byte)1,
        true, false, TimeSpan.MaxValue, TimeSpan.MinValue, TimeSpan.Zero, DateTime.MinValue, DateTime.MaxValue, new DateTime(1899, 12, 31), new DateTime(2101, 1, 1),
        new DateTime(2024, 2, 29, 13, 5, 0), DateTimeOffset.MaxValue, DateOnly.MaxValue, 1e10, -1e6, 2958466.0, -657435.0, 0.0, 1.0, 2.0, 73415.99, 73416.0,
        "1E+300", "1e-300", "NaN", "Infinity", "-∞", "７.９e２８", "１２３", "1,234.5", "１，２３４", "12 345", "0x10", "(5)", "$5", "5%",
        "2024-02-30", "2024/2/3", "2024-2-3", "2024-02-03T10:00:00", "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "２０２４－０１－０１",
        "\0", "a\0b", "\uD800", "\uDC00x", "x\uD83D", "😀", "\u202Eevil", "e\u0301", "ﬁ", "\u00A0 12 \u00A0", "\t\r\n5\r\n",
        new string('9', 1_000_000), new string('x', 100_000) + "\uD800", new byte[10], new object(), DBNull.Value, Guid.Empty, 'c', new[] { 1, 2 },
    ];

    [Theory]
    [MemberData(nameof(OddValues))]
    public void Never_throws_and_every_rejection_names_the_cell(object? value)
    {
        var row = Row(value);
        var errors = new List<FieldError>();

        _ = SheetCells.IsBlank(value);
        _ = SheetCells.Text(row, Columns, 0);
        _ = SheetCells.Text(row, Columns, 0, Cell, errors, 100);
        _ = SheetCells.Number(row, Columns, 0, Cell, errors);
        _ = SheetCells.Number(row, Columns, 0, Cell, errors, NumberRange.Quantity);
        _ = SheetCells.Date(row, Columns, 0, Cell, errors);
        _ = SheetCells.Text(row, Columns, 7);      // column index out of range reads as blank

        Assert.All(errors, e =>
        {
            Assert.Equal(Cell, e.Path);
            Assert.True(e.Message.Length < 300, e.Message);
            Assert.DoesNotContain('\0', e.Message);
        });
    }

    [Theory]
    [InlineData(1e300, "'1E+300' is not a number between -1e15 and 1e15")]
    [InlineData(double.NaN, "'NaN' is not a number between -1e15 and 1e15")]
    [InlineData(double.PositiveInfinity, "'Infinity' is not a number between -1e15 and 1e15")]
    [InlineData(7.9e28, "'7.9E+28' is not a number between -1e15 and 1e15")]
    [InlineData(1e15 + 2, "'1000000000000002' is not a number between -1e15 and 1e15")]
    [InlineData("1E+300", "'1E+300' is not a number between -1e15 and 1e15")]
    [InlineData(true, "'TRUE' is not a number between -1e15 and 1e15")]
    [InlineData("abc", "'abc' is not a number between -1e15 and 1e15")]
    public void Rejected_numbers_say_what_is_allowed(object value, string message)
    {
        var errors = new List<FieldError>();

        Assert.Null(SheetCells.Number(Row(value), Columns, 0, Cell, errors));

        var error = Assert.Single(errors);
        Assert.Equal((Cell, message), (error.Path, error.Message));
        Assert.StartsWith("cell.", error.Code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(-1e15, "-1000000000000000")]
    [InlineData(12345.678, "12345.678")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("１２３", "123")]
    [InlineData("１，２３４．５", "1234.5")]
    [InlineData("\u00A0 12 \u00A0", "12")]
    [InlineData("1e3", "1000")]
    [InlineData(42L, "42")]
    public void Accepted_numbers(object value, string expected)
    {
        var errors = new List<FieldError>();

        var number = SheetCells.Number(Row(value), Columns, 0, Cell, errors);

        Assert.Empty(errors);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), number);
    }

    [Fact]
    public void Quantity_range_rejects_negatives_and_the_range_is_a_parameter()
    {
        var errors = new List<FieldError>();

        Assert.Null(SheetCells.Number(Row(-5.0), Columns, 0, Cell, errors, NumberRange.Quantity));
        Assert.Equal(100m, SheetCells.Number(Row(100.0), Columns, 0, Cell, errors, new NumberRange(0, 100)));
        Assert.Null(SheetCells.Number(Row(100.5), Columns, 0, Cell, errors, new NumberRange(0, 100)));

        Assert.Equal(["'-5' is not a number between 0 and 1e15", "'100.5' is not a number between 0 and 100"], errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData(1e10, "'10000000000' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData(-1e6, "'-1000000' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData(double.NaN, "'NaN' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData(73416.0, "'73416' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData("2024-02-30", "'2024-02-30' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData("9999-12-31", "'9999-12-31' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData(true, "'TRUE' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)")]
    [InlineData("", "required: a date (yyyy-MM-dd) between 1900-01-01 and 2100-12-31")]
    public void Rejected_dates_say_what_is_allowed(object value, string message)
    {
        var errors = new List<FieldError>();

        Assert.Null(SheetCells.Date(Row(value), Columns, 0, Cell, errors));

        var error = Assert.Single(errors);
        Assert.Equal((Cell, message), (error.Path, error.Message));
        Assert.StartsWith("cell.", error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_date_times_and_time_spans_are_errors()
    {
        var errors = new List<FieldError>();

        Assert.Null(SheetCells.Date(Row(DateTime.MaxValue), Columns, 0, Cell, errors));
        Assert.Null(SheetCells.Date(Row(new DateTime(1899, 12, 31)), Columns, 0, Cell, errors));
        Assert.Null(SheetCells.Date(Row(TimeSpan.FromHours(5)), Columns, 0, Cell, errors));

        Assert.Equal(
            ["'9999-12-31 23:59:59' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)",
             "'1899-12-31' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)",
             "'05:00:00' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)"],
            errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData(2.0, "1900-01-01")]
    [InlineData(45000.75, "2023-03-15")]
    [InlineData(73415.999, "2100-12-31")]
    [InlineData("2024/2/3", "2024-02-03")]
    [InlineData("2024-02-03T10:00:00", "2024-02-03")]
    [InlineData("２０２４－０１－０１", "2024-01-01")]
    public void Accepted_dates(object value, string expected)
    {
        var errors = new List<FieldError>();

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SheetCells.Date(Row(value), Columns, 0, Cell, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Text_is_storable_and_blank_means_invisible()
    {
        Assert.Null(SheetCells.Text(Row("\u200B \uFEFF"), Columns, 0));
        Assert.Equal("a\uFFFDb", SheetCells.Text(Row("a\0b"), Columns, 0));
        Assert.Equal("x\uFFFD", SheetCells.Text(Row("x\uD800"), Columns, 0));
        Assert.Equal("😀", SheetCells.Text(Row(" 😀 "), Columns, 0));
        Assert.Equal("2024-02-29 13:05:00", SheetCells.Text(Row(new DateTime(2024, 2, 29, 13, 5, 0)), Columns, 0));
        Assert.Equal("1E+300", SheetCells.Text(Row(1e300), Columns, 0));
        Assert.Equal("TRUE", SheetCells.Text(Row(true), Columns, 0));
        Assert.Null(SheetCells.Text(Row(new byte[3]), Columns, 0));

        var errors = new List<FieldError>();
        Assert.Null(SheetCells.Text(Row(new string('x', 101)), Columns, 0, Cell, errors, 100));
        Assert.StartsWith("'xxxxxxxx", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5, "活動數據!A5")]
    [InlineData(25, 1, "活動數據!Z1")]
    [InlineData(26, 1, "活動數據!AA1")]
    [InlineData(16383, 1048576, "活動數據!XFD1048576")]
    public void Addresses_go_past_column_z(int column, int row, string expected) =>
        Assert.Equal(expected, SheetCells.Address("活動數據", column, row));

    [Fact]
    public void Odd_cells_in_a_real_workbook_become_cell_errors()
    {
        // One row per hostile cell, read through MiniExcel: raw NaN / 1E+400 / 1E+300, date-styled 1e10 and -1e6, booleans, t="d", t="e",
        // OOXML escapes for NUL and a lone surrogate, and a date-styled serial MiniExcel does convert.
        string[] cells =
        [
            "<v>NaN</v>", "<v>1E+400</v>", "<v>1E+300</v>", "<v>-1E+300</v>",
            "s=\"1\"><v>1E+10</v>", "s=\"1\"><v>-1000000</v>", "s=\"1\"><v>45000</v>", "s=\"1\"><v>2958465.9</v>",
            "t=\"b\"><v>1</v>", "t=\"d\"><v>9999-12-31</v>", "t=\"d\"><v>2024-02-30</v>", "t=\"e\"><v>#DIV/0!</v>",
            "t=\"inlineStr\"><is><t>a_x0000_b</t></is>", "t=\"inlineStr\"><is><t>_xD800_</t></is>", "t=\"inlineStr\"><is><t>１２３</t></is>",
        ];
        var file = Xlsx.Build(s =>
        {
            Xlsx.Write(s, "<row r=\"1\">" + Xlsx.Inline("A", 1, "Qty") + Xlsx.Inline("B", 1, "Date") + Xlsx.Inline("C", 1, "Text") + "</row>");
            for (var i = 0; i < cells.Length; i++)
            {
                var r = i + 2;
                var body = cells[i].StartsWith('<') ? ">" + cells[i] : " " + cells[i];
                Xlsx.Write(s, $"<row r=\"{r}\"><c r=\"A{r}\"{body}</c><c r=\"B{r}\"{body}</c><c r=\"C{r}\"{body}</c></row>");
            }
        }, sheetName: "活動數據");
        Assert.True(UploadGuard.Check(new MemoryStream(file), "odd.xlsx").IsOk);

        var errors = new List<FieldError>();
        var texts = new List<string?>();
        string[] columns = ["Qty", "Date", "Text"];
        var types = new HashSet<string>();
        foreach (var row in SheetRows.Query(new MemoryStream(file), SpreadsheetKind.Xlsx, "活動數據"))
        {
            types.Add(row.Values["Qty"]?.GetType().Name ?? "null");
            SheetCells.Number(row.Values, columns, 0, SheetCells.Address("活動數據", 0, row.Number), errors, NumberRange.Quantity);
            SheetCells.Date(row.Values, columns, 1, SheetCells.Address("活動數據", 1, row.Number), errors);
            texts.Add(SheetCells.Text(row.Values, columns, 2));
        }

        Assert.Equal(["Boolean", "DateTime", "Double", "String"], types.Order());
        Assert.Contains(("活動數據!A2", "'NaN' is not a number between 0 and 1e15"), errors.Select(e => (e.Path, e.Message)));
        Assert.Contains(("活動數據!A3", "'Infinity' is not a number between 0 and 1e15"), errors.Select(e => (e.Path, e.Message)));
        Assert.Contains(("活動數據!A4", "'1E+300' is not a number between 0 and 1e15"), errors.Select(e => (e.Path, e.Message)));
        Assert.Contains(("活動數據!B6", "'10000000000' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)"), errors.Select(e => (e.Path, e.Message)));
        Assert.Contains(("活動數據!B7", "'-1000000' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)"), errors.Select(e => (e.Path, e.Message)));
        Assert.Contains(("活動數據!B9", "'9999-12-31 21:36:00' is not a date between 1900-01-01 and 2100-12-31 (yyyy-MM-dd)"), errors.Select(e => (e.Path, e.Message)));
        Assert.Contains(("活動數據!A8", "'2023-03-15' is not a number between 0 and 1e15"), errors.Select(e => (e.Path, e.Message)));
        Assert.DoesNotContain(errors, e => e.Path == "活動數據!B8");
        Assert.Contains("a\uFFFDb", texts);
        Assert.Contains("\uFFFD", texts);
    }
}
