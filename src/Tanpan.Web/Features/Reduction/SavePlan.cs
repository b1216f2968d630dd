using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Reduction;

namespace Tanpan.Web.Features.Reduction;

/// <summary>The plan's settings as submitted. Absent fields take the defaults <see cref="PlanDefaults"/> names.</summary>
public sealed record PlanRequest(
    int? BaseYear, decimal? BaseYearTonnes, string? Boundary, string? Rate, decimal? CustomRate, IReadOnlyList<int>? TargetYears, decimal? DiscountRate);

/// <summary>What a plan is before anyone saves one: scopes 1+2, the ISO 50001 rate (the middle of the seed's three),
/// targets 2030 and 2050, money discounted at 5 % a year.</summary>
public static class PlanDefaults
{
    public const PlanBoundary Boundary = PlanBoundary.Scopes1And2;
    public static readonly RateScenario Rate = RateScenario.Iso50001;
    public static readonly IReadOnlyList<int> TargetYears = [2030, 2050];
    public const decimal DiscountRate = 0.05m;
}

public static class PlanBoundaries
{
    public static string Code(this PlanBoundary b) => b == PlanBoundary.Scopes1And2 ? "scopes-1-2" : "all-categories";

    public static PlanBoundary? Parse(string? code) => code?.Trim() switch
    {
        "scopes-1-2" => PlanBoundary.Scopes1And2,
        "all-categories" => PlanBoundary.AllCategories,
        _ => null,
    };
}

public static class SavePlan
{
    public const int MaxTargetYears = 10;

    public static Outcome<ReductionPlanSettings> Validate(PlanRequest request)
    {
        var errors = new List<FieldError>();
        if (request.BaseYear is { } baseYear && (baseYear < ReductionMeasure.MinYear || baseYear >= Pathway.MaxTargetYear))
        {
            errors.Add(new("baseYear", string.Create(CultureInfo.InvariantCulture, $"a year from {ReductionMeasure.MinYear} to {Pathway.MaxTargetYear - 1}, or empty for the inventories' base year"), "reduction.base-year"));
        }

        if (request.BaseYearTonnes is { } tonnes && (tonnes <= 0 || tonnes > ReductionMeasure.MaxTonnes))
        {
            errors.Add(new("baseYearTonnes", "greater than 0 and at most 1e9 (the base year's emissions, tCO2e), or empty to use the inventory", "reduction.base-tonnes"));
        }

        var boundary = request.Boundary is null ? PlanDefaults.Boundary : PlanBoundaries.Parse(request.Boundary);
        if (boundary is null)
        {
            errors.Add(new("boundary", "scopes-1-2 or all-categories", "reduction.boundary"));
        }

        var rateCode = request.Rate?.Trim() ?? PlanDefaults.Rate.Code;
        decimal? custom = null;
        if (rateCode == RateScenario.CustomCode)
        {
            if (request.CustomRate is not { } r || r < 0 || r >= 1)
            {
                errors.Add(new("customRate", "with rate custom: a yearly rate from 0 to less than 1 (0.04 = 4 % a year)", "reduction.rate"));
            }
            else
            {
                custom = r;
            }
        }
        else if (RateScenario.Find(rateCode) is null)
        {
            errors.Add(new("rate", string.Join(", ", RateScenario.Named.Select(s => s.Code)) + " or custom (with customRate)", "reduction.rate-code"));
        }

        var years = request.TargetYears ?? PlanDefaults.TargetYears;
        if (years.Count is 0 or > MaxTargetYears)
        {
            errors.Add(new("targetYears", string.Create(CultureInfo.InvariantCulture, $"1 to {MaxTargetYears} target years (e.g. [2030, 2050])"), "reduction.target-years"));
        }

        for (var i = 0; i < years.Count && i < MaxTargetYears; i++)
        {
            if (years[i] <= ReductionMeasure.MinYear || years[i] > Pathway.MaxTargetYear || (request.BaseYear is { } b && years[i] <= b))
            {
                errors.Add(new($"targetYears[{i}]", string.Create(CultureInfo.InvariantCulture, $"a year after the base year and at most {Pathway.MaxTargetYear}"), "reduction.target-year"));
            }
        }

        var discount = request.DiscountRate ?? PlanDefaults.DiscountRate;
        if (discount is < 0 or > MacCurve.MaxDiscountRate)
        {
            errors.Add(new("discountRate", "a rate from 0 to 1 (0.05 = 5 % a year)", "reduction.discount-rate"));
        }

        if (errors.Count > 0)
        {
            return Outcome<ReductionPlanSettings>.Failure(errors);
        }

        return Outcome<ReductionPlanSettings>.Success(new()
        {
            BaseYear = request.BaseYear,
            BaseYearTonnes = request.BaseYearTonnes,
            Boundary = boundary!.Value,
            RateCode = rateCode,
            CustomRate = custom,
            TargetYears = string.Join(',', years.Distinct().Order().Select(y => y.ToString(CultureInfo.InvariantCulture))),
            DiscountRate = discount,
        });
    }

    public static IReadOnlyList<int> ParseYears(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
