using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Reduction;

/// <summary>A yearly reduction rate with a name. The three named ones are the energy-saving rates the Industrial
/// Development Administration cites for its programmes (seed 001): 1.5 %/yr from efficient equipment, 2.5 %/yr with
/// an ISO 50001 energy-management system, 3.5 %/yr with smart monitoring of the major energy users.</summary>
public sealed record RateScenario(string Code, decimal AnnualRate)
{
    public static readonly RateScenario Efficiency = new("efficiency-1.5", 0.015m);
    public static readonly RateScenario Iso50001 = new("iso50001-2.5", 0.025m);
    public static readonly RateScenario Smart = new("smart-3.5", 0.035m);
    public const string CustomCode = "custom";

    public static IReadOnlyList<RateScenario> Named { get; } = [Efficiency, Iso50001, Smart];

    public static RateScenario? Find(string? code) => Named.FirstOrDefault(s => s.Code == code);
}

/// <summary>One year of the pathway (tCO2e): the target, what the measures abate that year, the base year's
/// emissions less that abatement, and the gap (projected − target; positive = short of the target).</summary>
public sealed record PathwayYear(int Year, decimal TargetTonnes, decimal AbatementTonnes, decimal ProjectedTonnes, decimal GapTonnes);

/// <summary>The target line from the base year to the last target year, at a compound rate.</summary>
public sealed record Pathway(int BaseYear, decimal BaseYearTonnes, decimal AnnualRate, IReadOnlyList<int> TargetYears, IReadOnlyList<PathwayYear> Years)
{
    public const int MaxTargetYear = 2100;

    /// <summary>The row of <paramref name="year"/>, or null outside the pathway.</summary>
    public PathwayYear? In(int year) => year >= BaseYear && year - BaseYear < Years.Count ? Years[year - BaseYear] : null;

    /// <summary>Target(y) = base × (1 − r)^(y − base): the rate compounds on the year before, as energy-saving rates
    /// are quoted. The energy rate is applied to emissions as if the emission factors stayed at the base year's.
    /// Projected(y) = base − the measures' abatement in y: a baseline frozen at the base year (no growth assumed).
    /// The base year itself is measured, so no measure abates in it.</summary>
    public static Outcome<Pathway> Build(int baseYear, decimal baseYearTonnes, IReadOnlyList<int> targetYears, decimal annualRate, IReadOnlyList<ReductionMeasure> measures)
    {
        var errors = new List<FieldError>();
        if (baseYear is < ReductionMeasure.MinYear or >= MaxTargetYear)
        {
            errors.Add(new("baseYear", string.Create(CultureInfo.InvariantCulture, $"a year from {ReductionMeasure.MinYear} to {MaxTargetYear - 1}"), "reduction.base-year"));
        }

        if (baseYearTonnes is <= 0 or > ReductionMeasure.MaxTonnes)
        {
            errors.Add(new("baseYearTonnes", "greater than 0 and at most 1e9 (the base year's emissions, tCO2e)", "reduction.base-tonnes"));
        }

        if (targetYears.Count == 0)
        {
            errors.Add(new("targetYears", "at least one target year (e.g. 2030 and 2050)", "reduction.target-years"));
        }

        for (var i = 0; i < targetYears.Count; i++)
        {
            if (targetYears[i] <= baseYear || targetYears[i] > MaxTargetYear)
            {
                errors.Add(new($"targetYears[{i}]", string.Create(CultureInfo.InvariantCulture, $"a year after the base year and at most {MaxTargetYear}"), "reduction.target-year"));
            }
        }

        if (annualRate is < 0 or >= 1)
        {
            errors.Add(new("annualRate", "a rate from 0 to less than 1 (0.025 = 2.5 % a year)", "reduction.rate"));
        }

        for (var i = 0; i < measures.Count; i++)
        {
            errors.AddRange(ReductionMeasure.Validate(measures[i], $"measures[{i}]."));
        }

        if (errors.Count > 0)
        {
            return Outcome<Pathway>.Failure(errors);
        }

        var last = targetYears.Max();
        var years = new List<PathwayYear>(last - baseYear + 1);
        var factor = 1m;
        for (var year = baseYear; year <= last; year++)
        {
            var target = baseYearTonnes * factor;
            var abatement = year == baseYear ? 0m : measures.Sum(m => m.AbatementIn(year));
            var projected = Math.Max(0m, baseYearTonnes - abatement);
            years.Add(new(year, target, abatement, projected, projected - target));
            factor *= 1m - annualRate;
        }

        return Outcome<Pathway>.Success(new(baseYear, baseYearTonnes, annualRate, [.. targetYears.Order()], years));
    }
}
