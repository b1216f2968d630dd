namespace Tanpan.Engine.Common;

/// <summary>Minimal RFC 4180 reader for the shipped data files (quoted fields, doubled quotes, LF or CRLF).</summary>
public static class Csv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string text, string fileName)
    {
        var rows = ParseRows(text);
        if (rows.Count == 0)
        {
            throw new FormatException($"{fileName}: empty file.");
        }

        var header = rows[0];
        var records = new List<IReadOnlyDictionary<string, string>>(rows.Count - 1);
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }

            if (row.Count != header.Count)
            {
                throw new FormatException($"{fileName}: row {i + 1} has {row.Count} fields, header has {header.Count}.");
            }

            var record = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                record[header[c]] = row[c];
            }

            records.Add(record);
        }

        return records;
    }

    internal static List<List<string>> ParseRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
