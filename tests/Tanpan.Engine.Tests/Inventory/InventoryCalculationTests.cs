using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using static Tanpan.Engine.Tests.TestLibrary;

namespace Tanpan.Engine.Tests.Inventory;

public class InventoryCalculationTests
{
    [Fact]
    public void Ipcc2006StationaryDiesel_OneTonneUnderAr6_IsTheTablesTimesNcvTimesGwp()
    {
        // IPCC 2006 GL Vol.2: NCV 43.0 TJ/Gg (Tab.1.2), CO2 74,100 kg/TJ (Tab.1.4), CH4 3 and N2O 0.6 kg/TJ
        // (Tab.2.3, manufacturing); AR6 GWPs CH4 27.9, N2O 273. 1 t = 0.043 TJ:
        // 3,186.3 kg CO2 + 0.129 kg CH4 × 27.9 + 0.0258 kg N2O × 273 = 3,196.9425 kgCO2e.
        var line = Line("boiler", "1.1", "fuel.diesel", 1m, "t") with { FactorSet = "ipcc-2006" };

        var result = Calculate(2024, GwpSet.Ar6, line);

        Assert.Equal(3196.9425m, result.TotalKgCo2e);
        var gases = result.Lines[0].Gases.ToDictionary(g => g.Gas, g => g.Kg);
        Assert.Equal(3186.3m, gases["CO2"]);
        Assert.Equal(0.129m, gases["CH4"]);
        Assert.Equal(0.0258m, gases["N2O"]);
        Assert.Equal("ipcc-2006", result.Lines[0].Factor.Provenance.SetId);
    }

    [Fact]
    public void QuantityAboveTheDocumentedRange_IsAFieldError()
    {
        var outcome = Calculator.Calculate(new InventoryRequest(2024, GwpSet.Ar5, [Line("e", "2.1", "electricity.grid.tw", 1e15m + 1, "kWh")]));

        Assert.Equal("lines[0].quantity", Assert.Single(outcome.Errors).Path);
    }

    [Fact]
    public void AResultBeyondDecimal_IsAFieldError_NotAnException()
    {
        // 1e15 kg at the largest custom factor, 20,000 times over, exceeds decimal's range (7.9e28).
        var custom = new CustomFactor("huge", CustomFactorRules.MaxValue, Units.Kilogram, "test", null, null);
        var lines = Enumerable.Range(0, 100_000).Select(i => Line($"l{i}", "1.1", "custom", 1e15m, "kg") with { CustomFactor = custom }).ToArray();

        var outcome = Calculator.Calculate(new InventoryRequest(2024, GwpSet.Ar5, lines));

        Assert.False(outcome.Succeeded);
        Assert.Equal("calculation.overflow", Assert.Single(outcome.Errors).Code);
    }
    [Fact]
    public void HalfTonneHfc134a_UnderAr4_Is715TonnesCo2e()
    {
        var result = Calculate(2024, GwpSet.Ar4, Line("leak", "1.4", "gas.HFC-134a", 0.5m, "t"));

        Assert.Equal(715_000m, result.TotalKgCo2e);
        Assert.Equal(500m, result.Lines[0].QuantityInFactorUnit);
        Assert.Equal(715_000m, result.ByGasGroup["HFCs"]);
    }

    [Fact]
    public void GridElectricity_1000kWhAt0474_Is474kg_WithZeroCh4AndN2O()
    {
        var result = Calculate(2024, GwpSet.Ar5, Line("e", "2.1", "electricity.grid.tw", 1000m, "kWh"));

        Assert.Equal(474m, result.TotalKgCo2e);
        Assert.Equal(474m, result.ByScope["2"]);
        Assert.Equal(0m, result.ByGasGroup["CH4"]);
        Assert.Equal(0m, result.ByGasGroup["N2O"]);
        Assert.DoesNotContain(result.Lines[0].Gases, g => g.Gas is "CH4" or "N2O" && g.Kg != 0);
    }

