using System.Buffers.Binary;
using Tanpan.Web.Platform.Sheets.Internal;

namespace Tanpan.Web.Platform.Sheets;

/// <summary>
/// Decides whether an uploaded spreadsheet may be handed to MiniExcel. Pure and synchronous: no ASP.NET types, no I/O beyond the given stream.
/// Memory is bounded by the limits (a few fixed buffers plus the zip central directory), and work by <see cref="UploadLimits.MaxUncompressedBytes"/>.
/// </summary>
public static class UploadGuard
{
    private const uint ZipLocalHeader = 0x04034b50;
    private const uint ZipEmptyArchive = 0x06054b50;
    private const ulong OleCompoundFile = 0xE11AB1A1E011CFD0;

    /// <summary>
    /// Checks <paramref name="stream"/> (seekable, e.g. the buffered request body) against <paramref name="limits"/>.
    /// The stream is left at position 0 for MiniExcel; it must not change between this call and the read.
    /// </summary>
    public static UploadCheck Check(Stream stream, string fileName, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= UploadLimits.Default;
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The upload stream must be readable and seekable (buffer the request body first).", nameof(stream));
        }

        var extension = Path.GetExtension(fileName ?? string.Empty);
        if (extension.Length == 0 || !limits.AllowedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return UploadCheck.Fail(new UploadFailure(UploadCodes.ExtensionNotAllowed,
                $"Files of type '{(extension.Length == 0 ? "(none)" : extension)}' are not accepted; upload one of: {string.Join(", ", limits.AllowedExtensions)}."));
        }

        // The cheapest check, and the one that bounds everything after it: nothing is read yet.
        var length = stream.Length;
        if (length > limits.MaxUploadBytes)
        {
            return UploadCheck.Fail(UploadFailure.Over(UploadCodes.TooLarge, "bytes", limits.MaxUploadBytes, length));
        }

        if (length == 0)
        {
            return UploadCheck.Fail(new UploadFailure(UploadCodes.Empty, "The file is empty."));
        }

        try
        {
            var magic = ReadMagic(stream);
            var isZip = (uint)magic is ZipLocalHeader or ZipEmptyArchive;
            if (magic == OleCompoundFile)
            {
                // Excel stores password-protected workbooks (and legacy .xls) as OLE compound files, not zips.
                return UploadCheck.Fail(new UploadFailure(UploadCodes.Encrypted,
                    "The file is a password-protected workbook or a legacy .xls file; save it as an unprotected .xlsx and upload that."));
            }

            var kind = extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".txt", StringComparison.OrdinalIgnoreCase)
                ? SpreadsheetKind.Csv
                : SpreadsheetKind.Xlsx;
            if (kind == SpreadsheetKind.Xlsx && !isZip)
            {
                return UploadCheck.Fail(UploadFailure.NotASpreadsheet("it is not an .xlsx (zip) file."));
            }

            if (kind == SpreadsheetKind.Csv && isZip)
            {
                return UploadCheck.Fail(UploadFailure.NotASpreadsheet("it is a zip (perhaps an .xlsx) but is named .csv."));
            }

            stream.Position = 0;
            var failure = kind == SpreadsheetKind.Xlsx ? XlsxInspector.Inspect(stream, limits) : CsvInspector.Inspect(stream, limits);
            return failure is null ? UploadCheck.Ok(kind) : UploadCheck.Fail(failure);
        }
        catch (EndOfStreamException)
        {
            return UploadCheck.Fail(UploadFailure.NotASpreadsheet("it is truncated."));
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static ulong ReadMagic(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        head.Clear();
        stream.Position = 0;
        stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return BinaryPrimitives.ReadUInt64LittleEndian(head);
    }
}
