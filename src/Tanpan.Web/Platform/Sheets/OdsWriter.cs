using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Tanpan.Web.Platform.Sheets;

/// <summary>Writes an OpenDocument spreadsheet (.ods, ODF 1.3), the format MOENV's registry publishes its forms in.
/// No library here writes ODS, and the part we need is small: a zip whose first entry is the uncompressed
/// <c>mimetype</c>, a manifest, and <c>content.xml</c> with one <c>table:table</c> per sheet. Cells are values only
/// (strings and numbers, full precision); empty runs are written as repeated cells and rows.</summary>
public static class OdsWriter
{
    public const string MediaType = "application/vnd.oasis.opendocument.spreadsheet";

    private const string Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private const string Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private const string Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private const string Manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

    /// <summary>One sheet: its name and its cells by (row, column), both from 1.</summary>
    public sealed record Sheet(string Name, IReadOnlyDictionary<(int Row, int Col), object?> Cells);

    public static byte[] Write(IReadOnlyList<Sheet> sheets)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // ODF: "mimetype" first, stored, so a reader can identify the file from its first bytes.
            using (var mimetype = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open(), new UTF8Encoding(false)))
            {
                mimetype.Write(MediaType);
            }

            Xml(zip, "META-INF/manifest.xml", w =>
            {
                w.WriteStartElement("manifest", "manifest", Manifest);
                w.WriteAttributeString("manifest", "version", Manifest, "1.3");
                foreach (var (path, type) in new[] { ("/", MediaType), ("content.xml", "text/xml") })
                {
                    w.WriteStartElement("manifest", "file-entry", Manifest);
                    w.WriteAttributeString("manifest", "full-path", Manifest, path);
                    if (path == "/")
                    {
                        w.WriteAttributeString("manifest", "version", Manifest, "1.3");
                    }

                    w.WriteAttributeString("manifest", "media-type", Manifest, type);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            });
            Xml(zip, "content.xml", w => Content(w, sheets));
        }

        return output.ToArray();
    }

    private static void Content(XmlWriter w, IReadOnlyList<Sheet> sheets)
    {
        w.WriteStartElement("office", "document-content", Office);
        w.WriteAttributeString("xmlns", "table", null, Table);
        w.WriteAttributeString("xmlns", "text", null, Text);
        w.WriteAttributeString("office", "version", Office, "1.3");
        w.WriteStartElement("office", "body", Office);
        w.WriteStartElement("office", "spreadsheet", Office);
        foreach (var sheet in sheets)
        {
            w.WriteStartElement("table", "table", Table);
            w.WriteAttributeString("table", "name", Table, sheet.Name);
            var maxRow = sheet.Cells.Count == 0 ? 1 : sheet.Cells.Keys.Max(k => k.Row);
            var maxCol = sheet.Cells.Count == 0 ? 1 : sheet.Cells.Keys.Max(k => k.Col);
            w.WriteStartElement("table", "table-column", Table);
            w.WriteAttributeString("table", "number-columns-repeated", Table, Int(maxCol));
            w.WriteEndElement();
            var byRow = sheet.Cells.Where(c => c.Value is not null).GroupBy(c => c.Key.Row).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Key.Col).ToList());
            var row = 1;
            while (row <= maxRow)
            {
                if (!byRow.TryGetValue(row, out var cells))
                {
                    var empty = 1;
                    while (row + empty <= maxRow && !byRow.ContainsKey(row + empty))
                    {
                        empty++;
                    }

                    w.WriteStartElement("table", "table-row", Table);
                    if (empty > 1)
                    {
                        w.WriteAttributeString("table", "number-rows-repeated", Table, Int(empty));
                    }

                    w.WriteStartElement("table", "table-cell", Table);
                    w.WriteEndElement();
                    w.WriteEndElement();
                    row += empty;
                    continue;
                }

                w.WriteStartElement("table", "table-row", Table);
                var col = 1;
                foreach (var cell in cells)
                {
                    if (cell.Key.Col > col)
                    {
                        w.WriteStartElement("table", "table-cell", Table);
                        if (cell.Key.Col - col > 1)
                        {
                            w.WriteAttributeString("table", "number-columns-repeated", Table, Int(cell.Key.Col - col));
                        }

                        w.WriteEndElement();
                    }

                    Cell(w, cell.Value!);
                    col = cell.Key.Col + 1;
                }

                w.WriteEndElement();
                row++;
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Cell(XmlWriter w, object value)
    {
        w.WriteStartElement("table", "table-cell", Table);
        string shown;
        switch (value)
        {
            case decimal or int or long or double or float:
                var number = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                w.WriteAttributeString("office", "value-type", Office, "float");
                w.WriteAttributeString("office", "value", Office, number);
                shown = number;
                break;
            default:
                w.WriteAttributeString("office", "value-type", Office, "string");
                shown = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                break;
        }

        foreach (var paragraph in Clean(shown).Split('\n'))
        {
            w.WriteStartElement("text", "p", Text);
            Paragraph(w, paragraph);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>ODF collapses white space in text: runs of spaces become <c>text:s</c> and tabs <c>text:tab</c>.</summary>
    private static void Paragraph(XmlWriter w, string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\t')
            {
                w.WriteStartElement("text", "tab", Text);
                w.WriteEndElement();
                i++;
                continue;
            }

            if (text[i] == ' ' && (i == 0 || i + 1 == text.Length || text[i + 1] == ' '))
            {
                var run = 0;
                while (i + run < text.Length && text[i + run] == ' ')
                {
                    run++;
                }

                w.WriteStartElement("text", "s", Text);
                if (run > 1)
                {
                    w.WriteAttributeString("text", "c", Text, Int(run));
                }

                w.WriteEndElement();
                i += run;
                continue;
            }

            var start = i;
            while (i < text.Length && text[i] != '\t' && !(text[i] == ' ' && (i + 1 == text.Length || text[i + 1] == ' ')))
            {
                i++;
            }

            w.WriteString(text[start..i]);
        }
    }

    // XML 1.0 cannot carry most control characters; a form cell has no use for them.
    private static string Clean(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.Any(c => c < ' ' && c is not '\n' and not '\t') ? new string([.. text.Where(c => c >= ' ' || c is '\n' or '\t')]) : text;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Xml(ZipArchive zip, string path, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument();
        write(writer);
        writer.WriteEndDocument();
    }
}
