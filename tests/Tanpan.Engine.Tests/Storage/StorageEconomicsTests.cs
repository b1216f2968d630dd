using Tanpan.Engine.Storage;

namespace Tanpan.Engine.Tests.Storage;

/// <summary>Payback and NPV against figures worked by hand: an annuity, a payback inside a year, degradation with a
/// retirement floor, and a battery that never pays back.</summary>
public sealed class StorageEconomicsTests
{
    [Fact]
    public void ALevelAnnuity_HasTheAnnuityFactorsNpv_AndAnInterpolatedPayback()
    {
        // NT$1,000,000 for NT$300,000 a year over 5 years at 5 %: NPV = −1,000,000 + 300,000 × Σ 1.05^−y.
        var result = StorageEconomics.Evaluate(new(300_000m, 1_000_000m, 5, 0.05m)).Value;
        var expected = -1_000_000m;
        var d = 1m;
        for (var y = 1; y <= 5; y++)
        {
            d *= 1.05m;
            expected += 300_000m / d;
        }

        Assert.Equal(expected, result.NpvNtd);
        // 300,000 × 4.329477 (the 5-year annuity factor at 5 %) − 1,000,000 ≈ NT$298,843.
        Assert.Equal(298_843m, Math.Round(result.NpvNtd));
        // Cumulative −1,000,000 → −700,000 → −400,000 → −100,000 → +200,000 → +500,000: paid back a third into year 4.
        Assert.Equal(3m + (100_000m / 300_000m), result.PaybackYears);
        Assert.Equal(6, result.CashFlows.Count);
        Assert.Equal(500_000m, result.CashFlows[^1].CumulativeNtd);
    }

    [Fact]
    public void ASecondLifePack_EarnsInProportionToItsHealth_AndNothingAfterRetirement()
    {
        // SOH 0.8 losing 0.1 a year, retired below 0.6: years earn 100 %, 87.5 %, 75 %, then nothing.
        var result = StorageEconomics.Evaluate(new(80_000m, 150_000m, 5, 0m, StateOfHealth: 0.8m, SohLossPerYear: 0.1m, OperationAndMaintenanceNtdPerYear: 5_000m, EndOfLifeStateOfHealth: 0.6m)).Value;
        Assert.Equal([0m, 80_000m, 70_000m, 60_000m, 0m, 0m], result.CashFlows.Select(c => c.SavingsNtd));
        Assert.Equal([-150_000m, 75_000m, 65_000m, 55_000m, 0m, 0m], result.CashFlows.Select(c => c.NetNtd));
        // At 0 % the NPV is the plain sum; payback in year 3 after 10,000 of its 55,000.
        Assert.Equal(45_000m, result.NpvNtd);
        Assert.Equal(2m + (10_000m / 55_000m), result.PaybackYears);
    }

    [Fact]
    public void SavingsBelowUpkeep_NeverPayBack_AndBadInputNamesItsField()
    {
        var never = StorageEconomics.Evaluate(new(10_000m, 500_000m, 10, 0.05m, OperationAndMaintenanceNtdPerYear: 12_000m)).Value;
        Assert.Null(never.PaybackYears);
        Assert.True(never.NpvNtd < -500_000m);

        var bad = StorageEconomics.Evaluate(new(1m, -1m, 0, 1m, StateOfHealth: 0m));
        Assert.Equal(["battery.costNtd", "lifetimeYears", "discountRate", "battery.stateOfHealth"], bad.Errors.Select(e => e.Path));
    }
}
