using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Tanpan.Web.Tests.Platform.Sheets.Support;

/// <summary>Writes minimal .xlsx packages by hand, streaming each part, so hostile files cost no disk and little memory to make.</summary>
public static class Xlsx
{
    public const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private const string ContentTypes = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";
    private const string RootRels = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";
    private const string WorkbookRels = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";

    /// <summary>Style 1 = built-in date format 14 (d/m/yyyy), style 2 = built-in time format 21 (h:mm:ss), which MiniExcel turns into DateTime / TimeSpan.</summary>
    private const string Styles = """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="21" applyNumberFormat="1"/></cellXfs></styleSheet>""";

    /// <summary>
    /// A one-sheet workbook. <paramref name="sheetData"/> writes the inside of &lt;sheetData&gt;; <paramref name="sharedStrings"/>, when given, the inside of &lt;sst&gt;.
    /// <paramref name="beforeSheetData"/> goes between &lt;worksheet&gt; and &lt;sheetData&gt; (e.g. a &lt;dimension&gt;).
    /// </summary>
    public static byte[] Build(Action<Stream> sheetData, Action<Stream>? sharedStrings = null, string sheetName = "Data", string beforeSheetData = "",
        CompressionLevel level = CompressionLevel.Fastest, string sheetPrologue = "")
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", level, s => Write(s, ContentTypes));
            Part(zip, "_rels/.rels", level, s => Write(s, RootRels));
            Part(zip, "xl/workbook.xml", level, s => Write(s, $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MainNs}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Part(zip, "xl/_rels/workbook.xml.rels", level, s => Write(s, WorkbookRels));
            Part(zip, "xl/styles.xml", level, s => Write(s, Styles));
            if (sharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", level, s =>
                {
                    Write(s, $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MainNs}">""");
                    sharedStrings(s);
                    Write(s, "</sst>");
                });
            }

            Part(zip, "xl/worksheets/sheet1.xml", level, s =>
            {
                Write(s, $"""<?xml version="1.0" encoding="UTF-8"?>{sheetPrologue}<worksheet xmlns="{MainNs}">{beforeSheetData}<sheetData>""");
                sheetData(s);
                Write(s, "</sheetData></worksheet>");
            });
        }

        return output.ToArray();
    }

    /// <summary>A sheet of inline-string/number cells; each row is the cells' raw XML.</summary>
    public static byte[] FromRows(IEnumerable<string> rowsXml, string sheetName = "Data") => Build(s =>
    {
        var r = 1;
        foreach (var row in rowsXml)
        {
            Write(s, $"<row r=\"{r++}\">{row}</row>");
        }
    }, sheetName: sheetName);

    public static string Inline(string column, int row, string text) => $"<c r=\"{column}{row}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>";

    public static void Part(ZipArchive zip, string name, CompressionLevel level, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        using var buffered = new BufferedStream(stream, 1 << 16);
        write(buffered);
    }

    public static void Write(Stream s, string text) => s.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <paramref name="count"/> copies of one ASCII byte in 1 MB blocks.</summary>
    public static void Repeat(Stream s, byte value, long count)
    {
        var block = new byte[1 << 20];
        Array.Fill(block, value);
        for (var left = count; left > 0; left -= block.Length)
        {
            s.Write(block, 0, (int)Math.Min(block.Length, left));
        }
    }

    /// <summary>Rewrites the sizes the central directory (and, optionally, the local header) declare for one entry: the classic lying zip.</summary>
    public static byte[] LieAboutSize(byte[] zip, string entryName, uint declaredUncompressed, bool alsoLocalHeader = true, uint? declaredCompressed = null)
    {
        var copy = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 <= copy.Length; i++)
        {
            var sig = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (sig == 0x02014b50 && NameAt(copy, i + 46, BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(i + 28)), name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 24), declaredUncompressed);
                if (declaredCompressed is { } c)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 20), c);
                }

                patched++;
            }
            else if (alsoLocalHeader && sig == 0x04034b50 && NameAt(copy, i + 30, BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(i + 26)), name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 22), declaredUncompressed);
            }
        }

        return patched == 1 ? copy : throw new InvalidOperationException($"entry {entryName} found {patched} times in the central directory");
    }

    /// <summary>Sets general-purpose flag bits (bit 0 = encrypted) on every entry, in both headers.</summary>
    public static byte[] SetFlags(byte[] zip, ushort flags)
    {
        var copy = (byte[])zip.Clone();
        for (var i = 0; i + 46 <= copy.Length; i++)
        {
            var sig = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(i));
            if (sig == 0x02014b50)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(i + 8), flags);
            }
            else if (sig == 0x04034b50)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(i + 6), flags);
            }
        }

        return copy;
    }

    private static bool NameAt(byte[] zip, int offset, int length, byte[] name) =>
        length == name.Length && offset + length <= zip.Length && zip.AsSpan(offset, length).SequenceEqual(name);
}