    [Fact]
    public void GridFactor_IsNeverMultipliedByAGwp()
    {
        var ar4 = Calculate(2024, GwpSet.Ar4, Line("e", "2.1", "electricity.grid.tw", 1000m, "度"));
        var ar6 = Calculate(2024, GwpSet.Ar6, Line("e", "2.1", "electricity.grid.tw", 1000m, "度"));

        Assert.Equal(474m, ar4.TotalKgCo2e);
        Assert.Equal(474m, ar6.TotalKgCo2e);
    }

    [Fact]
    public void BillAcrossTheYearBoundary_IsProratedByInclusiveDays_AndFlaggedEstimated()
    {
        // 2023-12-15 … 2024-02-14 is 62 days inclusive, 45 of them in 2024.
        var line = Line("bill", "2.1", "electricity.grid.tw", 8640m, "kWh") with { Period = new ActivityPeriod(new DateOnly(2023, 12, 15), new DateOnly(2024, 2, 14)) };

        var result = Calculate(2024, GwpSet.Ar5, line);

        var lineResult = result.Lines[0];
        Assert.Equal(8640m * 45m / 62m, lineResult.IncludedQuantity);
        Assert.True(lineResult.Estimated);
        Assert.Equal(45, lineResult.IncludedDays);
        Assert.Equal(62, lineResult.PeriodDays);
        Assert.Equal(8640m * 45m / 62m * 0.474m, result.TotalKgCo2e);
        Assert.Equal(1m, result.EstimatedShare);
    }

    [Fact]
    public void BillInsideTheYear_IsIncludedWholly_AndNotEstimated()
    {
        var line = Line("bill", "2.1", "electricity.grid.tw", 5000m, "kWh") with { Period = new ActivityPeriod(new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 30)) };

        var result = Calculate(2024, GwpSet.Ar5, line);

