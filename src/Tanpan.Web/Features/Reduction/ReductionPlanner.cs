using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Reduction;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Reduction;

/// <summary>Where the base year's emissions come from: a locked inventory, an inventory still in progress, the
/// figure entered in the plan (no inventory of that year), or nowhere yet.</summary>
public enum BaseSource
{
    LockedInventory,
    DraftInventory,
    Entered,
    Missing,
}

/// <summary>Why an inventory year is left out of the progress: its locked record fails its hash, or its data do
/// not calculate.</summary>
public enum ActualExclusion
{
    None,
    Altered,
    DoesNotCalculate,
}

/// <summary>An inventory year on the plan's boundary, tCO2e.</summary>
public sealed record ActualRow(int Year, decimal Tonnes, bool Locked, ActualExclusion Excluded);

/// <summary>The plan evaluated: settings in force, base year and its source, the register, the cost curve, the
/// pathway at the chosen rate and at each of the seed's named rates, and progress from the inventories.</summary>
public sealed record ReductionView(
    ReductionPlanSettings Settings, bool Saved, int BaseYear, decimal? BaseYearTonnes, BaseSource BaseSource, decimal AnnualRate, IReadOnlyList<int> TargetYears,
    IReadOnlyList<ReductionMeasureRecord> Measures, MacCurve Mac, Pathway? Pathway, IReadOnlyList<(RateScenario Rate, Pathway Pathway)> Scenarios,
    Progress? Progress, IReadOnlyList<ActualRow> Actuals, IReadOnlyList<FieldError> Problems);

public sealed class ReductionPlanner(TanpanDb db, IInventoryYearTotals inventories, TimeProvider clock)
{
    public async Task<ReductionView> EvaluateAsync(CancellationToken ct)
    {
        var stored = await db.ReductionPlans.AsNoTracking().FirstOrDefaultAsync(ct);
        var settings = stored ?? new ReductionPlanSettings
        {
            Boundary = PlanDefaults.Boundary,
            RateCode = PlanDefaults.Rate.Code,
            TargetYears = string.Join(',', PlanDefaults.TargetYears),
            DiscountRate = PlanDefaults.DiscountRate,
        };
        var measures = (await db.ReductionMeasures.AsNoTracking().ToListAsync(ct))
            .OrderBy(m => m.StartYear).ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Id).ToList();
        var years = await inventories.ListAsync(ct);
        var thisYear = TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime).Year;
        return Evaluate(settings, stored is not null, measures, years, thisYear);
    }

    /// <summary>Pure: the same inputs always give the same view.</summary>
    public static ReductionView Evaluate(ReductionPlanSettings settings, bool saved, IReadOnlyList<ReductionMeasureRecord> rows, IReadOnlyList<InventoryYearTotal> inventories, int thisYear)
    {
        var actuals = inventories.Select(y => new ActualRow(
            y.Year, Tonnes(y, settings.Boundary), y.Locked,
            y.Locked && !y.Intact ? ActualExclusion.Altered : !y.Calculated ? ActualExclusion.DoesNotCalculate : ActualExclusion.None)).ToList();
        var usable = actuals.Where(a => a.Excluded == ActualExclusion.None).ToList();

        // The base year: the plan's, else the one the inventories declare (the latest inventory's word), else the oldest.
        var declared = inventories.LastOrDefault(y => y.BaseYear is not null)?.BaseYear;
        var baseYear = settings.BaseYear ?? declared ?? (inventories.Count > 0 ? inventories[0].Year : thisYear - 1);
        var baseRow = usable.Find(a => a.Year == baseYear);
        var (baseTonnes, source) = baseRow is not null
            ? (baseRow.Tonnes, baseRow.Locked ? BaseSource.LockedInventory : BaseSource.DraftInventory)
            : settings.BaseYearTonnes is { } entered ? (entered, BaseSource.Entered) : ((decimal?)null, BaseSource.Missing);

        var rate = settings.RateCode == RateScenario.CustomCode ? settings.CustomRate ?? 0m : (RateScenario.Find(settings.RateCode) ?? PlanDefaults.Rate).AnnualRate;
        var targets = SavePlan.ParseYears(settings.TargetYears);
        var measures = rows.Select(r => r.ToMeasure()).ToList();
        var problems = new List<FieldError>();
        var mac = MacCurve.Build(measures, settings.DiscountRate);
        problems.AddRange(mac.Errors);

        Pathway? pathway = null;
        Progress? progress = null;
        var scenarios = new List<(RateScenario, Pathway)>();
        if (baseTonnes is { } tonnes && tonnes > 0)
        {
            var built = Pathway.Build(baseYear, tonnes, targets, rate, measures);
            problems.AddRange(built.Errors);
            if (built.Succeeded)
            {
                pathway = built.Value;
                progress = Progress.Assess(pathway, [.. usable.Select(a => new ActualYear(a.Year, a.Tonnes))]).Value;
                foreach (var named in RateScenario.Named)
                {
                    scenarios.Add((named, Pathway.Build(baseYear, tonnes, targets, named.AnnualRate, measures).Value));
                }
            }
        }

        return new(settings, saved, baseYear, baseTonnes, source, rate, targets, rows, mac.Succeeded ? mac.Value : MacCurve.Build([], 0m).Value, pathway, scenarios, progress, actuals, problems);
    }

    /// <summary>tCO2e on the boundary; the inventory reports kgCO2e (scope 2 location-based).</summary>
    public static decimal Tonnes(InventoryYearTotal y, PlanBoundary boundary) =>
        (boundary == PlanBoundary.Scopes1And2 ? y.Scope1And2KgCo2e : y.TotalKgCo2e) / 1000m;
}
