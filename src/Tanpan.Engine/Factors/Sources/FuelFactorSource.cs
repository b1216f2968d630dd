using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors.Sources;

/// <summary>Fuel combustion: per-TJ factors of the chosen set × the heat value (the entity's own or the set's table),
/// per gas with the GWP set's values.</summary>
internal sealed class FuelFactorSource(FactorLibrary library) : IFactorSource
{
    public const string DefaultMobileGasolineTechnology = "oxidation-catalyst";

    public Outcome<ResolvedFactor> Resolve(in FactorQuery query, ActivityId activity) => ResolveFuel(query, activity.ToString());

    private Outcome<ResolvedFactor> ResolveFuel(in FactorQuery query, string activity)
    {
        var setId = query.FactorSet ?? FactorLibrary.DefaultFuelSet;
        if (!library.SetsById.TryGetValue(setId, out var set) || set.HeatValueTable is null)
        {
            var fuelSets = library.Sets.Where(s => s.HeatValueTable is not null).Select(s => s.Id);
            return Outcome<ResolvedFactor>.Failure("factorSet", $"unknown fuel factor set '{setId}'; allowed: {string.Join(", ", fuelSets)}");
        }

        var forActivity = library.Fuels.Where(f => f.Activity == activity && string.Equals(f.FactorSet, set.Id, StringComparison.Ordinal)).ToArray();
        if (forActivity.Length == 0)
        {
            return library.FuelActivities.Contains(activity)
                ? Outcome<ResolvedFactor>.Failure("activity", $"'{activity}' has no factor in set {set.Id}")
                : FactorResolver.UnknownActivity(library, activity);
        }

        var notes = new List<string>();
        var use = query.Use ?? CombustionUse.Stationary;
        var forUse = forActivity.Where(f => f.Use == use).ToArray();
        if (forUse.Length == 0)
        {
            var uses = forActivity.Select(f => f.Use.ToString().ToLowerInvariant()).Distinct();
            return Outcome<ResolvedFactor>.Failure("use", $"'{use.ToString().ToLowerInvariant()}' not available for {activity}; allowed: {string.Join(", ", uses)}");
        }

        FuelFactorRow row;
        var technologies = forUse.Where(f => f.Technology is not null).Select(f => f.Technology!).ToArray();
        if (technologies.Length == 0)
        {
            if (!string.IsNullOrWhiteSpace(query.Technology))
            {
                return Outcome<ResolvedFactor>.Failure("technology", $"{activity} ({use.ToString().ToLowerInvariant()}) has no technology variants; omit 'technology'");
            }

            row = forUse[0];
        }
        else
        {
            var technology = query.Technology?.Trim();
            if (string.IsNullOrEmpty(technology))
            {
                technology = DefaultMobileGasolineTechnology;
                notes.Add($"technology not given; {technology} assumed (MOENV default for gasoline vehicles)");
            }

            var match = forUse.FirstOrDefault(f => string.Equals(f.Technology, technology, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return Outcome<ResolvedFactor>.Failure("technology", $"'{technology}' not known for {activity}; allowed: {string.Join(", ", technologies)}");
            }

            row = match;
        }

        // Heat value: the entity's own value when given, else the table the factor set prescribes.
        HeatValueTrace heat;
        if (query.HeatValue is { } own)
        {
            if (own.Numerator.Dimension != Dimension.Energy || own.Denominator.Dimension != row.ActivityUnit.Dimension)
            {
                return Outcome<ResolvedFactor>.Failure("heatValue.unit", $"'{own.Numerator.Code}/{own.Denominator.Code}' does not fit {activity}; use energy per {row.ActivityUnit.Dimension.ToString().ToLowerInvariant()} unit, e.g. kcal/{row.ActivityUnit.Code}, MJ/{row.ActivityUnit.Code}");
            }

            if (own.Value <= 0)
            {
                return Outcome<ResolvedFactor>.Failure("heatValue.value", "must be greater than 0");
            }

            heat = new HeatValueTrace(own, "entity", "heat value supplied by the reporting entity", "primary", true);
        }
        else
        {
            var tableRow = library.HeatValues.FirstOrDefault(h => h.Table == set.HeatValueTable && h.Activity == activity);
            if (tableRow is null)
            {
                return Outcome<ResolvedFactor>.Failure("heatValue", $"no heat value for {activity} in table {set.HeatValueTable}; supply heatValue");
            }

            heat = new HeatValueTrace(tableRow.Value, tableRow.Table, tableRow.Source, tableRow.Verification, false);
        }

        var tjPerUnit = heat.Value.In(Units.Terajoule, row.ActivityUnit).Value;
        var gases = new List<GasFactor>(3);
        foreach (var (gas, kgPerTj) in new[] { ("CO2", row.Co2KgPerTj), ("CH4", row.Ch4KgPerTj), ("N2O", row.N2oKgPerTj) })
        {
            // CH4 from combustion uses the generic GWP (AR5: 28, not fossil 30), as MOENV prescribes.
            var gwp = library.Gwp.Lookup(gas, query.GwpSet);
            if (!gwp.Succeeded)
            {
                return Outcome<ResolvedFactor>.Failure(gwp.Errors);
            }

            gases.Add(new GasFactor(gas, gas, kgPerTj * tjPerUnit, gwp.Value.Value, $"{query.GwpSet.Code()} {gas} {gwp.Value.Value.ToString(CultureInfo.InvariantCulture)}", kgPerTj));
        }

        var verification = row.Verification == "verified" && heat.Verification is "verified" or "primary" ? "verified" : $"{row.Verification}; heat value {heat.Verification}";
        var useCode = use.ToString().ToLowerInvariant();
        var id = $"{set.Id}:{activity}:{useCode}" + (row.Technology is null ? string.Empty : ":" + row.Technology) + $"@{heat.Table}";
        return Outcome<ResolvedFactor>.Success(new ResolvedFactor(
            id,
            activity,
            row.ActivityUnit,
            gases,
            query.GwpSet,
            new FactorProvenance(set.Id, row.Source, set.Version, verification),
            heat,
            null,
            false,
            notes));
    }
}
