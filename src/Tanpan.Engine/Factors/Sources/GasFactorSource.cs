using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors.Sources;

/// <summary>Refrigerants and gases emitted, in kg: 1 kg of the gas × its GWP (blends through their components).</summary>
internal sealed class GasFactorSource(FactorLibrary library) : IFactorSource
{
    public Outcome<ResolvedFactor> Resolve(in FactorQuery query, ActivityId activity) => ResolveGas(query, activity.ToString());

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
}
