using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Factors.Sources;

/// <summary>Materials, transport and waste: one published CO2e value per activity (no per-gas split, no GWP to apply,
/// one vintage), so the inventory year does not pick among versions; the factor's own year is in the trace.</summary>
internal sealed class SecondaryFactorSource(FactorLibrary library) : IFactorSource
{
    public Outcome<ResolvedFactor> Resolve(in FactorQuery query, ActivityId activity)
    {
        if (!library.SecondaryById.TryGetValue(activity, out var row))
        {
            var kind = activity.Kind.ToString().ToLowerInvariant();
            var examples = string.Join(", ", library.Secondary.Where(r => r.Activity.Kind == activity.Kind).Take(5).Select(r => r.Activity.ToString()));
            return Outcome<ResolvedFactor>.Failure("activity", $"unknown {kind} activity '{activity}'; the factor library lists them all (e.g. {examples})");
        }

        var notes = new List<string>();
        if (row.Co2Only)
        {
            notes.Add("source gives kgCO2 only (other gases not included)");
        }

        if (row.Verification.StartsWith("UNVERIFIED", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add("placeholder value: replace with a verified factor");
        }

        var gases = new[] { new GasFactor("CO2", "CO2", row.KgPerUnit, 1m, row.Co2Only ? "none: source gives CO2 only" : "none: factor is already CO2e (as published)", null) };
        return Outcome<ResolvedFactor>.Success(new ResolvedFactor(
            $"{row.SetId}:{row.Activity.Name}",
            row.Activity.ToString(),
            row.PerUnit,
            gases,
            null,
            new FactorProvenance(row.SetId, row.Source, row.Year?.ToString(CultureInfo.InvariantCulture) ?? "undated", row.Verification),
            null,
            row.Year,
            false,
            notes));
    }
}
