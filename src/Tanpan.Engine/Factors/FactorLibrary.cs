using System.Collections.Frozen;
using System.Reflection;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors;

public enum CombustionUse
{
    Stationary,
    Mobile,
}

public sealed record FactorSetInfo(string Id, string Name, string Version, string GwpBasis, string? HeatValueTable, string Verification, string Source);

public sealed record FuelFactorRow(
    string FactorSet,
    string Activity,
    CombustionUse Use,
    string? Technology,
    decimal Co2KgPerTj,
    decimal Ch4KgPerTj,
    decimal N2oKgPerTj,
    Unit ActivityUnit,
    string Verification,
    string Source);

/// <summary>Net heat value: energy per one activity unit (e.g. 8629 kcal/L).</summary>
public sealed record HeatValueRow(string Table, string Activity, Rate Value, string Verification, string Source);

public sealed record GridFactorRow(int Year, decimal KgCo2ePerKwh, string Verification, string Source);

/// <summary>The immutable, versioned factor library. <see cref="Shipped"/> is compiled from <c>data/factors</c>.</summary>
public sealed class FactorLibrary
{
    public const string GridActivity = "electricity.grid.tw";
    public const string DefaultFuelSet = "moenv-2024";
    public const string GridSet = "tw-grid";

    private static readonly Lazy<FactorLibrary> ShippedLibrary = new(LoadShipped);

    private FactorLibrary(
        IReadOnlyList<FactorSetInfo> sets,
        IReadOnlyList<FuelFactorRow> fuels,
        IReadOnlyList<HeatValueRow> heatValues,
        IReadOnlyList<GridFactorRow> grid,
        GwpTable gwp,
        IReadOnlyList<SecondaryFactorRow> secondary)
    {
        Secondary = secondary;
        SecondaryById = secondary.ToFrozenDictionary(r => r.Activity);
        Sets = sets;
        Fuels = fuels;
        HeatValues = heatValues;
        Grid = grid.OrderBy(g => g.Year).ToArray();
        Gwp = gwp;
        SetsById = sets.ToFrozenDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        FuelActivities = fuels.Select(f => f.Activity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        GridByYear = Grid.ToFrozenDictionary(g => g.Year);
    }

    public static FactorLibrary Shipped => ShippedLibrary.Value;

    public IReadOnlyList<FactorSetInfo> Sets { get; }

    public IReadOnlyList<FuelFactorRow> Fuels { get; }

    public IReadOnlyList<HeatValueRow> HeatValues { get; }

    public IReadOnlyList<GridFactorRow> Grid { get; }

    public GwpTable Gwp { get; }

    public IReadOnlyList<string> FuelActivities { get; }

    /// <summary>Materials, transport and waste factors (scope 3), each with its names and verification level.</summary>
    public IReadOnlyList<SecondaryFactorRow> Secondary { get; }

    internal FrozenDictionary<ActivityId, SecondaryFactorRow> SecondaryById { get; }

    /// <summary>The row behind a material, transport or waste activity, for names and verification levels.</summary>
    public SecondaryFactorRow? FindSecondary(string activity) =>
        ActivityId.TryParse(activity, out var id) && SecondaryById.TryGetValue(id.Value, out var row) ? row : null;

    internal FrozenDictionary<string, FactorSetInfo> SetsById { get; }

    internal FrozenDictionary<int, GridFactorRow> GridByYear { get; }

    /// <summary>Every activity id the library resolves, for listings and error messages.</summary>
    public IReadOnlyList<string> ActivityIds =>
    [
        GridActivity,
        .. FuelActivities,
        .. Gwp.Gases.Where(g => g.Name.StartsWith("R-", StringComparison.Ordinal) || g.Aliases.Any(a => a.StartsWith("R-", StringComparison.Ordinal)))
            .Select(g => "refrigerant." + (g.Name.StartsWith("R-", StringComparison.Ordinal) ? g.Name : g.Aliases.First(a => a.StartsWith("R-", StringComparison.Ordinal)))),
        .. Gwp.Gases.Where(g => !g.IsBlend).Select(g => "gas." + g.Name),
        .. Secondary.Select(r => r.Activity.ToString()),
        "custom",
    ];

    /// <summary>Loads a library from data files supplied by name (the shipped files, or a new version under test).</summary>
    public static FactorLibrary Load(Func<string, string> readFile)
    {
        var sets = Csv.Read(readFile("factor_sets.csv"), "factor_sets.csv")
            .Select(r => new FactorSetInfo(r["id"], r["name"], r["version"], r["gwp_basis"], r["heat_value_table"].Length == 0 ? null : r["heat_value_table"], r["verification"], r["source"]))
            .ToArray();

        var fuels = Csv.Read(readFile("fuel_combustion.csv"), "fuel_combustion.csv")
            .Select(r => new FuelFactorRow(
                r["factor_set"],
                r["activity"],
                r["use"] == "mobile" ? CombustionUse.Mobile : r["use"] == "stationary" ? CombustionUse.Stationary : throw new FormatException($"fuel_combustion.csv: bad use {r["use"]}"),
                r["technology"].Length == 0 ? null : r["technology"],
                DataParse.Decimal(r["co2_kg_per_tj"], "fuel_combustion.csv"),
                DataParse.Decimal(r["ch4_kg_per_tj"], "fuel_combustion.csv"),
                DataParse.Decimal(r["n2o_kg_per_tj"], "fuel_combustion.csv"),
                Units.Parse(r["activity_unit"]),
                r["verification"],
                r["source"]))
            .ToArray();

        var heat = Csv.Read(readFile("heat_values.csv"), "heat_values.csv")
            .Select(r => Rate.TryParse(DataParse.Decimal(r["value"], "heat_values.csv"), r["unit"], out var rate)
                ? new HeatValueRow(r["table"], r["activity"], rate, r["verification"], r["source"])
                : throw new FormatException($"heat_values.csv: bad unit {r["unit"]}"))
            .ToArray();

        var grid = Csv.Read(readFile("grid_tw.csv"), "grid_tw.csv")
            .Select(r => new GridFactorRow(DataParse.Int(r["year"], "grid_tw.csv"), DataParse.Decimal(r["kgco2e_per_kwh"], "grid_tw.csv"), r["verification"], r["source"]))
            .ToArray();

        var gwp = GwpTable.Load(readFile("gwp.csv"), readFile("refrigerant_blends.csv"), readFile("gwp_published.csv"));
        var secondary = SecondaryFactors.Load(readFile("materials.csv"), readFile("scope3_tw.csv"));
        return new FactorLibrary(sets, fuels, heat, grid, gwp, secondary);
    }

    private static FactorLibrary LoadShipped()
    {
        var assembly = typeof(FactorLibrary).Assembly;
        return Load(name => ReadResource(assembly, "Tanpan.Data." + name));
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing embedded data file {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
