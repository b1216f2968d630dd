using Tanpan.Engine.Reduction;

namespace Tanpan.Engine.Tests.Reduction;

/// <summary>Costs per tonne worked by hand: at r = 0 the capital recovery factor is 1/n, so the numbers are exact.</summary>
public sealed class MacCurveTests
{
    private static ReductionMeasure M(string id, decimal capex, decimal opex, decimal savings, decimal tonnes, int life = 10, MeasureKind kind = MeasureKind.Other) =>
        new(id, id, kind, capex, opex, savings, tonnes, 2025, life);

    [Fact]
    public void CapitalRecoveryFactor_AtFivePercentOverTenYears_IsTheAnnuityFactor()
    {
        // 1.05^10 = 1.62889462677744140625; 0.05 × 1.62889… / 0.62889… = 0.12950457496…
        Assert.Equal(0.1295045750m, Math.Round(MacCurve.CapitalRecoveryFactor(0.05m, 10), 10));
        Assert.Equal(0.1m, MacCurve.CapitalRecoveryFactor(0m, 10));
        Assert.Equal(1.05m, MacCurve.CapitalRecoveryFactor(0.05m, 1));
    }

    [Fact]
    public void Build_SortsByCostPerTonne_NegativeFirst_WithCumulativeWidths()
    {
        var led = M("led", 100_000m, 2_000m, 30_000m, 20m, kind: MeasureKind.EquipmentEfficiency);  // 10,000 + 2,000 − 30,000 = −18,000 → −900/t
        var trec = M("trec", 0m, 150_000m, 0m, 100m, kind: MeasureKind.GreenPower);                  // 150,000 → 1,500/t
        var boiler = M("boiler", 500_000m, 0m, 0m, 50m, life: 20, kind: MeasureKind.FuelSwitch);      // 25,000 → 500/t

        var curve = MacCurve.Build([trec, led, boiler], 0m).Value;

        Assert.Equal(["led", "boiler", "trec"], curve.Entries.Select(e => e.Measure.Id));
        Assert.Equal([-900m, 500m, 1_500m], curve.Entries.Select(e => e.CostPerTonneNtd));
        Assert.Equal([0m, 20m, 70m], curve.Entries.Select(e => e.FromTonnes));
        Assert.Equal([20m, 70m, 170m], curve.Entries.Select(e => e.ToTonnes));
        Assert.Equal([-18_000m, 25_000m, 150_000m], curve.Entries.Select(e => e.NetAnnualCostNtd));
        Assert.Equal(170m, curve.TotalTonnes);
        Assert.Equal(20m, curve.NegativeCostTonnes);
    }

    [Fact]
    public void Build_AtFivePercent_AnnualisesCapexWithTheRecoveryFactor()
    {
        var led = M("led", 100_000m, 2_000m, 30_000m, 20m);

        var entry = MacCurve.Build([led], 0.05m).Value.Entries[0];

        // 100,000 × 0.1295045750 = 12,950.4575; + 2,000 − 30,000 = −15,049.5425; ÷ 20 = −752.477125
        Assert.Equal(12_950.4575m, Math.Round(entry.AnnualisedCapexNtd, 4));
        Assert.Equal(-752.4771m, Math.Round(entry.CostPerTonneNtd, 4));
    }

    [Fact]
    public void Build_Ties_LargerAbatementFirst_ThenById_WhateverTheInputOrder()
    {
        var small = M("b-small", 0m, 1_000m, 0m, 10m);  // 100/t
        var large = M("z-large", 0m, 3_000m, 0m, 30m);  // 100/t
        var twin = M("a-small", 0m, 1_000m, 0m, 10m);   // 100/t, same abatement as b-small

        var forward = MacCurve.Build([small, large, twin], 0m).Value;
        var backward = MacCurve.Build([twin, large, small], 0m).Value;

        Assert.Equal(["z-large", "a-small", "b-small"], forward.Entries.Select(e => e.Measure.Id));
        Assert.Equal(forward.Entries.Select(e => e.Measure.Id), backward.Entries.Select(e => e.Measure.Id));
    }

    [Fact]
    public void Build_ZeroAbatement_IsAnErrorNamingTheMeasuresField()
    {
        var outcome = MacCurve.Build([M("ok", 0m, 100m, 0m, 1m), M("none", 1_000m, 0m, 0m, 0m)], -0.1m);

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Path == "measures[1].annualAbatementTonnes" && e.Code == "reduction.abatement");
        Assert.Contains(outcome.Errors, e => e.Path == "discountRate");
        Assert.DoesNotContain(outcome.Errors, e => e.Path.StartsWith("measures[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NamesEveryBadField()
    {
        var bad = new ReductionMeasure("x", " ", MeasureKind.Storage, -1m, 2e12m, -5m, 1m, 1800, 0, -1);

        var paths = ReductionMeasure.Validate(bad).Select(e => e.Path).ToHashSet();

        Assert.Equal(new HashSet<string> { "name", "capexNtd", "annualOpexChangeNtd", "annualSavingsNtd", "startYear", "lifetimeYears", "rampYears" }, paths);
    }

    [Theory]
    [InlineData(MeasureKind.EquipmentEfficiency, "equipment-efficiency")]
    [InlineData(MeasureKind.EnergyManagementIso50001, "energy-management-iso50001")]
    [InlineData(MeasureKind.GreenPower, "green-power")]
    public void Kinds_RoundTripTheirCodes(MeasureKind kind, string code)
    {
        Assert.Equal(code, kind.Code());
        Assert.Equal(kind, MeasureKinds.Parse(code));
        Assert.Null(MeasureKinds.Parse("peak-shaving"));
    }
}
