using System.Globalization;

namespace Tanpan.Web.Platform.Sheets;

public enum SpreadsheetKind
{
    Xlsx,
    Csv,
}

/// <summary>Stable codes for the client; the English message is for people.</summary>
public static class UploadCodes
{
    public const string ExtensionNotAllowed = "upload.extension-not-allowed";
    public const string TooLarge = "upload.too-large";
    public const string Empty = "upload.empty";
    public const string NotASpreadsheet = "upload.not-a-spreadsheet";
    public const string Encrypted = "upload.encrypted";
    public const string TooManyEntries = "upload.too-many-entries";
    public const string UncompressedTooLarge = "upload.uncompressed-too-large";
    public const string TooManyRows = "upload.too-many-rows";
    public const string TooManyColumns = "upload.too-many-columns";
    public const string CellTooLong = "upload.cell-too-long";
    public const string TooManyLineBreaks = "upload.too-many-line-breaks";
    public const string Unreadable = "upload.unreadable";
}

/// <summary>Why an upload was refused. <see cref="Limit"/> and <see cref="Actual"/> are set when a numeric limit was exceeded; <see cref="Actual"/> may be a lower bound (reading stops at the first byte/row over the limit).</summary>
public sealed record UploadFailure(string Code, string Message, long? Limit = null, long? Actual = null, string? Sheet = null, string? Cell = null)
{
    internal static UploadFailure Over(string code, string what, long limit, long actual, string? sheet = null, string? cell = null, bool atLeast = false)
    {
        // "Cell X!B2 has …" when the cell is the thing over the limit; otherwise the sheet (or file), with the cell where it was noticed.
        var subject = code == UploadCodes.CellTooLong && cell is not null
            ? (cell.Contains('!', StringComparison.Ordinal) ? $"Cell {cell}" : char.ToUpperInvariant(cell[0]) + cell[1..])
            : (sheet is null ? "The file" : $"Sheet '{sheet}'") + (cell is null ? "" : $" (at {cell})");
        var message = string.Create(CultureInfo.InvariantCulture, $"{subject} has {(atLeast ? "at least " : "")}{actual:N0} {what}; the limit is {limit:N0}.");
        return new(code, message, limit, actual, sheet, cell);
    }

    internal static UploadFailure NotASpreadsheet(string detail) => new(UploadCodes.NotASpreadsheet, $"The file is not a readable spreadsheet: {detail}");
}

/// <summary>Outcome of <see cref="UploadGuard.Check"/>: the detected kind, or the first limit that was exceeded.</summary>
public sealed record UploadCheck(SpreadsheetKind? Kind, UploadFailure? Failure)
{
    public bool IsOk => Failure is null;

    internal static UploadCheck Ok(SpreadsheetKind kind) => new(kind, null);

    internal static UploadCheck Fail(UploadFailure failure) => new(null, failure);
}

/// <summary>Thrown by <see cref="SheetRows"/> when a limit is hit mid-read, so a partial import can never be mistaken for a complete one.</summary>
public sealed class UploadRejectedException : Exception
{
    public UploadRejectedException(UploadFailure failure, Exception? inner = null)
        : base(failure?.Message, inner) => Failure = failure ?? throw new ArgumentNullException(nameof(failure));

    public UploadRejectedException()
        : this(new UploadFailure(UploadCodes.Unreadable, "The upload was rejected."))
    {
    }

    public UploadRejectedException(string message)
        : this(new UploadFailure(UploadCodes.Unreadable, message))
    {
    }

    public UploadRejectedException(string message, Exception innerException)
        : this(new UploadFailure(UploadCodes.Unreadable, message), innerException)
    {
    }

    public UploadFailure Failure { get; }
}
