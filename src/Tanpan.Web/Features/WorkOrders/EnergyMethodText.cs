using System.Text.RegularExpressions;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The stored energy method (English, as the record and the API carry it) in the reader's language.</summary>
public static partial class EnergyMethodText
{
    public static string For(HttpContext context, string method) => For(Language.Of(context), method);

    public static string For(Language context, string method)
    {
        if (AllocatedBy().Match(method) is { Success: true } m && AllocationKeys.TryParse(m.Groups["key"].Value, out var key))
        {
            var keyName = context.Name(key);
            return context.T($"量測能源依{keyName}分攤：{m.Groups["job"].Value} / {m.Groups["total"].Value}", $"metered energy allocated by {keyName}: {m.Groups["job"].Value} of {m.Groups["total"].Value}");
        }

        if (Measured().Match(method) is { Success: true } w)
        {
            return context.T(
                $"電表 {w.Groups["code"].Value}（{w.Groups["name"].Value}）實測：{w.Groups["from"].Value} 至 {w.Groups["to"].Value}（{w.Groups["zone"].Value}），{w.Groups["n"].Value} 筆讀值，區間兩端依時間比例計入，涵蓋時段 {w.Groups["share"].Value}；未分攤",
                method);
        }

        return context.Name(Names.EnergyMethod, method);
    }

    [GeneratedRegex(@"^Measured on meter (?<code>\S+) \((?<name>.*)\) from (?<from>[0-9: -]+) to (?<to>[0-9: -]+) \((?<zone>[^)]+)\): (?<n>[0-9]+) readings, .*?, (?<share>[0-9.]+ ?%) of the window covered; no allocation\.$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Measured();

    /// <summary>"kgCO2e/piece" with the unit's name ("kgCO2e/件").</summary>
    public static string IntensityUnit(HttpContext context, string unit) =>
        unit.StartsWith("kgCO2e/", StringComparison.Ordinal) ? "kgCO2e/" + context.UnitName(unit["kgCO2e/".Length..]) : unit;

    [GeneratedRegex(@"^metered energy allocated by (?<key>[a-z-]+): (?<job>[0-9.]+) of (?<total>[0-9.]+)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AllocatedBy();
}