        Assert.Equal(5000m, result.Lines[0].IncludedQuantity);
        Assert.False(result.Lines[0].Estimated);
        Assert.Equal(0m, result.EstimatedShare);
    }

    [Fact]
    public void EstimatedShare_IsTheShareOfCo2eFromProratedLines()
    {
        var prorated = Line("bill", "2.1", "electricity.grid.tw", 620m, "kWh") with { Period = new ActivityPeriod(new DateOnly(2023, 12, 2), new DateOnly(2024, 1, 31)) };
        var whole = Line("gas", "1.4", "gas.CO2", 100m, "kg");

        var result = Calculate(2024, GwpSet.Ar5, prorated, whole);

        var estimated = 620m * 31m / 61m * 0.474m;
        Assert.Equal(estimated, result.EstimatedKgCo2e);
        Assert.Equal(estimated / (estimated + 100m), result.EstimatedShare);
    }

    [Fact]
    public void WorkedInventory_FromTheContract_SumsPerGasAndPerScope()
    {
        var lines = new[]
        {
            Line("e1", "2.1", "electricity.grid.tw", 8640m, "kWh") with { Period = new ActivityPeriod(new DateOnly(2023, 12, 15), new DateOnly(2024, 2, 14)) },
            Line("car", "1.2", "fuel.gasoline", 45.2m, "L") with { Use = CombustionUse.Mobile, Technology = "oxidation-catalyst" },
            Line("ng", "1.1", "fuel.natural-gas", 310m, "m3"),
            Line("ac", "1.4", "refrigerant.R-410A", 2.5m, "kg"),
        };

        var result = Calculate(2024, GwpSet.Ar5, lines);

        var electricity = 8640m * 45m / 62m * 0.474m;
        var car = 45.2m * 2.27067916032m;
        var gas = 310m * 1.9060178044842m;
        var ac = 2.5m * 1924m;
        Assert.Equal(electricity, result.ByScope["2"]);
        Assert.Equal(car + gas + ac, result.ByScope["1"]);
        Assert.Equal(electricity + car + gas + ac, result.TotalKgCo2e);
        Assert.Equal(ac, result.ByGas["R-410A"]);
        Assert.Equal(car, result.ByCategory["1.2"]);
        Assert.Equal(result.TotalKgCo2e, result.ByGas.Values.Sum());
        Assert.Equal(result.TotalKgCo2e, result.ByCategory.Values.Sum());
    }

    [Fact]
    public void FuelInOtherUnits_IsConvertedToTheFactorUnit()
    {
        var litres = Calculate(2024, GwpSet.Ar5, Line("d", "1.1", "fuel.diesel", 2000m, "L"));
        var kilolitres = Calculate(2024, GwpSet.Ar5, Line("d", "1.1", "fuel.diesel", 2m, "公秉"));
        var ng = Calculate(2024, GwpSet.Ar5, Line("n", "1.1", "fuel.natural-gas", 1.5m, "千立方公尺"));

        Assert.Equal(litres.TotalKgCo2e, kilolitres.TotalKgCo2e);
        Assert.Equal(1500m * 1.9060178044842m, ng.TotalKgCo2e);
    }

    [Fact]
    public void Category12FuelWithoutUse_IsTreatedAsMobile_WithAWarning()
    {
        var result = Calculate(2024, GwpSet.Ar5, Line("truck", "1.2", "fuel.diesel", 100m, "L"));

        Assert.Equal(100m * 2.71836053065044m, result.TotalKgCo2e);
        Assert.Contains(result.Warnings, w => w.Path == "lines[0].use");
    }

    [Fact]
    public void Hcfc22_IsReportedSeparately_NotInTotals()
    {
        var result = Calculate(2024, GwpSet.Ar5, Line("old-ac", "1.4", "refrigerant.R-22", 2m, "kg"), Line("e", "2.1", "electricity.grid.tw", 100m, "kWh"));

        Assert.Equal(47.4m, result.TotalKgCo2e);
        Assert.Equal(3520m, result.SeparatelyReported["HCFC-22"]);
    }

    [Fact]
    public void CustomFactor_IsAppliedAsCo2e()
    {
        var custom = new CustomFactor("steam", 0.25m, Units.Kilogram, "supplier certificate 2024", null, 2024);
        var line = Line("steam", "2.2", "custom", 1000m, "t") with { CustomFactor = custom };

        var result = Calculate(2024, GwpSet.Ar5, line);

        Assert.Equal(250_000m, result.TotalKgCo2e);
        Assert.True(result.Lines[0].Factor.IsCo2eFactor);
    }

    [Fact]
    public void EveryBadLine_IsReported_AndNothingIsComputed()
    {
        var lines = new[]
        {
            Line("ok", "1.1", "fuel.diesel", 10m, "L"),
            Line("neg", "1.1", "fuel.diesel", -1m, "L"),
            Line("unit", "1.1", "fuel.diesel", 10m, "kg"),
            Line("act", "1.1", "fuel.moonshine", 10m, "L"),
            Line("per", "2.1", "electricity.grid.tw", 10m, "kWh") with { Period = new ActivityPeriod(new DateOnly(2024, 5, 1), new DateOnly(2024, 4, 1)) },
        };

        var outcome = Calculator.Calculate(new InventoryRequest(2024, GwpSet.Ar5, lines));

        Assert.False(outcome.Succeeded);
        Assert.Equal(["lines[1].quantity", "lines[2].unit", "lines[3].activity", "lines[4].period.to"], outcome.Errors.Select(e => e.Path));
        Assert.Contains("L", outcome.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroQuantity_IsValid()
    {
        Assert.Equal(0m, Calculate(2024, GwpSet.Ar5, Line("z", "1.1", "fuel.diesel", 0m, "L")).TotalKgCo2e);
    }

    [Fact]
    public void LargeInventory_IsChunked_AndGivesTheSameTotalsAsLineByLine()
    {
        var random = new Random(7);
        var lines = Enumerable.Range(0, 100_000).Select(i => RandomLines.Next(random, i)).ToArray();

        var all = Calculator.Calculate(new InventoryRequest(2024, GwpSet.Ar5, lines), InventoryOptions.TotalsOnly).Value;
        var expected = lines.Sum(l => Calculate(2024, GwpSet.Ar5, l).TotalKgCo2e);

        Assert.Equal(Math.Round(expected, 10), Math.Round(all.TotalKgCo2e, 10));
        Assert.Equal(all.TotalKgCo2e, Calculator.Calculate(new InventoryRequest(2024, GwpSet.Ar5, lines), InventoryOptions.TotalsOnly).Value.TotalKgCo2e);
    }
}
