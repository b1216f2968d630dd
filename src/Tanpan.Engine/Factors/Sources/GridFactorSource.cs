using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors.Sources;

/// <summary>Purchased electricity: the Taiwan grid factor of the activity's year (already CO2e, no GWP).</summary>
internal sealed class GridFactorSource(FactorLibrary library) : IFactorSource
{
    public Outcome<ResolvedFactor> Resolve(in FactorQuery query, ActivityId activity) =>
        activity.ToString() == FactorLibrary.GridActivity ? ResolveGrid(query) : FactorResolver.UnknownActivity(library, activity.ToString());

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
                return Outcome<ResolvedFactor>.Failure([new FieldError("factorYear", $"no Taiwan grid factor for {year}; published years {first.Year}–{last.Year}", "grid.year",
                    ErrorArgs.Of("year", year.ToString(CultureInfo.InvariantCulture), "first", first.Year.ToString(CultureInfo.InvariantCulture), "last", last.Year.ToString(CultureInfo.InvariantCulture)))]);
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
}
