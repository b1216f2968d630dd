using Tanpan.Engine.Common;

namespace Tanpan.Engine.Reduction;

/// <summary>One bar of the curve: the measure, its annualised cost and its place on the abatement axis
/// (<see cref="FromTonnes"/> to <see cref="ToTonnes"/>, tCO2e a year).</summary>
public sealed record MacEntry(
    ReductionMeasure Measure, decimal CapitalRecoveryFactor, decimal AnnualisedCapexNtd, decimal NetAnnualCostNtd, decimal CostPerTonneNtd, decimal FromTonnes, decimal ToTonnes)
{
    public decimal WidthTonnes => ToTonnes - FromTonnes;
}

/// <summary>A marginal abatement cost curve: measures from cheapest to dearest per tonne, each as wide as its
/// annual abatement. <see cref="NegativeCostTonnes"/> is the abatement that pays for itself.</summary>
public sealed record MacCurve(decimal DiscountRate, IReadOnlyList<MacEntry> Entries, decimal TotalTonnes, decimal NegativeCostTonnes)
{
    public const decimal MaxDiscountRate = 1m;

    /// <summary>Cost per tCO2e = (capex × CRF(r, lifetime) + annual opex change − annual savings) ÷ annual abatement,
    /// with the capital recovery factor CRF = r(1+r)^n / ((1+r)^n − 1) (1/n at r = 0). Sorted by that cost, ties by the
    /// larger abatement first, then by id, so that the order never depends on the input's.</summary>
    public static Outcome<MacCurve> Build(IReadOnlyList<ReductionMeasure> measures, decimal discountRate)
    {
        var errors = new List<FieldError>();
        if (discountRate is < 0 or > MaxDiscountRate)
        {
            errors.Add(new("discountRate", "a rate from 0 to 1 (0.05 = 5 % a year)", "reduction.discount-rate"));
        }

        for (var i = 0; i < measures.Count; i++)
        {
            errors.AddRange(ReductionMeasure.Validate(measures[i], $"measures[{i}]."));
        }

        if (errors.Count > 0)
        {
            return Outcome<MacCurve>.Failure(errors);
        }

        var costed = measures.Select(m =>
        {
            var crf = CapitalRecoveryFactor(discountRate, m.LifetimeYears);
            var annualisedCapex = m.CapexNtd * crf;
            var net = annualisedCapex + m.AnnualOpexChangeNtd - m.AnnualSavingsNtd;
            return (Measure: m, Crf: crf, Capex: annualisedCapex, Net: net, PerTonne: net / m.AnnualAbatementTonnes);
        })
            .OrderBy(c => c.PerTonne).ThenByDescending(c => c.Measure.AnnualAbatementTonnes).ThenBy(c => c.Measure.Id, StringComparer.Ordinal)
            .ToList();

        var entries = new List<MacEntry>(costed.Count);
        var cumulative = 0m;
        foreach (var c in costed)
        {
            var to = cumulative + c.Measure.AnnualAbatementTonnes;
            entries.Add(new(c.Measure, c.Crf, c.Capex, c.Net, c.PerTonne, cumulative, to));
            cumulative = to;
        }

        return Outcome<MacCurve>.Success(new(discountRate, entries, cumulative, entries.Where(e => e.CostPerTonneNtd < 0).Sum(e => e.WidthTonnes)));
    }

    /// <summary>The share of a capital sum repaid each year over <paramref name="years"/> at <paramref name="rate"/>.</summary>
    public static decimal CapitalRecoveryFactor(decimal rate, int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        if (rate == 0m)
        {
            return 1m / years;
        }

        var growth = Pow(1m + rate, years);
        return rate * growth / (growth - 1m);
    }

    /// <summary>x^n by repeated multiplication: decimal has no Pow, and n is a small whole number of years.</summary>
    internal static decimal Pow(decimal x, int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= x;
        }

        return result;
    }
}
