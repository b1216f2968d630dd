using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Footprint;

/// <summary>The CNC-lathe PCR's rules at their boundaries, on hand-built products with exact own factors.</summary>
public sealed class PcrRulesTests
{
    private static readonly FootprintCalculator Calculator = new(TestLibrary.Calculator);
    private static readonly Pcr Lathe = PcrLibrary.Find("tmba-cnc-lathe-2024")!;
    private static readonly DataPeriod Year = new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    private static FootprintInput Own(string id, decimal kg, LifeStage stage, bool primary = false, bool omitted = false) =>
        new(id, null, "custom", 1m, Units.Piece, stage, primary, omitted, new CustomFactor(id, kg, Units.Piece, "test", null, null));

    private static PcrCheck Check(SystemBoundary boundary, DataPeriod? period, params FootprintInput[] inputs) =>
        Calculator.Calculate(new FootprintRequest(GwpSet.Ar5, 2024, boundary, "p", 1m, [new FootprintNode("p", null, LifeStage.Manufacturing, 1m, Units.Piece, inputs)], Lathe, null, period)).Value.PcrCheck!;

    private static PcrRuleResult Rule(PcrCheck check, string id) => check.Rules.Single(r => r.Id == id);

    [Fact]
    public void TheShippedPcr_CarriesTheSeedsRules()
    {
        Assert.Equal(("1.0", new DateOnly(2024, 10, 14)), (Lathe.Version, Lathe.Published));
        Assert.Equal((0.01m, 0.05m, 0.95m), (Lathe.Cutoff.SingleMax, Lathe.Cutoff.TotalMax, Lathe.Cutoff.CoverageMin));
        Assert.Equal(0.10m, Lathe.PrimaryData.Threshold);
        Assert.Equal(12, Lathe.DataPeriod.Months);
        Assert.True(Lathe.IsMandatory(LifeStage.Manufacturing, SystemBoundary.CradleToGate));
        Assert.False(Lathe.IsMandatory(LifeStage.Use, SystemBoundary.CradleToGate));
        Assert.True(Lathe.IsMandatory(LifeStage.Use, SystemBoundary.CradleToGrave));
        Assert.Equal(["main", "secondary", "consumables", "packaging"], Lathe.Components.Select(c => c.Class));
        Assert.Contains(Lathe.ProductInformation, f => f.Key == "weight" && f.Unit == "kg");
        Assert.Contains("滾珠螺桿", Lathe.Components[0].Groups.SelectMany(g => g.Level2));
    }

    [Fact]
    public void AnOmittedSourceOfExactlyOnePercent_Passes_AndJustAboveFails()
    {
        // 1 of 99 + 1 = 1.00 %; 1.01 of 99 + 1.01 > 1 %.
        var at = Check(SystemBoundary.CradleToGate, Year, Own("raw", 89m, LifeStage.RawMaterials), Own("made", 10m, LifeStage.Manufacturing), Own("oil", 1m, LifeStage.RawMaterials, omitted: true));
        var above = Check(SystemBoundary.CradleToGate, Year, Own("raw", 89m, LifeStage.RawMaterials), Own("made", 10m, LifeStage.Manufacturing), Own("oil", 1.01m, LifeStage.RawMaterials, omitted: true));

        Assert.Equal(RuleStatus.Pass, Rule(at, "cutoff.single").Status);
        Assert.Equal(0.01m, Rule(at, "cutoff.single").Value);
        Assert.Equal(RuleStatus.Fail, Rule(above, "cutoff.single").Status);
        Assert.Contains("p/oil", Rule(above, "cutoff.single").Message, StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Pass, Rule(above, "cutoff.total").Status);
    }

