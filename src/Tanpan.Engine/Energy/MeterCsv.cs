using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Energy;

/// <summary>Meter readings exported as CSV, checked by the same <see cref="ReadingRules"/> as the JSON payload.</summary>
public static class MeterCsv
{
    private const int NoColumn = -1;

    /// <summary>Text with a header row containing "t" and one of "kwh"/"value" (case-insensitive, any column order,
    /// comma separated, optional UTF-8 BOM, blank lines ignored; other columns are ignored, and a field may be quoted
    /// but not span lines). Error paths are $"rows[{line}].{column}" with the 1-based line number in the file (the
    /// header is line 1), e.g. "rows[3].kwh"; a wrong row as a whole is "rows[3]", too many rows "rows". Same
    /// time/value/duplicate rules as <see cref="MeterPayload"/>.</summary>
    public static Outcome<ParsedReadings> Parse(string text, DateTime nowUtc, int maxReadings)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        if (rest.Length > 0 && rest[0] == '\uFEFF')
        {
            rest = rest[1..];
        }

        // ~35 characters per row; the hint only sizes the list.
        var rules = new ReadingRules(nowUtc, maxReadings, text.Length / 35);
        var fields = new List<Range>(8);
        var line = 0;
        var timeColumn = NoColumn;
        var valueColumn = NoColumn;
        var valueName = "";
        var headerFields = 0;
        var rows = 0;
        while (!rules.Full)
        {
            if (rest.IsEmpty && line > 0)
            {
                break;
            }

            var newline = rest.IndexOf('\n');
            var current = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            line++;
            if (current.EndsWith('\r'))
            {
                current = current[..^1];
            }

            if (current.IsWhiteSpace())
            {
                if (newline < 0)
                {
                    break;
                }

                continue;
            }

            if (!Split(current, fields))
            {
                rules.Error(RowPath(line), "has a quoted field without its closing quote (a field cannot span lines)", "meter.csv.row");
                continue;
            }

            if (headerFields == 0)
            {
                headerFields = fields.Count;
                if (!ReadHeader(current, fields, line, rules, out timeColumn, out valueColumn, out valueName))
                {
                    return rules.Finish(RowPath, "t");
                }

                continue;
            }

            if (++rows > maxReadings)
            {
                return Outcome<ParsedReadings>.Failure([ReadingRules.LimitError("rows", maxReadings)]);
            }

            if (fields.Count != headerFields)
            {
                rules.Error(RowPath(line), string.Create(CultureInfo.InvariantCulture, $"has {fields.Count} fields; the header has {headerFields}"), "meter.csv.row");
                continue;
            }

            var timeOk = rules.TryTime(current[fields[timeColumn]].Trim(), RowPath, line, "t", out var time);
            var valueOk = rules.TryValue(current[fields[valueColumn]].Trim(), RowPath, line, valueName, out var value);
            if (timeOk && valueOk)
            {
                rules.Add(time, value, line);
            }
        }

        if (headerFields == 0)
        {
            return Outcome<ParsedReadings>.Failure([new FieldError("(body)", "is empty: a header row with t and kwh (or value) is required", "meter.csv.header")]);
        }

        return rules.Finish(RowPath, "t");
    }

    private static string RowPath(int line) => string.Create(CultureInfo.InvariantCulture, $"rows[{line}]");

    private static bool ReadHeader(ReadOnlySpan<char> line, List<Range> fields, int lineNumber, ReadingRules rules, out int timeColumn, out int valueColumn, out string valueName)
    {
        timeColumn = NoColumn;
        valueColumn = NoColumn;
        valueName = "";
        var ok = true;
        for (var c = 0; c < fields.Count; c++)
        {
            var name = line[fields[c]].Trim();
            if (name.Equals("t", StringComparison.OrdinalIgnoreCase))
            {
                ok &= Claim(ref timeColumn, c, "t");
            }
            else if (name.Equals("kwh", StringComparison.OrdinalIgnoreCase) || name.Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                var canonical = name.Equals("kwh", StringComparison.OrdinalIgnoreCase) ? "kwh" : "value";
                if (valueColumn != NoColumn && valueName != canonical)
                {
                    rules.Error(RowPath(lineNumber), "has both kwh and value columns; give exactly one", "meter.csv.header");
                    ok = false;
                    continue;
                }

                ok &= Claim(ref valueColumn, c, canonical);
                valueName = canonical;
            }
        }

        if (timeColumn == NoColumn || valueColumn == NoColumn)
        {
            rules.Error(RowPath(lineNumber), "the header row must have a column t and one of kwh or value, e.g. t,kwh", "meter.csv.header");
            ok = false;
        }

        return ok;

        bool Claim(ref int column, int c, string name)
        {
            if (column != NoColumn)
            {
                rules.Error(RowPath(lineNumber), $"has the column {name} twice", "meter.csv.header");
                return false;
            }

            column = c;
            return true;
        }
    }

    /// <summary>Splits one line at commas into field ranges; a quoted field's range is inside its quotes (a doubled
    /// quote inside stays doubled: it is never valid in a time or number). False for an unclosed quote.</summary>
    private static bool Split(ReadOnlySpan<char> line, List<Range> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var open = i + 1;
                var j = open;
                while (true)
                {
                    if (j >= line.Length)
                    {
                        return false;
                    }

                    if (line[j] == '"')
                    {
                        if (j + 1 < line.Length && line[j + 1] == '"')
                        {
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    j++;
                }

                fields.Add(open..j);
                var comma = line[(j + 1)..].IndexOf(',');
                if (comma < 0)
                {
                    return true;
                }

                i = j + 1 + comma + 1;
                continue;
            }

            var next = line[start..].IndexOf(',');
            if (next < 0)
            {
                fields.Add(start..line.Length);
                return true;
            }

            fields.Add(start..(start + next));
            i = start + next + 1;
        }
    }
}
