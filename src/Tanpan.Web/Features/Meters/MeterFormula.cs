using System.Text.RegularExpressions;

namespace Tanpan.Web.Features.Meters;

/// <summary>A virtual meter's terms, written "+MAIN -LINE1 -LINE2": signed meter codes, space separated.</summary>
public static partial class MeterFormula
{
    /// <summary>Virtual meters of virtual meters are allowed this deep (and never in a cycle).</summary>
    public const int MaxDepth = 4;

    public static IReadOnlyList<(int Sign, string Code)> Terms(string? formula)
    {
        if (string.IsNullOrWhiteSpace(formula))
        {
            return [];
        }

        return formula.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t[0] == '-' ? (-1, t[1..]) : (1, t.TrimStart('+'))).ToList();
    }

    /// <summary>Null when well formed; else what is wrong, in English.</summary>
    public static string? Check(string? formula)
    {
        if (string.IsNullOrWhiteSpace(formula))
        {
            return "required for a virtual meter: signed meter ids separated by spaces, e.g. \"+MAIN -LINE1\"";
        }

        foreach (var token in formula.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TermPattern().IsMatch(token))
            {
                return $"'{(token.Length > 40 ? token[..40] : token)}' is not a term: write +CODE or -CODE (meter ids of letters, digits, '.', '_', '-')";
            }
        }

        return null;
    }

    [GeneratedRegex("^[+-]?[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex TermPattern();
}
