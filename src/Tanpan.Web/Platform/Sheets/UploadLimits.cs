namespace Tanpan.Web.Platform.Sheets;

/// <summary>Bounds for one spreadsheet upload. Every number is checked before MiniExcel sees the file, and rows/columns/cell length again while rows are read.</summary>
public sealed record UploadLimits
{
    public static UploadLimits Default { get; } = new();

    /// <summary>Bytes of the upload as received (compressed, for .xlsx).</summary>
    public long MaxUploadBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Sum of the uncompressed sizes of all zip entries (.xlsx only).</summary>
    public long MaxUncompressedBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary>Zip entries (.xlsx only); a real workbook has a few dozen.</summary>
    public int MaxZipEntries { get; init; } = 1000;

    /// <summary>Data rows per sheet, not counting the header row.</summary>
    public int MaxRows { get; init; } = 50_000;

    /// <summary>Columns per row; with a header row MiniExcel builds one dictionary key per header cell for every row.</summary>
    public int MaxColumns { get; init; } = 256;

    /// <summary>Characters per cell; Excel's own limit is 32,767.</summary>
    public int MaxCellLength { get; init; } = 32_767;

    /// <summary>Line breaks inside one quoted CSV field; MiniExcel re-joins such lines quadratically.</summary>
    public int MaxCsvLineBreaksPerRecord { get; init; } = 100;

    public IReadOnlyList<string> AllowedExtensions { get; init; } = [".xlsx", ".csv"];
}
