using Tanpan.Engine.Reduction;
using Tanpan.Web.Features.Reduction;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Tests.Features.Reduction;

/// <summary>The plan's choices on the inventories it is given: which year is the base, which figure wins, which
/// years count towards progress.</summary>
public sealed class ReductionPlannerTests
{
    private static InventoryYearTotal Year(int year, decimal scope1Kg, decimal scope2Kg, decimal scope3Kg = 0, bool locked = true, bool intact = true, bool calculated = true, int? baseYear = null) =>
        new(year, locked, intact, calculated, baseYear, scope1Kg + scope2Kg + scope3Kg, scope1Kg, scope2Kg, scope3Kg, "AR5");

    private static ReductionPlanSettings Settings(int? baseYear = null, decimal? tonnes = null, PlanBoundary boundary = PlanBoundary.Scopes1And2, string rate = "efficiency-1.5", string years = "2030,2050") =>
        new() { BaseYear = baseYear, BaseYearTonnes = tonnes, Boundary = boundary, RateCode = rate, TargetYears = years, DiscountRate = 0.05m };

    private static ReductionMeasureRecord Measure(decimal tonnes, int start, int lifetime) =>
        new() { Id = Guid.NewGuid(), Name = "m", Kind = MeasureKind.Other, CapexNtd = 1000, AnnualSavingsNtd = 100, AnnualAbatementTonnes = tonnes, StartYear = start, LifetimeYears = lifetime };

    [Fact]
    public void TheInventoriesDeclaredBaseYear_WinsOverTheOldestYear_AndItsLockedFigureOverAnEnteredOne()
    {
        var years = new[] { Year(2022, 900_000, 100_000), Year(2023, 800_000, 200_000, baseYear: 2023), Year(2024, 700_000, 200_000, baseYear: 2023) };
        var view = ReductionPlanner.Evaluate(Settings(tonnes: 5), false, [], years, 2026);
        Assert.Equal(2023, view.BaseYear);
        Assert.Equal(1000m, view.BaseYearTonnes);
        Assert.Equal(BaseSource.LockedInventory, view.BaseSource);

        var oldest = ReductionPlanner.Evaluate(Settings(), false, [], [Year(2022, 900_000, 100_000), Year(2024, 1, 1)], 2026);
        Assert.Equal(2022, oldest.BaseYear);

        var chosen = ReductionPlanner.Evaluate(Settings(baseYear: 2024), true, [], years, 2026);
        Assert.Equal(900m, chosen.BaseYearTonnes);
    }

    [Fact]
    public void TheEnteredFigure_ServesOnlyWhenNoInventoryOfTheBaseYearCalculates()
    {
        var entered = ReductionPlanner.Evaluate(Settings(baseYear: 2020, tonnes: 1234), true, [], [Year(2024, 1_000_000, 0)], 2026);
        Assert.Equal(BaseSource.Entered, entered.BaseSource);
        Assert.Equal(1234m, entered.BaseYearTonnes);

        var broken = ReductionPlanner.Evaluate(Settings(baseYear: 2024, tonnes: 77), true, [], [Year(2024, 1_000_000, 0, intact: false)], 2026);
        Assert.Equal(BaseSource.Entered, broken.BaseSource);
        Assert.Equal(ActualExclusion.Altered, broken.Actuals[0].Excluded);

        var none = ReductionPlanner.Evaluate(Settings(baseYear: 2024), true, [], [Year(2024, 0, 0, locked: false, calculated: false)], 2026);
        Assert.Equal(BaseSource.Missing, none.BaseSource);
        Assert.Null(none.Pathway);
        Assert.Equal(ActualExclusion.DoesNotCalculate, none.Actuals[0].Excluded);

        var fresh = ReductionPlanner.Evaluate(Settings(), false, [], [], 2026);
        Assert.Equal(2025, fresh.BaseYear);
        Assert.Equal(BaseSource.Missing, fresh.BaseSource);
    }

    [Fact]
    public void TheBoundary_ChoosesScopes1And2_OrEveryCategory()
    {
        var years = new[] { Year(2023, 600_000, 300_000, scope3Kg: 100_000) };
        Assert.Equal(900m, ReductionPlanner.Evaluate(Settings(), false, [], years, 2026).BaseYearTonnes);
        Assert.Equal(1000m, ReductionPlanner.Evaluate(Settings(boundary: PlanBoundary.AllCategories), true, [], years, 2026).BaseYearTonnes);
    }

    [Fact]
    public void Progress_IsTheLatestYearAgainstItsTarget_AndLeavesOutAlteredAndDraftlessYears()
    {
        // Base 1000 t in 2023 at 1.5 %: the 2024 target is 985 t, 2025's 970.225 t.
        var onTrack = ReductionPlanner.Evaluate(Settings(), false, [], [Year(2023, 1_000_000, 0, baseYear: 2023), Year(2024, 990_000, 0), Year(2025, 960_000, 0, locked: false)], 2026);
        Assert.Equal(ProgressVerdict.OnTrack, onTrack.Progress!.Verdict);
        Assert.Equal(2025, onTrack.Progress.Latest!.Year);
        Assert.Equal(960m - 970.225m, onTrack.Progress.Latest.DifferenceTonnes);
        Assert.False(onTrack.Progress.Years.Single(y => y.Year == 2024).OnTrack);

        // The 2025 record fails its hash: the verdict falls back on 2024, which is above its target.
        var behind = ReductionPlanner.Evaluate(Settings(), false, [], [Year(2023, 1_000_000, 0, baseYear: 2023), Year(2024, 990_000, 0), Year(2025, 900_000, 0, intact: false)], 2026);
        Assert.Equal(ProgressVerdict.Behind, behind.Progress!.Verdict);
        Assert.Equal(2024, behind.Progress.Latest!.Year);
        Assert.DoesNotContain(behind.Progress.Years, y => y.Year == 2025);
    }

    [Fact]
    public void ATargetYearNotAfterTheBaseYear_IsAProblemShown_NotAFailure()
    {
        var view = ReductionPlanner.Evaluate(Settings(baseYear: 2030, tonnes: 100, years: "2030"), true, [Measure(1, 2031, 5)], [], 2026);
        Assert.Null(view.Pathway);
        Assert.Contains(view.Problems, p => p.Path == "targetYears[0]");
        Assert.Single(view.Mac.Entries);
    }

    [Fact]
    public void ACustomRate_DrivesThePathway_AndTheNamedRatesStayAsScenarios()
    {
        var settings = Settings(baseYear: 2024, tonnes: 100, rate: RateScenario.CustomCode);
        settings.CustomRate = 0.1m;
        var view = ReductionPlanner.Evaluate(settings, true, [], [], 2026);
        Assert.Equal(0.1m, view.AnnualRate);
        Assert.Equal(90m, view.Pathway!.In(2025)!.TargetTonnes);
        Assert.Equal([0.015m, 0.025m, 0.035m], view.Scenarios.Select(s => s.Pathway.AnnualRate));
    }
}
