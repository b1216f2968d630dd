using System.Collections.Frozen;
using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Factors;

/// <summary>A greenhouse gas or refrigerant blend with GWP100 values per assessment report.</summary>
public sealed record GasDefinition(
    string Name,
    string Group,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<GwpSet, decimal> Gwp,
    IReadOnlyList<BlendComponent> Components,
    IReadOnlyDictionary<GwpSet, PublishedGwp> Published,
    string Verification,
    string Source)
{
    public bool IsBlend => Components.Count > 0;

    /// <summary>Kyoto-basket gases count in totals; Montreal-Protocol and other gases are reported separately.</summary>
    public bool ReportedSeparately => Group == GasGroups.NonKyoto;
}

public sealed record BlendComponent(string Gas, decimal MassFraction);

public sealed record PublishedGwp(decimal Value, string Source);

/// <summary>The GWP value applied and where it came from.</summary>
public sealed record GwpValue(string Gas, GwpSet Set, decimal Value, string Basis);

public static class GasGroups
{
    public const string NonKyoto = "non-Kyoto";
    public static readonly IReadOnlyList<string> Kyoto = ["CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"];
}

/// <summary>GWP lookup by gas name or alias (R-32 = HFC-32). Blend GWPs use the published (rounded)
/// value where one exists for the set, else Σ mass fraction × component GWP.</summary>
public sealed class GwpTable
{
    private readonly FrozenDictionary<string, GasDefinition> _byName;

    internal GwpTable(IReadOnlyList<GasDefinition> gases)
    {
        Gases = gases;
        var map = new Dictionary<string, GasDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var gas in gases)
        {
            map[gas.Name] = gas;
            foreach (var alias in gas.Aliases)
            {
                map.TryAdd(alias, gas);
            }
        }

        _byName = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<GasDefinition> Gases { get; }

    public GasDefinition? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    public Outcome<GwpValue> Lookup(string gasName, GwpSet set)
    {
        var gas = Find(gasName);
        if (gas is null)
        {
            return Outcome<GwpValue>.Failure("gas", $"unknown gas '{gasName}'");
        }

        if (gas.Published.TryGetValue(set, out var published))
        {
            return Outcome<GwpValue>.Success(new GwpValue(gas.Name, set, published.Value, "published: " + published.Source));
        }

        if (gas.Gwp.TryGetValue(set, out var value))
        {
            return Outcome<GwpValue>.Success(new GwpValue(gas.Name, set, value, gas.Source));
        }

        if (gas.IsBlend)
        {
            decimal sum = 0;
            foreach (var component in gas.Components)
            {
                var part = Lookup(component.Gas, set);
                if (!part.Succeeded)
                {
                    return part;
                }

                sum += component.MassFraction * part.Value.Value;
            }

            var composition = string.Join(" + ", gas.Components.Select(c => $"{(c.MassFraction * 100m).ToString("0.###", CultureInfo.InvariantCulture)}% {c.Gas}"));
            return Outcome<GwpValue>.Success(new GwpValue(gas.Name, set, sum, $"computed from components ({composition}); {gas.Source}"));
        }

        var available = string.Join(", ", gas.Gwp.Keys.Concat(gas.Published.Keys).Distinct().Order().Select(s => s.Code()));
        return Outcome<GwpValue>.Failure("gwpSet", $"no {set.Code()} GWP for {gas.Name}; available: {available}");
    }

    internal static GwpTable Load(string gwpCsv, string blendsCsv, string publishedCsv)
    {
        var published = Csv.Read(publishedCsv, "gwp_published.csv")
            .GroupBy(r => r["gas"], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<GwpSet, PublishedGwp>)g.ToDictionary(
                    r => GwpSets.TryParse(r["gwp_set"], out var s) ? s.Value : throw new FormatException($"gwp_published.csv: bad set {r["gwp_set"]}"),
                    r => new PublishedGwp(DataParse.Decimal(r["value"], "gwp_published.csv"), r["source"])),
                StringComparer.OrdinalIgnoreCase);
        IReadOnlyDictionary<GwpSet, PublishedGwp> PublishedFor(string name) =>
            published.TryGetValue(name, out var p) ? p : FrozenDictionary<GwpSet, PublishedGwp>.Empty;

        var gases = new List<GasDefinition>();
        foreach (var row in Csv.Read(gwpCsv, "gwp.csv"))
        {
            var values = new Dictionary<GwpSet, decimal>();
            foreach (var (column, set) in new[] { ("ar4", GwpSet.Ar4), ("ar5", GwpSet.Ar5), ("ar6", GwpSet.Ar6) })
            {
                if (row[column].Length > 0)
                {
                    values[set] = DataParse.Decimal(row[column], "gwp.csv");
                }
            }

            var aliases = row["aliases"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            gases.Add(new GasDefinition(row["gas"], row["group"], aliases, values, [], PublishedFor(row["gas"]), row["verification"], row["source"]));
        }

        var singles = gases.ToDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var blend in Csv.Read(blendsCsv, "refrigerant_blends.csv").GroupBy(r => r["blend"], StringComparer.OrdinalIgnoreCase))
        {
            var components = blend.Select(r => new BlendComponent(r["component"], DataParse.Decimal(r["mass_percent"], "refrigerant_blends.csv") / 100m)).ToArray();
            var total = components.Sum(c => c.MassFraction);
            if (total != 1m)
            {
                throw new FormatException($"refrigerant_blends.csv: {blend.Key} fractions sum to {total}, not 1.");
            }

            var groups = components.Select(c => singles.TryGetValue(c.Gas, out var g) ? g.Group : throw new FormatException($"refrigerant_blends.csv: unknown component {c.Gas}")).Distinct().ToArray();
            var group = groups.Length == 1 ? groups[0] : string.Join("+", groups);
            gases.Add(new GasDefinition(blend.Key, group, [], FrozenDictionary<GwpSet, decimal>.Empty, components, PublishedFor(blend.Key), "computed", blend.First()["source"]));
        }

        return new GwpTable(gases);
    }
}
