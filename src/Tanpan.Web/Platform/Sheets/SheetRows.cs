using System.Globalization;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.Exceptions;
using MiniExcelLibs.Csv;
using MiniExcelLibs.OpenXml;

namespace Tanpan.Web.Platform.Sheets;

/// <summary>One data row; <see cref="Number"/> is the 1-based row in the sheet (the header is row 1), or the record number in a CSV (MiniExcel skips blank lines).</summary>
public sealed record SheetRow(int Number, IDictionary<string, object?> Values);

/// <summary>
/// Reads rows through MiniExcel while enforcing the row, column and cell-length limits on what MiniExcel actually yields,
/// so a sheet whose metadata understates its size still stops at the limit. Violations and MiniExcel's own exceptions
/// surface as <see cref="UploadRejectedException"/>; a partial read is never returned as if it were complete.
/// </summary>
public static class SheetRows
{
    /// <summary>MiniExcel settings for untrusted .xlsx: no "@@@fileid@@@" cells turning zip entries into byte[] (sized by the entry's declared length).</summary>
    public static OpenXmlConfiguration XlsxConfiguration() => new() { EnableConvertByteArray = false, FillMergedCells = false };

    /// <summary>MiniExcel settings for untrusted .csv: the linear <see cref="CsvSplitter"/> instead of the quadratic default regex.</summary>
    public static CsvConfiguration CsvConfiguration() => new() { SplitFn = CsvSplitter.Split };

    /// <summary>Queries a sheet (<paramref name="sheetName"/> is ignored for CSV) with the safe configurations above and the limits enforced.</summary>
    public static IEnumerable<SheetRow> Query(Stream stream, SpreadsheetKind kind, string? sheetName, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var label = kind == SpreadsheetKind.Csv ? "CSV" : sheetName ?? "Sheet1";

        // Deferred so that exceptions from opening the workbook (MiniExcel loads shared strings up front) are wrapped as well.
        IEnumerable<IDictionary<string, object?>> Source()
        {
            var rows = kind == SpreadsheetKind.Csv
                ? MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.CSV, configuration: CsvConfiguration())
                : MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheetName, excelType: ExcelType.XLSX, configuration: XlsxConfiguration());
            foreach (var row in rows)
            {
                yield return (IDictionary<string, object?>)row;
            }
        }

        return Enforce(Source(), label, limits);
    }

    /// <summary>Wraps rows from any source (e.g. an existing <c>MiniExcel.Query(...)</c> call) with the limits.</summary>
    public static IEnumerable<SheetRow> Enforce(IEnumerable<IDictionary<string, object?>> source, string sheet, UploadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sheet);
        return EnforceIterator(source, sheet, limits ?? UploadLimits.Default);
    }

    private static IEnumerable<SheetRow> EnforceIterator(IEnumerable<IDictionary<string, object?>> source, string sheet, UploadLimits limits)
    {
        IEnumerator<IDictionary<string, object?>>? rows = null;
        try
        {
            var count = 0;
            while (true)
            {
                IDictionary<string, object?> values;
                try
                {
                    rows ??= source.GetEnumerator();
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }

                    values = rows.Current;
                }
                catch (Exception ex) when (IsReadFailure(ex))
                {
                    throw new UploadRejectedException(Unreadable(sheet, count + 2, ex), ex);
                }

                count++;
                var number = count + 1;
                if (count > limits.MaxRows)
                {
                    throw new UploadRejectedException(UploadFailure.Over(UploadCodes.TooManyRows, "data rows", limits.MaxRows, count, sheet, atLeast: true));
                }

                if (values.Count > limits.MaxColumns)
                {
                    throw new UploadRejectedException(UploadFailure.Over(UploadCodes.TooManyColumns, "columns", limits.MaxColumns, values.Count, sheet));
                }

                var column = 0;
                foreach (var (key, value) in values)
                {
                    var length = Math.Max(key?.Length ?? 0, value is string s ? s.Length : value is byte[] b ? b.Length : 0);
                    if (length > limits.MaxCellLength)
                    {
                        throw new UploadRejectedException(UploadFailure.Over(UploadCodes.CellTooLong, "characters in one cell", limits.MaxCellLength, length, sheet, SheetCells.Address(sheet, column, number)));
                    }

                    column++;
                }

                yield return new SheetRow(number, values);
            }
        }
        finally
        {
            rows?.Dispose();
        }
    }

    // MiniExcel throws whatever its parsing hits (XmlException, OverflowException from TimeSpan.FromDays, NullReferenceException for a
    // dangling "@@@fileid@@@" cell, KeyNotFoundException for a CSV row longer than its header, ...). At this untrusted-input boundary they all mean
    // "this file cannot be read"; only conditions that are not about the file are let through.
    private static bool IsReadFailure(Exception ex) => ex is not (OutOfMemoryException or OperationCanceledException or UploadRejectedException);

    private static UploadFailure Unreadable(string sheet, int row, Exception ex) =>
        new(UploadCodes.Unreadable, string.Create(CultureInfo.InvariantCulture, $"Sheet '{sheet}' cannot be read at or after row {row}: {Describe(ex)}"), Sheet: sheet);

    private static string Describe(Exception ex) => ex switch
    {
        OverflowException or ArgumentException { ParamName: null } => "a value is out of range (for example a time far outside what Excel supports).",
        XmlException => "the sheet's XML is malformed.",
        ExcelColumnNotFoundException => "a row has fewer columns than the header.",
        KeyNotFoundException => "a row has more columns than the header.",
        InvalidOperationException when ex.Message.Contains("sheetName", StringComparison.Ordinal) => "the sheet does not exist (download the template).",
        _ => $"the file's structure is not what Excel writes ({ex.GetType().Name}).",
    };
}
