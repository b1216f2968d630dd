using System.Text;

namespace Tanpan.Web.Platform.Sheets.Internal;

/// <summary>
/// One pass over the decoded text with a fixed buffer, following MiniExcel's reading of CSV: records end at a line break outside quotes,
/// blank records are skipped, and fields split on the separator or a tab outside quotes. No line is ever materialised.
/// </summary>
internal static class CsvInspector
{
    private const string Sheet = "CSV";

    public static UploadFailure? Inspect(Stream stream, UploadLimits limits, char separator = ',')
    {
        // MiniExcel's default reader: UTF-8, with BOM detection (so UTF-16 with a BOM also decodes the same way here).
        using var reader = new StreamReader(stream, new UTF8Encoding(true), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var buffer = new char[16 * 1024];
        long records = 0;           // non-blank records, header included
        var fields = 1;
        long fieldLength = 0;
        var lineBreaks = 0;
        var inQuotes = false;
        var nonBlank = false;
        var previous = '\0';
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                var c = buffer[i];
                if (c is '\r' or '\n')
                {
                    var crlf = c == '\n' && previous == '\r';
                    previous = c;
                    if (crlf)
                    {
                        continue;
                    }

                    if (inQuotes)
                    {
                        // MiniExcel re-reads and concatenates the whole record for every line inside quotes.
                        if (++lineBreaks > limits.MaxCsvLineBreaksPerRecord)
                        {
                            return UploadFailure.Over(UploadCodes.TooManyLineBreaks, "line breaks inside one quoted record", limits.MaxCsvLineBreaksPerRecord, lineBreaks,
                                Sheet, SheetCells.Address(Sheet, fields - 1, (int)Math.Min(records + 1, int.MaxValue)), atLeast: true);
                        }

                        fieldLength += 2;
                    }
                    else
                    {
                        if (nonBlank && ++records > limits.MaxRows + 1L)
                        {
                            return UploadFailure.Over(UploadCodes.TooManyRows, "data rows", limits.MaxRows, records - 1, Sheet, atLeast: true);
                        }

                        fields = 1;
                        fieldLength = 0;
                        lineBreaks = 0;
                        nonBlank = false;
                        continue;
                    }
                }
                else
                {
                    previous = c;
                    if (c == '"')
                    {
                        inQuotes = !inQuotes;
                    }
                    else if (!inQuotes && (c == separator || c == '\t'))
                    {
                        if (++fields > limits.MaxColumns)
                        {
                            return UploadFailure.Over(UploadCodes.TooManyColumns, "columns", limits.MaxColumns, fields, Sheet, atLeast: true);
                        }

                        fieldLength = 0;
                        continue;
                    }
                    else if (c == '\0')
                    {
                        return UploadFailure.NotASpreadsheet("it contains NUL characters (a binary file, or a CSV saved as UTF-16 without a byte-order mark).");
                    }

                    nonBlank |= !char.IsWhiteSpace(c);
                    fieldLength++;
                }

                // Checked even for whitespace: MiniExcel builds the whole line as one string before deciding it is blank.
                if (fieldLength > limits.MaxCellLength)
                {
                    return UploadFailure.Over(UploadCodes.CellTooLong, "characters in one cell", limits.MaxCellLength, fieldLength, Sheet,
                        SheetCells.Address(Sheet, fields - 1, (int)Math.Min(records + 1, int.MaxValue)), atLeast: true);
                }
            }
        }

        if (nonBlank)
        {
            records++;
            if (records > limits.MaxRows + 1L)
            {
                return UploadFailure.Over(UploadCodes.TooManyRows, "data rows", limits.MaxRows, records - 1, Sheet, atLeast: true);
            }
        }

        return records == 0 ? new UploadFailure(UploadCodes.Empty, "The file has no rows (it is empty or only whitespace).") : null;
    }
}
