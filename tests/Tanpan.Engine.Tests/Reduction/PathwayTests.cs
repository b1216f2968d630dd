using Tanpan.Engine.Reduction;

namespace Tanpan.Engine.Tests.Reduction;

/// <summary>0.975^n by hand: 0.950625, 0.926859375, 0.903687890625, 0.881095693359375, 0.859068301025390625,
/// 0.837591593499755859375 (n = 2 … 7).</summary>
public sealed class PathwayTests
{
    private static readonly ReductionMeasure Chiller = new("chiller", "高效率冰水主機", MeasureKind.EquipmentEfficiency, 0m, 0m, 0m, 40m, 2025, 3, RampYears: 2);

    [Fact]
    public void Build_From2023At2Point5Percent_Target2030IsBaseTimes0Point975ToTheSeventh()
    {
        var pathway = Pathway.Build(2023, 1000m, [2050, 2030], RateScenario.Iso50001.AnnualRate, []).Value;

        Assert.Equal(837.591593499755859375m, pathway.In(2030)!.TargetTonnes);
        Assert.Equal(1000m, pathway.In(2023)!.TargetTonnes);
        Assert.Equal(975m, pathway.In(2024)!.TargetTonnes);
        Assert.Equal(2050 - 2023 + 1, pathway.Years.Count);
        Assert.Equal([2030, 2050], pathway.TargetYears);
        Assert.Null(pathway.In(2051));
    }

    [Fact]
    public void Build_MeasuresAbateFromTheirStartForTheirLifetime_WithTheRamp_AndTheGapIsProjectedLessTarget()
    {
        var pathway = Pathway.Build(2023, 1000m, [2030], 0.025m, [Chiller]).Value;

        Assert.Equal([0m, 0m, 20m, 40m, 40m, 0m], pathway.Years.Take(6).Select(y => y.AbatementTonnes));
        // 2026: (1000 − 40) − 926.859375
        Assert.Equal(33.140625m, pathway.In(2026)!.GapTonnes);
        // 2030: the chiller's life ended in 2027
        Assert.Equal(1000m - 837.591593499755859375m, pathway.In(2030)!.GapTonnes);
    }

    [Fact]
    public void Build_AMeasureStartingInTheBaseYear_DoesNotAbateTheMeasuredBaseYear()
    {
        var pathway = Pathway.Build(2025, 500m, [2030], 0.015m, [Chiller]).Value;

        Assert.Equal(0m, pathway.In(2025)!.AbatementTonnes);
        Assert.Equal(40m, pathway.In(2026)!.AbatementTonnes);
    }

    [Fact]
    public void Build_BadInputs_NameTheirFields()
    {
        var outcome = Pathway.Build(2023, 0m, [2020, 2200], 1m, [Chiller with { AnnualAbatementTonnes = 0m }]);

        var paths = outcome.Errors.Select(e => e.Path).ToHashSet();
        Assert.Equal(new HashSet<string> { "baseYearTonnes", "targetYears[0]", "targetYears[1]", "annualRate", "measures[0].annualAbatementTonnes" }, paths);
    }

    [Fact]
    public void Scenarios_AreTheSeedsThreeRates()
    {
        Assert.Equal([0.015m, 0.025m, 0.035m], RateScenario.Named.Select(s => s.AnnualRate));
        Assert.Equal(RateScenario.Smart, RateScenario.Find("smart-3.5"));
        Assert.Null(RateScenario.Find(RateScenario.CustomCode));
    }
}
