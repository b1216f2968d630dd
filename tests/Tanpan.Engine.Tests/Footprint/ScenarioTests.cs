using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Footprint;

/// <summary>The PCR's scenarios as inputs, by hand: transport t·km, use-phase kWh, end-of-life routes and the
/// supplier-weighted average.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public void ATransportLeg_IsMassTimesDistance_InTonneKilometres()
    {
        var leg = Scenarios.Transport(new TransportLeg("bed-truck", "transport.freight_truck_heavy_commercial_diesel", new Quantity(2600m, Units.Kilogram), 180m, LifeStage.RawMaterials), "legs[0]").Value;

        Assert.Equal((2.6m * 180m, "tkm", LifeStage.RawMaterials), (leg.Quantity, leg.Unit.Code, leg.Stage));
        Assert.Equal("legs[0].activity", Scenarios.Transport(new TransportLeg("x", "material.steel_plate_tw", new Quantity(1m, Units.Tonne), 1m, LifeStage.RawMaterials), "legs[0]").Errors.Single().Path);
    }

    [Fact]
    public void TheUsePhase_IsHoursTimesPowerTimesDaysTimesYears()
    {
        // The PCR's three modes: 16 h running at 6 kW, 4 h warm-up/standby at 1.5 kW, 1 h other at 3 kW; 250 days, 10 years.
        var use = Scenarios.Use(new UseScenario([new("run", 16m, 6m), new("standby", 4m, 1.5m), new("other", 1m, 3m)], 250m, 10m, "electricity.grid.tw"), "use").Value;

        Assert.Equal(((16m * 6m) + (4m * 1.5m) + 3m) * 250m * 10m, use.Quantity);
        Assert.Equal(LifeStage.Use, use.Stage);
        Assert.Contains(Scenarios.Use(new UseScenario([new("run", 20m, 6m), new("standby", 6m, 1m)], 250m, 10m, "electricity.grid.tw"), "use").Errors, e => e.Path == "use.modes");
    }

    [Fact]
    public void EndOfLifeRoutes_SplitTheMass_AndMustAddUpToAll()
    {
        var routes = Scenarios.EndOfLife(new Quantity(4000m, Units.Kilogram),
        [
            new("recycled", 0.9m, "waste.waste_recycling_DEFRA", "transport.freight_truck_heavy_commercial_diesel", 50m),
            new("incinerated", 0.06m, "waste.waste_CI_incineration_DEFRA"),
            new("landfilled", 0.04m, "waste.waste_CI_landfill_DEFRA"),
        ], "endOfLife").Value;

        Assert.Equal([3.6m, 3.6m * 50m, 0.24m, 0.16m], routes.Select(r => r.Quantity));
        Assert.All(routes, r => Assert.Equal(LifeStage.EndOfLife, r.Stage));
        var short_ = Scenarios.EndOfLife(new Quantity(4000m, Units.Kilogram), [new("recycled", 0.9m, "waste.waste_recycling_DEFRA")], "endOfLife");
        Assert.Equal("footprint.eol.shares", short_.Errors.Single().Code);
    }

    [Fact]
    public void SupplierDeclarations_AreWeightedBySupply_AndExtendedToAllOfIt()
    {
        // Two of three suppliers report: 600 kg at 1.9 and 200 kg at 2.3 of 1,000 kg bought → 2.0 kgCO2e/kg on 80 %.
        var average = Scenarios.WeightedAverage("castings", [new("甲鑄造", 600m, 1.9m, "EPD 2024"), new("乙鑄造", 200m, 2.3m, "PACT footprint 2024")], 1000m, Units.Kilogram, "castings").Value;

        Assert.Equal(2.0m, average.Factor.KgCo2ePerUnit);
        Assert.Equal(0.8m, average.CoveredShare);
        Assert.Contains("甲鑄造 600 kg × 1.9 (EPD 2024)", average.Factor.Source, StringComparison.Ordinal);
        Assert.Equal("castings.totalSupplied", Scenarios.WeightedAverage("castings", [new("甲", 600m, 1.9m, "x")], 500m, Units.Kilogram, "castings").Errors.Single().Path);
    }

    [Fact]
    public void ScenarioInputs_CalculateInAFootprint()
    {
        var use = Scenarios.Use(new UseScenario([new("run", 8m, 5m)], 250m, 10m, "electricity.grid.tw"), "use").Value;
        var calculator = new FootprintCalculator(TestLibrary.Calculator);
        var result = calculator.Calculate(new FootprintRequest(GwpSet.Ar5, 2024, SystemBoundary.CradleToGrave, "p", 1m,
            [new FootprintNode("p", null, LifeStage.Manufacturing, 1m, Units.Piece, [use, new("steel", null, "material.steel_plate_tw", 4000m, Units.Kilogram, LifeStage.RawMaterials)])])).Value;

        Assert.Equal(8m * 5m * 250m * 10m * 0.474m, result.ByStage[LifeStage.Use]);
        Assert.Equal(4000m * 2.415m, result.ByStage[LifeStage.RawMaterials]);
    }
}
