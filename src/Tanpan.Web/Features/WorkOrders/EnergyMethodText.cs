using System.Text.RegularExpressions;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The stored energy method (English, as the record and the API carry it) in the reader's language.</summary>
public static partial class EnergyMethodText
{
    public static string For(HttpContext context, string method)
    {
        if (AllocatedBy().Match(method) is { Success: true } m && AllocationKeys.TryParse(m.Groups["key"].Value, out var key))
        {
            var keyName = context.Name(key);
            return context.T($"量測能源依{keyName}分攤：{m.Groups["job"].Value} / {m.Groups["total"].Value}", $"metered energy allocated by {keyName}: {m.Groups["job"].Value} of {m.Groups["total"].Value}");
        }

        return context.Name(Names.EnergyMethod, method);
    }

    /// <summary>"kgCO2e/piece" with the unit's name ("kgCO2e/件").</summary>
    public static string IntensityUnit(HttpContext context, string unit) =>
        unit.StartsWith("kgCO2e/", StringComparison.Ordinal) ? "kgCO2e/" + context.UnitName(unit["kgCO2e/".Length..]) : unit;

    [GeneratedRegex(@"^metered energy allocated by (?<key>[a-z-]+): (?<job>[0-9.]+) of (?<total>[0-9.]+)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AllocatedBy();
}
