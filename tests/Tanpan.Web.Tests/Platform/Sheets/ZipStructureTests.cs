using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Tanpan.Web.Platform.Sheets;
using Tanpan.Web.Tests.Platform.Sheets.Support;
using Xunit.Abstractions;

namespace Tanpan.Web.Tests.Platform.Sheets;

[Collection("upload-guard")]
public sealed class ZipStructureTests(ITestOutputHelper output)
{
    private static readonly byte[] Normal = Xlsx.FromRows([Xlsx.Inline("A", 1, "Name") + Xlsx.Inline("B", 1, "Qty"), Xlsx.Inline("A", 2, "a") + "<c r=\"B2\"><v>1</v></c>"]);

    private UploadCheck Guard(string label, byte[] file, string name = "upload.xlsx", UploadLimits? limits = null)
    {
        var (check, m) = Measure.Run(output, label, () => UploadGuard.Check(new MemoryStream(file, writable: false), name, limits));
        output.WriteLine($"  -> {check.Failure?.Code ?? "ok"}: {check.Failure?.Message}");
        Assert.True(m.AllocatedBytes < 100L << 20, $"guard allocated {m.AllocatedBytes:N0} bytes");
        return check;
    }

    [Fact]
    public void A_normal_small_workbook_passes_and_the_stream_is_rewound()
    {
        var stream = new MemoryStream(Normal);
        stream.Position = 5;

        var check = UploadGuard.Check(stream, "Book.XLSX");

        Assert.True(check.IsOk, check.Failure?.Message);
        Assert.Equal(SpreadsheetKind.Xlsx, check.Kind);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Sheet_whose_directory_understates_its_size_is_refused_as_truncated()
    {
        var lying = Xlsx.LieAboutSize(Normal, "xl/worksheets/sheet1.xml", 100);

        Assert.Equal(UploadCodes.NotASpreadsheet, Guard("sheet declared 100 bytes", lying).Failure?.Code);
    }

    [Fact]
    public void Entry_whose_directory_overstates_its_size_counts_at_the_declared_size()
    {
        // Conservative: the declared size is what MiniExcel's reader may hand out (and what it sizes buffers by).
        var lying = Xlsx.LieAboutSize(Normal, "xl/styles.xml", 60_000_000);

        var check = Guard("styles declared 60 MB", lying);

        Assert.Equal(UploadCodes.UncompressedTooLarge, check.Failure?.Code);
    }

    [Fact]
    public void Stored_entry_whose_sizes_disagree_is_refused()
    {
        var stored = Xlsx.Build(s => Xlsx.Write(s, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), level: CompressionLevel.NoCompression);
        var lying = Xlsx.LieAboutSize(stored, "xl/worksheets/sheet1.xml", 10);

        Assert.Equal(UploadCodes.NotASpreadsheet, Guard("stored entry with mismatched sizes", lying).Failure?.Code);
    }

    [Fact]
    public void Central_directory_and_local_header_disagreeing_is_judged_by_the_central_directory()
    {
        // .NET reads sizes from the central directory only; a local header lie changes nothing.
        var lying = Xlsx.LieAboutSize(Normal, "xl/worksheets/sheet1.xml", 5, alsoLocalHeader: false);
        var localOnly = (byte[])Normal.Clone();

        Assert.Equal(UploadCodes.NotASpreadsheet, Guard("directory lies, local header honest", lying).Failure?.Code);
        Assert.True(Guard("untouched", localOnly).IsOk);
    }

    [Fact]
    public void Hundred_thousand_entries_are_refused_before_dotnet_builds_them()
    {
        var zip = ManyEntries(100_000);
        output.WriteLine($"100,000-entry zip: {zip.Length:N0} bytes");

        // Raise the byte cap so the entry count, not the size, is what is tested.
        var check = Guard("100,000 zip entries (zip64 directory)", zip, limits: UploadLimits.Default with { MaxUploadBytes = 64L << 20 });

        Assert.Equal(UploadCodes.TooManyEntries, check.Failure?.Code);
        Assert.Equal(1000, check.Failure?.Limit);
        Assert.Equal(100_000, check.Failure?.Actual);
    }

    [Fact]
    public void End_record_that_understates_the_entry_count_is_caught_while_walking_the_directory()
    {
        var zip = ManyEntries(2000);
        var eocd = zip.Length - 22;
        Assert.Equal(0x06054b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd)));
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(eocd + 8), 5);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(eocd + 10), 5);

        var check = Guard("end record says 5 entries, directory has 2,000", zip);

        Assert.Equal(UploadCodes.TooManyEntries, check.Failure?.Code);
    }

    [Fact]
    public void Encrypted_entries_are_refused()
    {
        Assert.Equal(UploadCodes.Encrypted, Guard("zip entries flagged encrypted", Xlsx.SetFlags(Normal, 1)).Failure?.Code);
    }

    [Fact]
    public void Password_protected_workbook_or_legacy_xls_is_refused()
    {
        var ole = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);

        Assert.Equal(UploadCodes.Encrypted, Guard("OLE compound file", ole).Failure?.Code);
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("truncated zip")]
    [InlineData("zip without workbook")]
    [InlineData("duplicate entry names")]
    [InlineData("DTD in sheet")]
    [InlineData("malformed sheet XML")]
    [InlineData("unsupported compression method")]
    [InlineData("empty zip")]
    public void Things_that_are_not_workbooks_are_refused(string what)
    {
        var file = what switch
        {
            "random bytes" => Encoding.ASCII.GetBytes(new string('x', 5000)),
            "truncated zip" => Normal[..(Normal.Length / 2)],
            "zip without workbook" => ZipOf(("hello.txt", "hi")),
            "duplicate entry names" => AddEntry(Normal, "XL/Workbook.xml", "<x/>"),
            "DTD in sheet" => Xlsx.Build(s => Xlsx.Write(s, "<row r=\"1\"/>"), sheetPrologue: "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>"),
            "malformed sheet XML" => Xlsx.Build(s => Xlsx.Write(s, "<row r=\"1\"><c></row>")),
            "unsupported compression method" => SetMethod(Normal, 14),
            _ => ZipOf(),
        };

        Assert.Equal(UploadCodes.NotASpreadsheet, Guard(what, file).Failure?.Code);
    }

    [Fact]
    public void Xlsx_limits_on_rows_columns_and_cells_name_the_sheet()
    {
        var gap = Xlsx.Build(s => Xlsx.Write(s, Row(1, Xlsx.Inline("A", 1, "H")) + "<row r=\"1000000\"/>"), sheetName: "活動數據");
        var wide = Xlsx.Build(s => Xlsx.Write(s, Row(1, string.Concat(Enumerable.Range(0, 300).Select(i => Xlsx.Inline(SheetCells.ColumnName(i), 1, "h" + i))))), sheetName: "活動數據");
        var farColumn = Xlsx.Build(s => Xlsx.Write(s, Row(1, Xlsx.Inline("A", 1, "H") + Xlsx.Inline("XFD", 1, "far"))), sheetName: "活動數據");
        var longCell = Xlsx.Build(s => Xlsx.Write(s, Row(1, Xlsx.Inline("A", 1, "H")) + Row(2, Xlsx.Inline("A", 2, "x") + Xlsx.Inline("B", 2, new string('y', 40_000)))), sheetName: "活動數據");

        var g = Guard("row r=1000000 after the header", gap).Failure;
        var w = Guard("300-column header", wide).Failure;
        var f = Guard("cell in column XFD", farColumn).Failure;
        var l = Guard("40,000-character inline string", longCell).Failure;

        Assert.Equal((UploadCodes.TooManyRows, "活動數據"), (g?.Code, g?.Sheet));
        Assert.Equal((UploadCodes.TooManyColumns, "活動數據"), (w?.Code, w?.Sheet));
        Assert.Equal((UploadCodes.TooManyColumns, "活動數據!XFD1"), (f?.Code, f?.Cell));
        Assert.Equal((UploadCodes.CellTooLong, "活動數據!B2"), (l?.Code, l?.Cell));
    }

    [Fact]
    public void Sixty_thousand_rows_are_refused_before_parsing()
    {
        var file = Xlsx.Build(s =>
        {
            Xlsx.Write(s, Row(1, Xlsx.Inline("A", 1, "Qty")));
            for (var r = 2; r <= 60_001; r++)
            {
                Xlsx.Write(s, $"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>");
            }
        }, sheetName: "活動數據");

        var check = Guard("60,000 data rows", file);

        Assert.Equal(UploadCodes.TooManyRows, check.Failure?.Code);
        Assert.Equal("活動數據", check.Failure?.Sheet);
        Assert.Equal(50_000, check.Failure?.Limit);
        Assert.Contains("活動數據", check.Failure?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_extension_and_oversized_uploads_are_refused_before_reading()
    {
        var huge = new GeneratedStream(11L << 20, [(byte)'P']);

        Assert.Equal(UploadCodes.ExtensionNotAllowed, UploadGuard.Check(new MemoryStream(Normal), "macro.xlsm").Failure?.Code);
        Assert.Equal(UploadCodes.ExtensionNotAllowed, UploadGuard.Check(new MemoryStream(Normal), "noextension").Failure?.Code);
        Assert.Equal(UploadCodes.TooLarge, UploadGuard.Check(huge, "big.xlsx").Failure?.Code);
        Assert.Equal(0, huge.BytesServed);
        Assert.Equal(UploadCodes.NotASpreadsheet, UploadGuard.Check(new MemoryStream(Normal), "data.csv").Failure?.Code);
    }

    private static string Row(int r, string cells) => $"<row r=\"{r}\">{cells}</row>";

    private static byte[] ManyEntries(int count)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), CompressionLevel.NoCompression).Open().Dispose();
            }
        }

        return ms.ToArray();
    }

    private static byte[] ZipOf(params (string Name, string Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                Xlsx.Part(zip, name, CompressionLevel.Fastest, s => Xlsx.Write(s, content));
            }
        }

        return ms.ToArray();
    }

    private static byte[] AddEntry(byte[] zipBytes, string name, string content)
    {
        var ms = new MemoryStream();
        ms.Write(zipBytes);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            Xlsx.Part(zip, name, CompressionLevel.Fastest, s => Xlsx.Write(s, content));
        }

        return ms.ToArray();
    }

    private static byte[] SetMethod(byte[] zip, ushort method)
    {
        var copy = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= copy.Length; i++)
        {
            var sig = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (sig == 0x02014b50)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(i + 10), method);
            }
            else if (sig == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(i + 8), method);
            }
        }

        return copy;
    }
}

[Collection("upload-guard")]
public sealed class GuardFuzzTests
{
    [Fact]
    public void Corrupted_workbooks_and_csvs_never_make_the_guard_throw()
    {
        var xlsx = Xlsx.FromRows([Xlsx.Inline("A", 1, "Name") + Xlsx.Inline("B", 1, "Qty"), Xlsx.Inline("A", 2, "a") + "<c r=\"B2\"><v>1</v></c>"]);
        var csv = System.Text.Encoding.UTF8.GetBytes("a,b\r\n\"x\",1\r\n");
        var random = new Random(42);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 3000; i++)
        {
            var (source, name) = i % 3 == 0 ? (csv, "f.csv") : (xlsx, "f.xlsx");
            var file = (byte[])source.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                file[random.Next(file.Length)] = (byte)random.Next(256);
            }

            if (random.Next(10) == 0)
            {
                file = file[..random.Next(file.Length)];
            }

            var check = UploadGuard.Check(new MemoryStream(file), name);
            var key = check.Failure?.Code ?? "ok";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        Assert.True(outcomes.Count > 1, string.Join(", ", outcomes));
    }
}
