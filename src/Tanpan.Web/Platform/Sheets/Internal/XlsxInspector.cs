using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Tanpan.Web.Platform.Sheets.Internal;

/// <summary>
/// Pre-parse checks for .xlsx: zip structure and declared sizes first (cheap, no inflation), then one streaming pass over every
/// entry through a byte budget, reading the XML parts the way MiniExcel will (rows, cells, shared strings) without materialising text.
/// </summary>
internal static class XlsxInspector
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const int ChunkChars = 4096;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        // Same reader settings MiniExcel uses, so what parses here parses there; DTDs are refused (MiniExcel would throw).
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        XmlResolver = null,
        CloseInput = false,
    };

    public static UploadFailure? Inspect(Stream stream, UploadLimits limits)
    {
        var failure = ZipDirectory.Read(stream, limits, out var records);
        if (failure is not null)
        {
            return failure;
        }

        stream.Position = 0;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return UploadFailure.NotASpreadsheet($"its zip structure is invalid ({ex.Message})");
        }

        using (archive)
        {
            return Inspect(archive, records, limits);
        }
    }

    private static UploadFailure? Inspect(ZipArchive archive, List<ZipRecord> records, UploadLimits limits)
    {
        var entries = archive.Entries;

        // Cross-check .NET's reading of the directory with ours, so the limits computed above describe what MiniExcel will open.
        if (entries.Count != records.Count)
        {
            return UploadFailure.NotASpreadsheet("its zip directory is inconsistent.");
        }

        var byName = new Dictionary<string, (ZipArchiveEntry Entry, ZipRecord Record)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Length != records[i].UncompressedSize || entry.CompressedLength != records[i].CompressedSize)
            {
                return UploadFailure.NotASpreadsheet("its zip directory is inconsistent.");
            }

            if (entry.IsEncrypted)
            {
                return new UploadFailure(UploadCodes.Encrypted, "The workbook is password-protected or encrypted; save an unprotected copy and upload that.");
            }

            // MiniExcel indexes entries by this normalised name and throws on duplicates.
            if (!byName.TryAdd(Normalise(entry.FullName), (entry, records[i])))
            {
                return UploadFailure.NotASpreadsheet($"the zip holds two entries named '{entry.FullName}'.");
            }
        }

        if (!byName.ContainsKey("xl/workbook.xml") || !byName.Keys.Any(k => k.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)))
        {
            return UploadFailure.NotASpreadsheet("it has no workbook or worksheet (is it an Excel .xlsx file?).");
        }

        try
        {
            // Workbook and its relationships first: they name the sheets for the messages below.
            var sheetNames = SheetNames(byName, limits);
            foreach (var (name, (entry, record)) in byName)
            {
                using var content = Open(entry, record, name);
                if (name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase))
                {
                    ScanSharedStrings(content, limits);
                }
                else if (name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                {
                    ScanSheet(content, sheetNames.TryGetValue(name, out var sheet) ? sheet : name, limits);
                }
                else if (name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    ScanXml(content);
                }
                else
                {
                    content.Drain();
                }
            }
        }
        catch (GuardStopException stop)
        {
            return stop.Failure;
        }
        catch (XmlException ex)
        {
            return UploadFailure.NotASpreadsheet($"an XML part is malformed ({ex.Message})");
        }
        catch (InvalidDataException ex)
        {
            return UploadFailure.NotASpreadsheet($"a zip entry cannot be decompressed ({ex.Message})");
        }
        catch (NotSupportedException ex)
        {
            return UploadFailure.NotASpreadsheet($"a zip entry cannot be decompressed ({ex.Message})");
        }

        return null;
    }

    private static string Normalise(string name) => name.Replace('\\', '/').TrimStart('/');

    private static BudgetStream Open(ZipArchiveEntry entry, ZipRecord record, string name) =>
        // The runtime already stops inflating at the declared size; counting here keeps the bound even if that ever changes.
        new(entry.Open(), record.MaxYield, read => UploadFailure.NotASpreadsheet($"zip entry '{name}' inflates to more bytes ({read:N0}+) than its directory declares ({record.MaxYield:N0})."));

    /// <summary>Maps worksheet part names to sheet names via xl/workbook.xml and its relationships.</summary>
    private static Dictionary<string, string> SheetNames(Dictionary<string, (ZipArchiveEntry Entry, ZipRecord Record)> byName, UploadLimits limits)
    {
        var idToName = new Dictionary<string, string>(StringComparer.Ordinal);
        var buffer = new char[ChunkChars];
        var (workbook, workbookRecord) = byName["xl/workbook.xml"];
        using (var content = Open(workbook, workbookRecord, "xl/workbook.xml"))
        using (var reader = XmlReader.Create(content, XmlSettings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet"
                    && reader.GetAttribute("name") is { } sheetName && reader.GetAttribute("id", RelationshipsNs) is { } id)
                {
                    if (sheetName.Length > limits.MaxCellLength)
                    {
                        throw new GuardStopException(UploadFailure.Over(UploadCodes.CellTooLong, "characters in a sheet name", limits.MaxCellLength, sheetName.Length));
                    }

                    idToName.TryAdd(id, sheetName);
                }
                else
                {
                    SkipText(reader, buffer);
                }
            }
        }

        var partToName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (byName.TryGetValue("xl/_rels/workbook.xml.rels", out var rels))
        {
            using var content = Open(rels.Entry, rels.Record, "xl/_rels/workbook.xml.rels");
            using var reader = XmlReader.Create(content, XmlSettings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                    && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target && idToName.TryGetValue(id, out var sheetName))
                {
                    var part = target.StartsWith('/') ? Normalise(target) : "xl/" + Normalise(target);
                    partToName.TryAdd(part, sheetName);
                }
                else
                {
                    SkipText(reader, buffer);
                }
            }
        }

        return partToName;
    }

    /// <summary>Counts rows exactly as MiniExcel yields them (it fills gaps in r="…" with empty rows) and bounds columns and cell text.</summary>
    private static void ScanSheet(Stream content, string sheet, UploadLimits limits)
    {
        using var reader = XmlReader.Create(content, XmlSettings);
        var buffer = new char[ChunkChars];
        long rowIndex = -1;     // MiniExcel's 0-based current row
        long yielded = 0;       // rows MiniExcel will produce, header included
        var column = -1;
        var cellsInRow = 0;
        var cellDepth = -1;
        long cellText = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "row" && cellDepth < 0:
                    {
                        var next = rowIndex + 1;
                        rowIndex = int.TryParse(reader.GetAttribute("r"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r - 1 : rowIndex + 1;
                        if (rowIndex < 0)
                        {
                            break;      // MiniExcel skips rows before A1
                        }

                        yielded += Math.Max(0, rowIndex - next) + 1;
                        if (yielded - 1 > limits.MaxRows)
                        {
                            throw new GuardStopException(UploadFailure.Over(UploadCodes.TooManyRows, "data rows", limits.MaxRows, yielded - 1, sheet, atLeast: true));
                        }

                        column = -1;
                        cellsInRow = 0;
                        break;
                    }

                case XmlNodeType.Element when reader.LocalName == "c" && cellDepth < 0:
                    {
                        column = ColumnIndex(reader.GetAttribute("r")) ?? column + 1;
                        cellsInRow++;
                        if (column >= limits.MaxColumns || cellsInRow > limits.MaxColumns)
                        {
                            throw new GuardStopException(UploadFailure.Over(UploadCodes.TooManyColumns, "columns", limits.MaxColumns, Math.Max(column + 1, cellsInRow), sheet,
                                SheetCells.Address(sheet, column, (int)Math.Min(rowIndex + 1, int.MaxValue)), atLeast: true));
                        }

                        if (!reader.IsEmptyElement)
                        {
                            cellDepth = reader.Depth;
                            cellText = 0;
                        }

                        break;
                    }

                case XmlNodeType.EndElement when reader.Depth == cellDepth:
                    cellDepth = -1;
                    break;

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    {
                        int n;
                        while ((n = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                        {
                            if (cellDepth >= 0 && (cellText += n) > limits.MaxCellLength)
                            {
                                throw new GuardStopException(UploadFailure.Over(UploadCodes.CellTooLong, "characters in one cell", limits.MaxCellLength, cellText, sheet,
                                    SheetCells.Address(sheet, column, (int)Math.Min(rowIndex + 1, int.MaxValue)), atLeast: true));
                            }
                        }

                        break;
                    }
            }
        }
    }

    /// <summary>MiniExcel loads every shared string into memory (or a disk cache that throws above 32,767 chars), so each is bounded here.</summary>
    private static void ScanSharedStrings(Stream content, UploadLimits limits)
    {
        using var reader = XmlReader.Create(content, XmlSettings);
        var buffer = new char[ChunkChars];
        var index = -1;
        long length = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                index++;
                length = 0;
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                int n;
                while ((n = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                {
                    if ((length += n) > limits.MaxCellLength)
                    {
                        var cell = string.Create(CultureInfo.InvariantCulture, $"shared string #{index + 1}");
                        throw new GuardStopException(UploadFailure.Over(UploadCodes.CellTooLong, "characters", limits.MaxCellLength, length, cell: cell, atLeast: true));
                    }
                }
            }
        }
    }

    /// <summary>Any other XML part: must be well-formed (MiniExcel may parse it), text skipped in chunks.</summary>
    private static void ScanXml(Stream content)
    {
        using var reader = XmlReader.Create(content, XmlSettings);
        var buffer = new char[ChunkChars];
        while (reader.Read())
        {
            SkipText(reader, buffer);
        }
    }

    private static void SkipText(XmlReader reader, char[] buffer)
    {
        if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
        {
            while (reader.ReadValueChunk(buffer, 0, buffer.Length) > 0)
            {
            }
        }
    }

    /// <summary>0-based column of a reference like "AB12", or null when there is no usable reference (MiniExcel then counts cells).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            var upper = char.ToUpperInvariant(ch);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            // Saturate: anything past Excel's XFD (16,384) is simply "too many".
            column = Math.Min(column * 26 + (upper - 'A' + 1), 1 << 20);
            letters++;
        }

        return letters == 0 ? null : column - 1;
    }
}
