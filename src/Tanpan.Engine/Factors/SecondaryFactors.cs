using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors;

/// <summary>A published CO2e factor for something bought, carried or thrown away (scope 3): one value in the unit its
/// source publishes, with the names, year and verification level users see beside it. <see cref="Co2Only"/> marks
/// sources that give kgCO2 rather than kgCO2e.</summary>
public sealed record SecondaryFactorRow(
    ActivityId Activity, string NameZh, string NameEn, decimal KgPerUnit, Unit PerUnit, bool Co2Only, int? Year,
    string Verification, string Source, string SetId, string? Boundary, string? Region, string? Notes);

/// <summary>Reads <c>materials.csv</c> (cradle-to-gate materials, parts, packaging, end-of-life) and
/// <c>scope3_tw.csv</c> (freight, passenger travel, tap water, waste) into activities: <c>material.&lt;id&gt;</c>,
/// <c>transport.&lt;id&gt;</c>, <c>waste.&lt;id&gt;</c>. The kind follows what the row measures, not the file it is in
/// (waste treatment rows of the materials file are waste, the container-ship row is transport).</summary>
internal static class SecondaryFactors
{
    public const string MaterialsSet = "materials";
    public const string Scope3Set = "scope3-tw";

    public static IReadOnlyList<SecondaryFactorRow> Load(string materialsCsv, string scope3Csv)
    {
        var rows = new List<SecondaryFactorRow>();
        foreach (var r in Csv.Read(materialsCsv, "materials.csv"))
        {
            var id = r["material_id"];
            var (perUnit, co2Only) = Rate(r["unit"], "materials.csv", id);
            var kind = id.StartsWith("waste_", StringComparison.Ordinal) ? ActivityKind.Waste
                : perUnit.Dimension is Dimension.ContainerDistance or Dimension.FreightWork ? ActivityKind.Transport
                : ActivityKind.Material;
            rows.Add(new SecondaryFactorRow(new ActivityId(kind, id), r["description_zh"], r["description_en"], DataParse.Decimal(r["value"], "materials.csv"), perUnit, co2Only,
                Year(r["year"]), r["verification"], r["source"], MaterialsSet, Blank(r["boundary"]), Blank(r["region"]), Blank(r["notes"])));
        }

        foreach (var r in Csv.Read(scope3Csv, "scope3_tw.csv"))
        {
            var id = r["activity"];
            var (perUnit, co2Only) = Rate(r["unit"], "scope3_tw.csv", id);
            var kind = id.StartsWith("waste", StringComparison.Ordinal) ? ActivityKind.Waste
                : perUnit.Dimension is Dimension.FreightWork or Dimension.PassengerDistance or Dimension.ContainerDistance ? ActivityKind.Transport
                : ActivityKind.Material;
            rows.Add(new SecondaryFactorRow(new ActivityId(kind, id), r["description_zh"], r["description_en"], DataParse.Decimal(r["value"], "scope3_tw.csv"), perUnit, co2Only,
                Year(r["year"]), r["verification"], r["source"], Scope3Set, null, null, Blank(r["gwp_basis"])));
        }

        var duplicate = rows.GroupBy(r => r.Activity).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? rows : throw new FormatException($"secondary factors: activity {duplicate.Key} appears twice");
    }

    private static (Unit PerUnit, bool Co2Only) Rate(string text, string file, string id)
    {
        var co2Only = text.StartsWith("kgCO2/", StringComparison.Ordinal);
        var prefix = co2Only ? "kgCO2/" : "kgCO2e/";
        return text.StartsWith(prefix, StringComparison.Ordinal) && Units.TryParse(text[prefix.Length..], out var unit)
            ? (unit, co2Only)
            : throw new FormatException($"{file}: {id}: unit '{text}' is not kgCO2e/<unit> or kgCO2/<unit> with a known unit");
    }

    private static int? Year(string text) => text.Length == 0 ? null : DataParse.Int(text, "secondary factors");

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
