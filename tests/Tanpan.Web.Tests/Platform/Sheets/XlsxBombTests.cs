using System.IO.Compression;
using Tanpan.Web.Platform.Sheets;
using Tanpan.Web.Tests.Platform.Sheets.Support;
using Xunit.Abstractions;

namespace Tanpan.Web.Tests.Platform.Sheets;

/// <summary>The two 1 GB bombs are built once (streamed through deflate, ~1 MB each) and shared by the tests below.</summary>
public sealed class GigabyteBombs
{
    public const long Gigabyte = 1L << 30;

    public GigabyteBombs()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SharedStringCell = Xlsx.Build(
            s => Xlsx.Write(s, """<row r="1"><c r="A1" t="s"><v>0</v></c></row>"""),
            s =>
            {
                Xlsx.Write(s, "<si><t>");
                Xlsx.Repeat(s, (byte)'A', Gigabyte);
                Xlsx.Write(s, "</t></si>");
            },
            level: CompressionLevel.SmallestSize);
        WhitespaceSheet = Xlsx.Build(
            s =>
            {
                Xlsx.Repeat(s, (byte)' ', Gigabyte);
                Xlsx.Write(s, """<row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c></row>""");
            },
            level: CompressionLevel.SmallestSize);
        BuildMs = watch.ElapsedMilliseconds;
    }

    /// <summary>xl/sharedStrings.xml holds one 1 GiB string of 'A'.</summary>
    public byte[] SharedStringCell { get; }

    /// <summary>xl/worksheets/sheet1.xml holds 1 GiB of spaces before its first row.</summary>
    public byte[] WhitespaceSheet { get; }

    public long BuildMs { get; }
}

[Collection("upload-guard")]
public sealed class XlsxBombTests(GigabyteBombs bombs, ITestOutputHelper output) : IClassFixture<GigabyteBombs>
{
    private const long HundredMegabytes = 100L << 20;

    private UploadCheck Guard(string label, byte[] file, UploadLimits? limits = null)
    {
        var (check, m) = Measure.Run(output, label, () => UploadGuard.Check(new MemoryStream(file, writable: false), "upload.xlsx", limits));
        output.WriteLine($"  -> {check.Failure?.Code ?? "ok"}: {check.Failure?.Message}");
        Assert.True(m.AllocatedBytes < HundredMegabytes, $"guard allocated {m.AllocatedBytes:N0} bytes");
        return check;
    }

    [Fact]
    public void One_gigabyte_shared_string_is_refused_from_the_central_directory()
    {
        output.WriteLine($"built both 1 GiB bombs in {bombs.BuildMs} ms; shared-string bomb is {bombs.SharedStringCell.Length:N0} bytes");
        Assert.True(bombs.SharedStringCell.Length < UploadLimits.Default.MaxUploadBytes, "the bomb must get past the compressed-size cap");

        var check = Guard("1 GiB shared string, honest directory", bombs.SharedStringCell);

        Assert.Equal(UploadCodes.UncompressedTooLarge, check.Failure?.Code);
        Assert.Equal(UploadLimits.Default.MaxUncompressedBytes, check.Failure?.Limit);
        Assert.True(check.Failure?.Actual > GigabyteBombs.Gigabyte);
    }

    [Fact]
    public void One_gigabyte_shared_string_whose_directory_understates_it_is_refused_as_a_long_cell()
    {
        // Declares 40 MB (under the 50 MB total), so only the streaming scan can catch it; it stops at the 32,768th character.
        var lying = Xlsx.LieAboutSize(bombs.SharedStringCell, "xl/sharedStrings.xml", 40_000_000);

        var check = Guard("1 GiB shared string, directory says 40 MB", lying);

        Assert.Equal(UploadCodes.CellTooLong, check.Failure?.Code);
        Assert.Equal(32_767, check.Failure?.Limit);
        Assert.Equal("shared string #1", check.Failure?.Cell);
    }

    [Fact]
    public void One_gigabyte_shared_string_whose_directory_says_one_kilobyte_is_refused_as_truncated_xml()
    {
        var lying = Xlsx.LieAboutSize(bombs.SharedStringCell, "xl/sharedStrings.xml", 1024);

        var check = Guard("1 GiB shared string, directory says 1 KB", lying);

        Assert.Equal(UploadCodes.NotASpreadsheet, check.Failure?.Code);
    }

    [Fact]
    public void Whitespace_bomb_is_refused_from_the_central_directory()
    {
        output.WriteLine($"whitespace bomb is {bombs.WhitespaceSheet.Length:N0} bytes");

        var check = Guard("1 GiB of spaces in sheet XML, honest directory", bombs.WhitespaceSheet);

        Assert.Equal(UploadCodes.UncompressedTooLarge, check.Failure?.Code);
    }

    [Fact]
    public void Whitespace_bomb_whose_directory_understates_it_costs_at_most_the_uncompressed_budget()
    {
        // 49 MB declared: the scan inflates and parses all 49 MB of spaces, then finds the XML cut off.
        var lying = Xlsx.LieAboutSize(bombs.WhitespaceSheet, "xl/worksheets/sheet1.xml", 49_000_000);

        var check = Guard("1 GiB of spaces, directory says 49 MB", lying);

        Assert.Equal(UploadCodes.NotASpreadsheet, check.Failure?.Code);
    }

    [Fact]
    public void Runtime_stops_inflating_at_the_declared_size()
    {
        // Pins the System.IO.Compression behaviour the design relies on (see README): an entry never yields more than its directory declares.
        var lying = Xlsx.LieAboutSize(bombs.SharedStringCell, "xl/sharedStrings.xml", 1_000_000);
        using var zip = new ZipArchive(new MemoryStream(lying), ZipArchiveMode.Read);
        using var entry = zip.GetEntry("xl/sharedStrings.xml")!.Open();
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = entry.Read(buffer)) > 0)
        {
            total += n;
        }

        Assert.Equal(1_000_000, total);
    }

    [Fact]
    public void Shared_string_bomb_is_what_miniexcel_would_have_loaded()
    {
        // Documents the failure mode the guard prevents, at a size that is safe to run: MiniExcel materialises every shared string
        // (in memory below 5 MB declared size, in a temp-file cache above, which throws past 32,767 chars — after reading the string).
        var file = Xlsx.Build(
            s => Xlsx.Write(s, """<row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>"""),
            s =>
            {
                Xlsx.Write(s, "<si><t>");
                Xlsx.Repeat(s, (byte)'A', 6_000_000);
                Xlsx.Write(s, "</t></si>");
            });
        var (error, m) = Measure.Run(output, "MiniExcel on a 6 MB shared string (disk cache path)", () =>
            Record.Exception(() => MiniExcelLibs.MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).ToList()));
        output.WriteLine($"  -> {error?.GetType().Name}: {error?.Message}");
        Assert.IsType<ArgumentOutOfRangeException>(error);
        Assert.True(m.AllocatedBytes > 12_000_000, "the whole string was materialised before the check");

        Assert.Equal(UploadCodes.CellTooLong, UploadGuard.Check(new MemoryStream(file), "x.xlsx").Failure?.Code);
    }
}
