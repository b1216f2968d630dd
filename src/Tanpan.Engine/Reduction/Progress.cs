using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Reduction;

/// <summary>An inventory year's total, tCO2e.</summary>
public sealed record ActualYear(int Year, decimal Tonnes);

/// <summary>An actual year against the pathway's target: difference = actual − target (positive = above target).</summary>
public sealed record ProgressYear(int Year, decimal ActualTonnes, decimal TargetTonnes, decimal DifferenceTonnes, bool OnTrack);

public enum ProgressVerdict
{
    /// <summary>No inventory year after the base year within the pathway.</summary>
    NoData,
    OnTrack,
    Behind,
}

/// <summary>Actual inventories against the pathway. The verdict is the latest actual year's after the base year:
/// on track when its emissions are at or below that year's target.</summary>
public sealed record Progress(ProgressVerdict Verdict, ProgressYear? Latest, IReadOnlyList<ProgressYear> Years)
{
    public static Outcome<Progress> Assess(Pathway pathway, IReadOnlyList<ActualYear> actuals)
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<int>();
        for (var i = 0; i < actuals.Count; i++)
        {
            if (actuals[i].Tonnes is < 0 or > ReductionMeasure.MaxTonnes)
            {
                errors.Add(new($"actuals[{i}].tonnes", "from 0 to 1e9 tCO2e", "reduction.actual"));
            }

            if (!seen.Add(actuals[i].Year))
            {
                errors.Add(new($"actuals[{i}].year", string.Create(CultureInfo.InvariantCulture, $"{actuals[i].Year} is given twice; one total a year"), "reduction.actual-year"));
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<Progress>.Failure(errors);
        }

        var years = actuals.OrderBy(a => a.Year)
            .Select(a => (Actual: a, Row: pathway.In(a.Year)))
            .Where(x => x.Row is not null)
            .Select(x => new ProgressYear(x.Actual.Year, x.Actual.Tonnes, x.Row!.TargetTonnes, x.Actual.Tonnes - x.Row.TargetTonnes, x.Actual.Tonnes <= x.Row.TargetTonnes))
            .ToList();
        var latest = years.LastOrDefault(y => y.Year > pathway.BaseYear);
        var verdict = latest is null ? ProgressVerdict.NoData : latest.OnTrack ? ProgressVerdict.OnTrack : ProgressVerdict.Behind;
        return Outcome<Progress>.Success(new(verdict, latest, years));
    }
}
