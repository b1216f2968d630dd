using Tanpan.Engine.Factors;
using Tanpan.Engine.Jobs;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Jobs;

public class JobCalculatorTests
{
    private static readonly JobCalculator Calculator = new(TestLibrary.Calculator);

    private static JobInput Input(string activity, decimal quantity, string unit) => new(activity, quantity, Units.Parse(unit));

    // DESIGN §5's example job, checked by hand from the published per-unit factors:
    // fuel oil 3.029705639568 kg/L, natural gas 1.9060178044842 kg/m3 (MOENV 2024 × EA heat values, AR5), grid 2024 0.474.
    private static JobRequest DesignExample() => new(
        new DateOnly(2024, 6, 5),
        GwpSet.Ar5,
        Quantity.Of(1000m, "kg"),
        [
            new JobProcess("前處理", [Input("fuel.fuel-oil", 3000m, "L"), Input("electricity.grid.tw", 400m, "kWh"), Input("fuel.natural-gas", 600m, "m3")]),
            new JobProcess("電鍍", [Input("electricity.grid.tw", 200m, "度")]),
        ],
        JobAllocation.Direct);

    [Fact]
    public void DesignExample_SubtotalsTotalAndIntensity()
    {
        var result = Calculator.Calculate(DesignExample()).Value;

        var fuelOil = 3000m * 3.029705639568m;
        var gridPre = 400m * 0.474m;
        var gas = 600m * 1.9060178044842m;
        var gridPlating = 200m * 0.474m;
        var total = fuelOil + gridPre + gas + gridPlating;
        Assert.Equal(total, result.TotalKgCo2e);
        Assert.Equal(fuelOil + gridPre + gas, result.ByProcess[0].KgCo2e);
        Assert.Equal(gridPlating, result.ByProcess[1].KgCo2e);
        Assert.Equal(total / 1000m, result.KgCo2ePerOutputUnit);
        var electricity = result.ByActivity.Single(a => a.Activity == "electricity.grid.tw");
        Assert.Equal(600m, electricity.Quantity);
        Assert.Equal(gridPre + gridPlating, electricity.KgCo2e);
    }

    [Fact]
    public void EachShare_IsItsSubtotalOverTheTotal_AndTheySumToExactlyOne()
    {
        var result = Calculator.Calculate(DesignExample()).Value;

        var total = result.TotalKgCo2e;
        // Every share but the last is exactly subtotal ÷ total; the last absorbs the rounding so the sum is 1.
        Assert.Equal(result.ByProcess[0].KgCo2e / total, result.ByProcess[0].Share);
        Assert.Equal(result.ByProcess[1].KgCo2e / total, result.ByProcess[1].Share, 25);
        Assert.All(result.ByActivity.SkipLast(1), a => Assert.Equal(a.KgCo2e / total, a.Share));
        Assert.Equal(result.ByActivity[^1].KgCo2e / total, result.ByActivity[^1].Share, 25);
        Assert.InRange(result.ByProcess[0].Share, 0.990m, 0.992m);
        Assert.Equal(1m, result.ByProcess.Sum(p => p.Share));
        Assert.Equal(1m, result.ByActivity.Sum(a => a.Share));
    }

    [Fact]
    public void MixRatio_ScalesEveryInput_AndKeepsWhatWasEntered()
    {
        var direct = Calculator.Calculate(DesignExample()).Value;
        var shared = Calculator.Calculate(DesignExample() with { Allocation = new BatchShare(25m) }).Value;

        Assert.Equal(direct.TotalKgCo2e / 4m, shared.TotalKgCo2e, 24);
        var oil = shared.Lines.Single(l => l.Result.Line.Activity == "fuel.fuel-oil");
        Assert.Equal(3000m, oil.EnteredQuantity);
        Assert.Equal(750m, oil.Result.Line.Quantity);
        Assert.Equal(new BatchShare(25m), shared.Allocation);
    }