    [Fact]
    public void OmittedInputsTogether_AreCappedAtFivePercent_AndCoverageAtNinetyFive()
    {
        // Six omitted sources of 1 each beside 94 counted: each 1 % (pass), together 6 % (fail), coverage 94 %.
        var inputs = new List<FootprintInput> { Own("raw", 84m, LifeStage.RawMaterials), Own("made", 10m, LifeStage.Manufacturing) };
        inputs.AddRange(Enumerable.Range(1, 6).Select(i => Own($"minor{i}", 1m, LifeStage.RawMaterials, omitted: true)));
        var check = Check(SystemBoundary.CradleToGate, Year, [.. inputs]);

        Assert.Equal(RuleStatus.Pass, Rule(check, "cutoff.single").Status);
        Assert.Equal((RuleStatus.Fail, 0.06m), (Rule(check, "cutoff.total").Status, Rule(check, "cutoff.total").Value));
        Assert.Equal("omitted 6 % > 5 %", Rule(check, "cutoff.total").Message);
        Assert.Equal((RuleStatus.Fail, 0.94m), (Rule(check, "cutoff.coverage").Status, Rule(check, "cutoff.coverage").Value));
        Assert.False(check.Passed);

        var five = Check(SystemBoundary.CradleToGate, Year, [Own("raw", 85m, LifeStage.RawMaterials), Own("made", 10m, LifeStage.Manufacturing), .. Enumerable.Range(1, 5).Select(i => Own($"minor{i}", 1m, LifeStage.RawMaterials, omitted: true))]);
        Assert.Equal(RuleStatus.Pass, Rule(five, "cutoff.total").Status);
        Assert.Equal(RuleStatus.Pass, Rule(five, "cutoff.coverage").Status);
    }

    [Fact]
    public void TheTenPercentRule_TriggersWhenManufacturingIsSmall_AndIsMetBySupplierPrimaryData()
    {
        var small = Check(SystemBoundary.CradleToGate, Year, Own("steel", 1000m, LifeStage.RawMaterials), Own("power", 50m, LifeStage.Manufacturing));
        var withSupplier = Check(SystemBoundary.CradleToGate, Year, Own("steel", 940m, LifeStage.RawMaterials), Own("motor", 60m, LifeStage.RawMaterials, primary: true), Own("power", 50m, LifeStage.Manufacturing));
        var ownEnough = Check(SystemBoundary.CradleToGate, Year, Own("steel", 1000m, LifeStage.RawMaterials), Own("power", 100m, LifeStage.Manufacturing));

        Assert.Equal((RuleStatus.Fail, 0.05m), (Rule(small, "primary-data").Status, Rule(small, "primary-data").Value));
        Assert.Equal((RuleStatus.Pass, 0.11m), (Rule(withSupplier, "primary-data").Status, Rule(withSupplier, "primary-data").Value));
        Assert.Equal((RuleStatus.Pass, 0.1m), (Rule(ownEnough, "primary-data").Status, Rule(ownEnough, "primary-data").Value));
    }

    [Fact]
    public void TheBoundary_NeedsEveryMandatoryStage()
    {
        var noManufacturing = Check(SystemBoundary.CradleToGate, Year, Own("steel", 100m, LifeStage.RawMaterials));
        var b2c = Check(SystemBoundary.CradleToGrave, Year, Own("steel", 100m, LifeStage.RawMaterials), Own("power", 20m, LifeStage.Manufacturing));
        var b2b = Check(SystemBoundary.CradleToGate, Year, Own("steel", 100m, LifeStage.RawMaterials), Own("power", 20m, LifeStage.Manufacturing), Own("use", 5000m, LifeStage.Use));

        Assert.Equal(RuleStatus.Fail, Rule(noManufacturing, "boundary").Status);
        Assert.Contains("manufacturing", Rule(noManufacturing, "boundary").Message, StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Fail, Rule(b2c, "boundary").Status);
        Assert.Contains("distribution, use, end-of-life", Rule(b2c, "boundary").Message, StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Pass, Rule(b2b, "boundary").Status);
    }

    [Fact]
    public void TheDataPeriod_IsTwelveMonths_OrJustified()
    {
        FootprintInput[] inputs = [Own("steel", 100m, LifeStage.RawMaterials), Own("power", 20m, LifeStage.Manufacturing)];
        var across = new DataPeriod(new DateOnly(2023, 7, 1), new DateOnly(2024, 6, 30));
        var half = new DataPeriod(new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30));

        Assert.Equal(RuleStatus.Pass, Rule(Check(SystemBoundary.CradleToGate, Year, inputs), "data-period").Status);
        Assert.Equal(RuleStatus.Pass, Rule(Check(SystemBoundary.CradleToGate, across, inputs), "data-period").Status);
        Assert.Equal(RuleStatus.Fail, Rule(Check(SystemBoundary.CradleToGate, half, inputs), "data-period").Status);
        Assert.Equal(RuleStatus.Pass, Rule(Check(SystemBoundary.CradleToGate, half with { Justification = "新產品 2024 年上市" }, inputs), "data-period").Status);
        Assert.Equal(RuleStatus.Fail, Rule(Check(SystemBoundary.CradleToGate, null, inputs), "data-period").Status);
    }
}
