using System.Text.RegularExpressions;

namespace Tanpan.Web.Features.Pact;

/// <summary>The v2 ListFootprints <c>$filter</c> subset the Technical Specifications name (an OData expression):
/// comparisons of <c>created</c>, <c>updated</c>, <c>productCategoryCpc</c>, <c>pcf/geographyCountry</c>,
/// <c>pcf/referencePeriodStart</c> / <c>End</c>, and <c>productIds/any(…)</c> / <c>companyIds/any(…)</c>, joined by
/// <c>and</c>. Anything else is not understood (null): answered NotImplemented rather than guessed.</summary>
public static partial class PactODataFilter
{
    public static Func<StoredPactFootprint, DateTime?, bool>? Parse(string expression)
    {
        if (expression.Length > 2000)
        {
            return null;
        }

        var tests = new List<Func<StoredPactFootprint, DateTime?, bool>>();
        foreach (var clause in SplitAnd(expression))
        {
            if (Any().Match(clause) is { Success: true } any && any.Groups["var"].Value == any.Groups["var2"].Value)
            {
                var value = Unquote(any.Groups["value"].Value);
                tests.Add(any.Groups["list"].Value == "productIds"
                    ? (f, _) => f.ProductIds.Contains(value, StringComparer.OrdinalIgnoreCase)
                    : (f, _) => f.CompanyIds.Contains(value, StringComparer.OrdinalIgnoreCase));
                continue;
            }

            if (Comparison().Match(clause) is not { Success: true } c)
            {
                return null;
            }

            var op = c.Groups["op"].Value;
            var text = Unquote(c.Groups["value"].Value);
            switch (c.Groups["field"].Value)
            {
                case "productCategoryCpc" when op == "eq":
                    tests.Add((f, _) => f.ProductClassifications.Any(x => x.EndsWith(":" + text, StringComparison.Ordinal)));
                    break;
                case "pcf/geographyCountry" when op == "eq":
                    tests.Add((f, _) => string.Equals(f.GeographyCountry, text, StringComparison.OrdinalIgnoreCase));
                    break;
                case var field when PactFilter.TryTime(text, out var t):
                    Func<StoredPactFootprint, DateTime?, DateTime?> read = field switch
                    {
                        "created" => (f, _) => f.CreatedUtc,
                        "updated" => (_, updated) => updated,
                        "pcf/referencePeriodStart" => (f, _) => f.ReferenceStartUtc,
                        "pcf/referencePeriodEnd" => (f, _) => f.ReferenceEndUtc,
                        _ => null!,
                    };
                    if (read is null)
                    {
                        return null;
                    }

                    tests.Add((f, u) => read(f, u) is { } v && Compare(v, op, t));
                    break;
                default:
                    return null;
            }
        }

        return tests.Count == 0 ? null : (f, updated) => tests.All(test => test(f, updated));
    }

    private static bool Compare(DateTime value, string op, DateTime against) => op switch
    {
        "eq" => value == against,
        "ge" => value >= against,
        "gt" => value > against,
        "le" => value <= against,
        "lt" => value < against,
        _ => false,
    };

    private static IEnumerable<string> SplitAnd(string expression)
    {
        // " and " outside quotes and parentheses.
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var ch = expression[i];
            if (ch == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && ch == '(')
            {
                depth++;
            }
            else if (!quoted && ch == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && string.CompareOrdinal(expression, i, " and ", 0, 5) == 0)
            {
                yield return expression[start..i].Trim();
                start = i + 5;
                i += 4;
            }
        }

        yield return expression[start..].Trim();
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("''", "'", StringComparison.Ordinal) : value;

    [GeneratedRegex(@"^(?<list>productIds|companyIds)/any\((?<var>\w+):\s*\(?\s*(?<var2>\w+)\s+eq\s+(?<value>'(?:[^']|'')*')\s*\)?\)$")]
    private static partial Regex Any();

    [GeneratedRegex(@"^(?<field>[A-Za-z/]+)\s+(?<op>eq|ge|gt|le|lt)\s+(?<value>'(?:[^']|'')*'|[0-9T:\-\.Z+]+)$")]
    private static partial Regex Comparison();
}
