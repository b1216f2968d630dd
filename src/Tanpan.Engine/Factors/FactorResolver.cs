using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors;

/// <summary>Resolves (activity, use, technology, year, heat value, GWP set, factor set) to per-gas factors
/// with a trace. Pure; callers cache results per distinct <see cref="FactorQuery"/>.</summary>
public sealed class FactorResolver(FactorLibrary library, ICustomFactorSource? customFactors = null)
{
    /// <summary>TJ per kcal (IT calorie): 4.1868 J/cal.</summary>
    public const decimal TerajoulesPerKilocalorie = 4.1868e-9m;

    public const string DefaultMobileGasolineTechnology = "oxidation-catalyst";

    // Library factors depend only on the immutable library, so they are memoised per query (bounded).
    private const int MaxCachedQueries = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FactorQuery, Outcome<ResolvedFactor>> _libraryCache = new();

    public FactorLibrary Library => library;

    public Outcome<ResolvedFactor> Resolve(in FactorQuery query)
    {
        if (query.Custom is not null || query.Activity.StartsWith("custom", StringComparison.Ordinal))
        {
            return ResolveUncached(query);
        }

        if (_libraryCache.TryGetValue(query, out var cached))
        {
            return cached;
        }

        var outcome = ResolveUncached(query);
        if (_libraryCache.Count < MaxCachedQueries)
        {
            _libraryCache.TryAdd(query, outcome);
        }

        return outcome;
    }

    private Outcome<ResolvedFactor> ResolveUncached(in FactorQuery query)
    {
        var activity = query.Activity.Trim();
        if (activity == FactorLibrary.GridActivity)
        {
            return ResolveGrid(query);
        }

        if (activity.StartsWith("fuel.", StringComparison.Ordinal))
        {
            return ResolveFuel(query, activity);
        }

        if (activity.StartsWith("refrigerant.", StringComparison.Ordinal) || activity.StartsWith("gas.", StringComparison.Ordinal))
        {
            return ResolveGas(query, activity);
        }

        if (activity == "custom")
        {
            return query.Custom is { } custom
                ? Outcome<ResolvedFactor>.Success(FromCustom(activity, custom, "request"))
                : Outcome<ResolvedFactor>.Failure("factor", "required for activity 'custom': { value, unit: \"kgCO2e/<unit>\", source }");
        }

        if (activity.StartsWith("custom.", StringComparison.Ordinal))
        {
            var code = activity["custom.".Length..];
            var found = customFactors?.Find(code);
            return found is null
                ? Outcome<ResolvedFactor>.Failure("activity", $"no company factor '{code}'" + (customFactors is null ? " (company factors need an authenticated company)" : string.Empty))
                : Outcome<ResolvedFactor>.Success(FromCustom(activity, found, "company"));
        }

        return UnknownActivity(activity);
    }

    private Outcome<ResolvedFactor> UnknownActivity(string activity) =>
        Outcome<ResolvedFactor>.Failure("activity", $"unknown activity '{activity}'; allowed: {FactorLibrary.GridActivity}, {string.Join(", ", library.FuelActivities)}, refrigerant.<R-code>, gas.<formula>, custom, custom.<company code> (GET /api/v1/factors lists them)");

    private Outcome<ResolvedFactor> ResolveGrid(in FactorQuery query)
    {
        var notes = new List<string>();
        var year = query.Year;
        if (!library.GridByYear.TryGetValue(year, out var row))
        {
            var first = library.Grid[0];
            var last = library.Grid[^1];
            if (year < first.Year)
            {
                return Outcome<ResolvedFactor>.Failure("factorYear", $"no Taiwan grid factor for {year}; published years {first.Year}–{last.Year}");
            }

            // A year not yet published: the latest published factor is the accepted stand-in, flagged so it is replaced later.
            row = last;
            notes.Add($"grid factor for {year} not yet published; {last.Year} factor used");
        }

        var gases = new[] { new GasFactor("CO2", "CO2", row.KgCo2ePerKwh, 1m, "none: grid factor is already CO2e (attributed to CO2 as in the MOENV inventory form)", null) };
        var set = library.SetsById[FactorLibrary.GridSet];
        return Outcome<ResolvedFactor>.Success(new ResolvedFactor(
            $"{FactorLibrary.GridSet}:{row.Year}",
            FactorLibrary.GridActivity,
            Units.KilowattHour,
            gases,
            null,
            new FactorProvenance(set.Id, row.Source, row.Year.ToString(CultureInfo.InvariantCulture), row.Verification),
            null,
            row.Year,
            false,
            notes));
    }

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
                : UnknownActivity(activity);
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

    private Outcome<ResolvedFactor> ResolveGas(in FactorQuery query, string activity)
    {
        var name = activity[(activity.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var gas = library.Gwp.Find(name);
        if (gas is null)
        {
            var known = string.Join(", ", library.Gwp.Gases.Select(g => g.Name));
            return Outcome<ResolvedFactor>.Failure("activity", $"unknown gas or refrigerant '{name}'; known: {known}");
        }

        var gwp = library.Gwp.Lookup(gas.Name, query.GwpSet);
        if (!gwp.Succeeded)
        {
            return Outcome<ResolvedFactor>.Failure(gwp.Errors);
        }

        var notes = new List<string>();
        if (gas.ReportedSeparately)
        {
            notes.Add($"{gas.Name} is not a Kyoto-basket gas: reported separately, not in totals");
        }

        var gases = new[] { new GasFactor(gas.Name, gas.Group, 1m, gwp.Value.Value, $"{query.GwpSet.Code()} {gas.Name} {gwp.Value.Value.ToString(CultureInfo.InvariantCulture)} ({gwp.Value.Basis})", null) };
        return Outcome<ResolvedFactor>.Success(new ResolvedFactor(
            $"gwp:{query.GwpSet.Code()}:{gas.Name}",
            activity,
            Units.Kilogram,
            gases,
            query.GwpSet,
            new FactorProvenance("gwp-" + query.GwpSet.Code().ToLowerInvariant(), gwp.Value.Basis, query.GwpSet.Code(), gas.Verification),
            null,
            null,
            gas.ReportedSeparately,
            notes));
    }

    private static ResolvedFactor FromCustom(string activity, CustomFactor custom, string origin) =>
        new(
            // Inline factors all carry the code "request": value, unit and source tell them apart in the id.
            origin == "request"
                ? string.Create(CultureInfo.InvariantCulture, $"custom:request:{custom.KgCo2ePerUnit}/{custom.PerUnit.Code}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(custom.Source)))[..8]}")
                : $"custom:{origin}:{custom.Code}",
            activity,
            custom.PerUnit,
            [new GasFactor("CO2", "CO2", custom.KgCo2ePerUnit, 1m, "none: factor is already CO2e (attributed to CO2)", null)],
            null,
            new FactorProvenance("custom", custom.Source, custom.Version ?? string.Empty, origin == "company" ? "company-specific" : "user-supplied"),
            null,
            custom.Year,
            false,
            []);
}
