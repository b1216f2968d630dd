using Tanpan.Engine.Reduction;

namespace Tanpan.Web.Features.Reduction;

public sealed record PlanResponse(int? BaseYear, decimal? BaseYearTonnes, string Boundary, string Rate, decimal? CustomRate, IReadOnlyList<int> TargetYears, decimal DiscountRate, bool Saved);

public sealed record MeasureResponse(
    Guid Id, string Name, string Kind, decimal CapexNtd, decimal AnnualOpexChangeNtd, decimal AnnualSavingsNtd, decimal AnnualAbatementTonnes,
    int StartYear, int EndYear, int LifetimeYears, int RampYears, string? Basis, DateTime UpdatedAtUtc)
{
    public static MeasureResponse From(ReductionMeasureRecord r) =>
        new(r.Id, r.Name, r.Kind.Code(), r.CapexNtd, r.AnnualOpexChangeNtd, r.AnnualSavingsNtd, r.AnnualAbatementTonnes, r.StartYear, r.StartYear + r.LifetimeYears - 1, r.LifetimeYears, r.RampYears, r.Basis, r.UpdatedAtUtc);
}

public sealed record BaseYearResponse(int Year, decimal? Tonnes, string Source);

public sealed record RateResponse(string Code, decimal AnnualRate, string Rule);

public sealed record MacEntryResponse(Guid Id, string Name, string Kind, decimal FromTonnes, decimal ToTonnes, decimal CostPerTonneNtd, decimal NetAnnualCostNtd, decimal AnnualisedCapexNtd, decimal CapitalRecoveryFactor);

public sealed record MacResponse(decimal DiscountRate, decimal TotalTonnes, decimal NegativeCostTonnes, string Method, IReadOnlyList<MacEntryResponse> Entries);

public sealed record TargetResponse(int Year, decimal TargetTonnes, decimal AbatementTonnes, decimal ProjectedTonnes, decimal GapTonnes, decimal TargetReductionFromBase, bool MeasuresReachTarget);

public sealed record PathwayResponse(decimal AnnualRate, string Method, IReadOnlyList<TargetResponse> Targets, IReadOnlyList<PathwayYear> Years);

public sealed record ScenarioResponse(string Rate, decimal AnnualRate, IReadOnlyList<TargetResponse> Targets);

public sealed record ProgressResponse(string Verdict, ProgressYear? Latest, IReadOnlyList<ProgressYear> Years);

public sealed record InventoryYearResponse(int Year, decimal Tonnes, bool Locked, string? ExcludedBecause);

public sealed record ReductionProblem(string Path, string Message, string Code);

/// <summary>GET /api/v1/reduction: the plan with everything it is computed from, at full precision (tCO2e, NT$).</summary>
public sealed record ReductionResponse(
    PlanResponse Plan, BaseYearResponse BaseYear, string Boundary, decimal AnnualRate, IReadOnlyList<RateResponse> Rates, IReadOnlyList<MeasureResponse> Measures,
    MacResponse Mac, PathwayResponse? Pathway, IReadOnlyList<ScenarioResponse> Scenarios, ProgressResponse? Progress, IReadOnlyList<InventoryYearResponse> Inventories,
    IReadOnlyList<ReductionProblem> Problems)
{
    public const string PathwayMethod = "target(y) = base × (1 − rate)^(y − base year); projected(y) = base − Σ measures' abatement in y (baseline frozen at the base year, no growth assumed); gap = projected − target";
    public const string MacMethod = "cost per tCO2e = (capex × CRF(r, lifetime) + annual opex change − annual savings) ÷ annual abatement; CRF = r(1+r)^n / ((1+r)^n − 1), 1/n at r = 0; sorted cheapest first";

    public static PlanResponse PlanOf(ReductionPlanSettings s, bool saved) =>
        new(s.BaseYear, s.BaseYearTonnes, s.Boundary.Code(), s.RateCode, s.CustomRate, SavePlan.ParseYears(s.TargetYears), s.DiscountRate, saved);

    public static IReadOnlyList<RateResponse> NamedRates { get; } =
    [
        new(RateScenario.Efficiency.Code, RateScenario.Efficiency.AnnualRate, "1.5 % a year: efficient equipment (Industrial Development Administration, seed 001)"),
        new(RateScenario.Iso50001.Code, RateScenario.Iso50001.AnnualRate, "2.5 % a year: with an ISO 50001 energy-management system (seed 001)"),
        new(RateScenario.Smart.Code, RateScenario.Smart.AnnualRate, "3.5 % a year: with smart monitoring of the major energy users (seed 001)"),
    ];

    public static ReductionResponse From(ReductionView v)
    {
        var byId = v.Measures.ToDictionary(m => m.Id.ToString("N"), StringComparer.Ordinal);
        var mac = new MacResponse(v.Mac.DiscountRate, v.Mac.TotalTonnes, v.Mac.NegativeCostTonnes, MacMethod, [.. v.Mac.Entries.Select(e =>
            new MacEntryResponse(byId[e.Measure.Id].Id, e.Measure.Name, e.Measure.Kind.Code(), e.FromTonnes, e.ToTonnes, e.CostPerTonneNtd, e.NetAnnualCostNtd, e.AnnualisedCapexNtd, e.CapitalRecoveryFactor))]);
        return new(
            PlanOf(v.Settings, v.Saved), new(v.BaseYear, v.BaseYearTonnes, SourceCode(v.BaseSource)), v.Settings.Boundary.Code(), v.AnnualRate, NamedRates,
            [.. v.Measures.Select(MeasureResponse.From)], mac,
            v.Pathway is { } p ? new(p.AnnualRate, PathwayMethod, Targets(p), p.Years) : null,
            [.. v.Scenarios.Select(s => new ScenarioResponse(s.Rate.Code, s.Rate.AnnualRate, Targets(s.Pathway)))],
            v.Progress is { } g ? new(VerdictCode(g.Verdict), g.Latest, g.Years) : null,
            [.. v.Actuals.Select(a => new InventoryYearResponse(a.Year, a.Tonnes, a.Locked, a.Excluded switch { ActualExclusion.Altered => "locked-record-altered", ActualExclusion.DoesNotCalculate => "does-not-calculate", _ => null }))],
            [.. v.Problems.Select(e => new ReductionProblem(e.Path, e.Message, e.Code))]);
    }

    public static IReadOnlyList<TargetResponse> Targets(Pathway p) =>
        [.. p.TargetYears.Select(y => p.In(y)!).Select(r => new TargetResponse(r.Year, r.TargetTonnes, r.AbatementTonnes, r.ProjectedTonnes, r.GapTonnes, 1m - r.TargetTonnes / p.BaseYearTonnes, r.GapTonnes <= 0))];

    public static string SourceCode(BaseSource s) => s switch
    {
        BaseSource.LockedInventory => "locked-inventory",
        BaseSource.DraftInventory => "draft-inventory",
        BaseSource.Entered => "entered",
        _ => "missing",
    };

    public static string VerdictCode(ProgressVerdict v) => v switch
    {
        ProgressVerdict.OnTrack => "on-track",
        ProgressVerdict.Behind => "behind",
        _ => "no-data",
    };
}
