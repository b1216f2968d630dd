using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quick;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Quick;

public class QuickCalculatorTests
{
    private static readonly Engine.Quick.QuickCalculator Calculator = new(TestLibrary.Calculator);

    private static TaipowerBill Bill(string from, string to, decimal peak, decimal semi, decimal saturday, decimal offPeak) =>
        new(new ActivityPeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), peak, semi, saturday, offPeak);

    [Fact]
    public void SeedBill_TimeOfUseFieldsAreSummed()
    {
        // Seed 001 step ③: 109.02.01–109.02.29, 尖峰 890,400 / 半尖峰 187,200 / 週六半尖峰 360,000 / 離峰 100 度.
        var bill = Bill("2020-02-01", "2020-02-29", 890_400m, 187_200m, 360_000m, 100m);

        Assert.Equal(1_437_700m, bill.TotalKwh);
        Assert.Equal(29, bill.Period.InclusiveDays);
    }

    [Fact]
    public void Result_SplitsStationaryMobileAndIndirect_WithSharesSummingToOne()
    {
        var request = new QuickRequest(
            2024,
            [Bill("2024-01-01", "2024-01-31", 10_000m, 5_000m, 2_000m, 3_000m)],
            null,
            [
                new QuickFuel("fuel.natural-gas", CombustionUse.Stationary, 1_000m, Units.CubicMetre),
                new QuickFuel("fuel.diesel", CombustionUse.Mobile, 500m, Units.Litre),
            ]);

        var result = Calculator.Calculate(request).Value;

        var indirect = 20_000m * 0.474m;
        var stationary = 1_000m * 1.9060178044842m;
        var mobile = 500m * 2.71836053065044m;
        Assert.Equal(indirect, result.EnergyIndirect.KgCo2e);
        Assert.Equal(stationary, result.Stationary.KgCo2e);
        Assert.Equal(mobile, result.Mobile.KgCo2e);
        Assert.Equal(indirect + stationary + mobile, result.TotalKgCo2e);
        Assert.Equal(stationary / result.TotalKgCo2e, result.Stationary.Share);
        Assert.Equal(1m, Math.Round(result.Parts.Sum(p => p.Share), 20));
    }

    [Fact]
    public void BillAcrossTheYearEnd_IsProrated()
    {
        var request = new QuickRequest(2024, [Bill("2023-12-17", "2024-01-16", 3_100m, 0m, 0m, 0m)], null, []);

        var result = Calculator.Calculate(request).Value;

        Assert.Equal(3_100m * 16m / 31m * 0.474m, result.EnergyIndirect.KgCo2e);
        Assert.Equal(1m, result.Detail.EstimatedShare);
    }

    [Fact]
    public void AnnualTotal_CanReplaceBills_ButNotBoth()
    {
        var annual = Calculator.Calculate(new QuickRequest(2023, [], 100_000m, [])).Value;
        var both = Calculator.Calculate(new QuickRequest(2023, [Bill("2023-01-01", "2023-01-31", 1m, 0m, 0m, 0m)], 100_000m, []));

        Assert.Equal(49_400m, annual.TotalKgCo2e);
        Assert.Contains(both.Errors, e => e.Path == "annualKwh");
    }

    [Fact]
    public void BadInput_IsNamedByBillAndFuel()
    {
        var request = new QuickRequest(
            2024,
            [Bill("2024-03-01", "2024-02-01", -1m, 0m, 0m, 0m)],
            null,
            [new QuickFuel("fuel.diesel", CombustionUse.Stationary, 5m, Units.Kilogram)]);

        var errors = Calculator.Calculate(request).Errors.Select(e => e.Path).ToArray();

        Assert.Contains("bills[0].peakKwh", errors);
        Assert.Contains("bills[0].period.to", errors);

        var fuelErrors = Calculator.Calculate(request with { Bills = [] }).Errors.Select(e => e.Path);
        Assert.Equal(["fuels[0].unit"], fuelErrors);
    }

    [Fact]
    public void NothingEntered_IsZeroWithZeroShares()
    {
        var result = Calculator.Calculate(new QuickRequest(2024, [], null, [])).Value;

        Assert.Equal(0m, result.TotalKgCo2e);
        Assert.All(result.Parts, p => Assert.Equal(0m, p.Share));
    }
}