    [Fact]
    public void KeyAllocation_TakesTheJobsShareOfMeteredEnergy()
    {
        var result = Calculator.Calculate(DesignExample() with { Allocation = new ByKey(AllocationKey.RackHours, 1200m, 6000m) }).Value;

        var plating = result.Lines.Single(l => l.ProcessName == "電鍍");
        Assert.Equal(200m, plating.EnteredQuantity);
        Assert.Equal(40m, plating.Result.Line.Quantity);
        Assert.Equal(40m * 0.474m, plating.Result.KgCo2e);
    }

    [Theory]
    [InlineData(0, "mixRatioPercent")]
    [InlineData(100.5, "mixRatioPercent")]
    public void MixRatio_OutOfRange_IsAFieldError(double mix, string path)
    {
        var errors = Calculator.Calculate(DesignExample() with { Allocation = new BatchShare((decimal)mix) }).Errors;

        Assert.Equal(path, Assert.Single(errors).Path);
    }

    [Fact]
    public void KeyAllocation_WithAJobValueAboveTheTotal_IsAFieldError()
    {
        var errors = Calculator.Calculate(DesignExample() with { Allocation = new ByKey(AllocationKey.Mass, 7m, 6m) }).Errors;

        Assert.Equal("allocation.jobValue", Assert.Single(errors).Path);
    }

    [Fact]
    public void GridFactor_IsThatOfTheJobsYear()
    {
        var job = new JobRequest(new DateOnly(2019, 3, 1), GwpSet.Ar5, Quantity.Of(10m, "piece"), [new JobProcess("電鍍", [Input("electricity.grid.tw", 100m, "kWh")])], JobAllocation.Direct);

        var result = Calculator.Calculate(job).Value;

        Assert.Equal(50.9m, result.TotalKgCo2e);
        Assert.Equal(5.09m, result.KgCo2ePerOutputUnit);
    }

    [Fact]
    public void ZeroInput_IsValid_AndAZeroJobHasZeroShares()
    {
        var job = new JobRequest(new DateOnly(2024, 1, 1), GwpSet.Ar5, Quantity.Of(1m, "kg"), [new JobProcess("後處理", [Input("fuel.natural-gas", 0m, "m3")])], JobAllocation.Direct);

        var result = Calculator.Calculate(job).Value;

        Assert.Equal(0m, result.TotalKgCo2e);
        Assert.All(result.ByProcess, p => Assert.Equal(0m, p.Share));
    }

    [Fact]
    public void Errors_NameProcessAndInput()
    {
        var job = new JobRequest(
            new DateOnly(2024, 1, 1),
            GwpSet.Ar5,
            Quantity.Of(0m, "kg"),
            [new JobProcess("前處理", [Input("fuel.fuel-oil", -1m, "L"), Input("fuel.natural-gas", 5m, "kg")]), new JobProcess(" ", [])],
            JobAllocation.Direct);

        var paths = Calculator.Calculate(job).Errors.Select(e => e.Path).ToArray();

        Assert.Contains("output.quantity", paths);
        Assert.Contains("processes[0].inputs[0].quantity", paths);
        Assert.Contains("processes[0].inputs[1].unit", paths);
        Assert.Contains("processes[1].name", paths);
    }
}

public class PlatingTests
{
    [Fact]
    public void PlatedMass_IsAreaTimesThicknessTimesDensity()
    {
        // 10,000 cm² (1 m²) of nickel (8,908 kg/m³) at 10 µm: 1 × 0.00001 × 8908 = 0.08908 kg.
        Assert.Equal(0.08908m, Plating.MassKilograms(10_000m, 10m, 8_908m));
    }

    [Theory]
    [InlineData("900", "1200", "6000", "180")]
    [InlineData("1000", "3", "3", "1000")]
    [InlineData("100", "1", "3", "33.333333333333333333333333333")]
    public void Allocation_SharesMeteredEnergyByTheKey(string metered, string job, string total, string expected)
    {
        decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(D(expected), new ByKey(AllocationKey.Mass, D(job), D(total)).Apply(D(metered)));
    }

    [Fact]
    public void MixRatio_TakesTheJobsShareOfTheBatch()
    {
        Assert.Equal(750m, new BatchShare(25m).Apply(3_000m));
    }
}
