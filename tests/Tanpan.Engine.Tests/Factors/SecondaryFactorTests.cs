using Tanpan.Engine.Activities;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using static Tanpan.Engine.Tests.TestLibrary;

namespace Tanpan.Engine.Tests.Factors;

/// <summary>Scope 3 activities from materials.csv and scope3_tw.csv: each row resolves, in the unit its source
/// publishes, with its verification level and names; quantities convert by unit; the category rules hold.</summary>
public class SecondaryFactorTests
{
    [Fact]
    public void EveryShippedRow_ResolvesToItsPublishedValue_WithItsVerificationLevel()
    {
        var rows = FactorLibrary.Shipped.Secondary;
        Assert.Equal(81 + 40, rows.Count);
        foreach (var row in rows)
        {
            var factor = Resolver.Resolve(new FactorQuery(row.Activity.ToString(), GwpSet.Ar5, 2024, null, null)).Value;
            Assert.Equal(row.KgPerUnit, factor.KgCo2ePerUnit);
            Assert.Equal(row.PerUnit, factor.PerUnit);
            Assert.Equal(row.Verification, factor.Provenance.Verification);
            Assert.False(string.IsNullOrWhiteSpace(row.NameZh));
            Assert.False(string.IsNullOrWhiteSpace(row.NameEn));
        }
    }

    [Fact]
    public void TwoTonnesOfTaiwanSteelPlate_Are4830kgCo2e_InCategory41()
    {
        // MOENV CFP_P_02 鋼板 2.415 kgCO2e/kg (China Steel, 2013): 2 t = 2,000 kg → 4,830 kgCO2e.
        var result = Calculate(2024, GwpSet.Ar5, Line("plate", "4.1", "material.steel_plate_tw", 2m, "t"));

        Assert.Equal(4_830m, result.TotalKgCo2e);
        Assert.Equal(4_830m, result.ByScope["3"]);
        Assert.Equal(2_000m, result.Lines[0].QuantityInFactorUnit);
        Assert.Equal("materials:steel_plate_tw", result.Lines[0].Factor.Id);
    }

    [Fact]
    public void FreightInKilogramKilometres_ConvertsToTonneKilometres()
    {
        // 營業大貨車(柴油) 0.131 kgCO2e/t·km (MOENV 2022): 500 kg over 120 km = 60 t·km → 7.86 kgCO2e.
        var result = Calculate(2024, GwpSet.Ar5, Line("truck", "3.1", "transport.freight_truck_heavy_commercial_diesel", 60_000m, "kgkm"));

        Assert.Equal(7.86m, result.TotalKgCo2e);
        Assert.Equal(60m, result.Lines[0].QuantityInFactorUnit);
    }

    [Fact]
    public void CommutingInPassengerKilometres_AndWasteInTonnes_AreScope3()
    {
        var result = Calculate(2024, GwpSet.Ar5,
            Line("scooters", "3.3", "transport.scooter_motorcycle_petrol", 10_000m, "人公里"),
            Line("landfill", "4.3", "waste.waste_landfill_stsp_tw", 3m, "公噸"));

        // 10,000 p·km × 0.0951 + 3 t × 7.07 = 951 + 21.21.
        Assert.Equal(972.21m, result.ByScope["3"]);
        Assert.Equal(0m, result.ByScope.GetValueOrDefault("1"));
    }

    [Fact]
    public void WasteRowsOfTheMaterialsFile_AreWaste_AndTheContainerShipIsTransport()
    {
        var library = FactorLibrary.Shipped;
        Assert.Equal(ActivityKind.Waste, library.FindSecondary("waste.waste_incineration_gangshan_tw")!.Activity.Kind);
        Assert.Equal(ActivityKind.Transport, library.FindSecondary("transport.sea_container_teu_km_tw")!.Activity.Kind);
        Assert.Equal(ActivityKind.Material, library.FindSecondary("material.tap_water_TWC_2020")!.Activity.Kind);
        Assert.Null(library.FindSecondary("material.waste_incineration_gangshan_tw"));
    }

    [Fact]
    public void ACo2OnlySource_SaysSoInTheTrace()
    {
        var factor = Resolver.Resolve(new FactorQuery("material.stainless_steel_ice2", GwpSet.Ar5, 2024, null, null)).Value;

        Assert.Contains(factor.Notes, n => n.Contains("CO2 only", StringComparison.Ordinal));
    }

    [Fact]
    public void AMassOfAMaterialGivenPerPiece_IsAUnitError_NamingBoth()
    {
        var outcome = Calculator.Calculate(new Tanpan.Engine.Inventory.InventoryRequest(2024, GwpSet.Ar5, [Line("motor", "4.1", "material.motor_ie3_20hp_teco_tw", 80m, "kg")]));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("lines[0].unit", error.Path);
    }

    [Fact]
    public void AnUnknownMaterial_IsAnActivityError_WithExamples()
    {
        var outcome = Resolver.Resolve(new FactorQuery("material.unobtainium", GwpSet.Ar5, 2024, null, null));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("activity", error.Path);
        Assert.Contains("material.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("material.steel_plate_tw", "1.1")]
    [InlineData("transport.freight_rail_DEFRA", "4.1")]
    [InlineData("waste.waste_landfill_stsp_tw", "2.1")]
    public void Scope3Activities_DoNotFitDirectOrEnergyCategories(string activity, string category) =>
        Assert.False(CategoryFit.Fits(ActivityId.Parse(activity).Kind, Category(category)));

    [Fact]
    public void NewUnits_ConvertWithinTheirDimension_AndNotAcross()
    {
        Assert.Equal(2.5m, Units.Parse("kg·km").Convert(2_500m, Units.TonneKilometre));
        Assert.True(Units.TryParse("延噸公里", out var tkm) && tkm == Units.TonneKilometre);
        Assert.NotEqual(Units.TonneKilometre.Dimension, Units.PassengerKilometre.Dimension);
    }
}
