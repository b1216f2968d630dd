namespace Tanpan.Web.Platform.Sheets;

/// <summary>
/// A linear-time drop-in for MiniExcel's default CSV line splitter. MiniExcel splits with
/// <c>[\t,](?=(?:[^"]|"[^"]*")*$)</c>, whose look-ahead rescans the rest of the line at every separator (quadratic per line);
/// this gives the same fields: split at a separator or tab followed by an even number of quotes, then un-double quotes and strip one leading and one trailing quote.
/// </summary>
public static class CsvSplitter
{
    public static string[] Split(string line) => Split(line, ',');

    public static string[] Split(string line, char separator)
    {
        ArgumentNullException.ThrowIfNull(line);
        var quotesAfter = line.AsSpan().Count('"');
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quotesAfter--;
            }
            else if ((c == separator || c == '\t') && (quotesAfter & 1) == 0)
            {
                parts.Add(Unquote(line[start..i]));
                start = i + 1;
            }
        }

        parts.Add(Unquote(line[start..]));
        return [.. parts];
    }

    /// <summary>Same as MiniExcel's <c>Regex.Replace(s.Replace("\"\"", "\""), "^\"|\"$", "")</c>; note that .NET's <c>$</c> also matches before a final '\n'.</summary>
    private static string Unquote(string field)
    {
        var s = field.Replace("\"\"", "\"", StringComparison.Ordinal);
        var cutStart = s.Length > 0 && s[0] == '"' ? 1 : 0;
        var cutEnd = -1;
        if (s.Length > 0 && s[^1] == '"')
        {
            cutEnd = s.Length - 1;
        }
        else if (s.Length > 1 && s[^1] == '\n' && s[^2] == '"')
        {
            cutEnd = s.Length - 2;
        }

        if (cutEnd < cutStart)
        {
            cutEnd = -1;
        }

        return (cutStart, cutEnd) switch
        {
            (0, -1) => s,
            (_, -1) => s[cutStart..],
            _ => string.Concat(s.AsSpan(cutStart, cutEnd - cutStart), s.AsSpan(cutEnd + 1)),
        };
    }
}
