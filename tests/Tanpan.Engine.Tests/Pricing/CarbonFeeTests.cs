using Tanpan.Engine.Pricing;

namespace Tanpan.Engine.Tests.Pricing;

/// <summary>碳費收費辦法 Art. 5–6 by hand: fee = floor(round((E − K) × adjustment, 3) × rate).</summary>
public class CarbonFeeTests
{
    private static CarbonFeeResult Fee(decimal emissionsT, bool highLeakage = false, CarbonFeePlan plan = CarbonFeePlan.None, int period = 1, int year = 2026) =>
        CarbonFee.Calculate(new CarbonFeeRequest(year, emissionsT, highLeakage, plan, period)).Value;

    [Fact]
    public void General_30000t_PaysOn5000tAt300()
    {
        var fee = Fee(30_000m);

        Assert.True(fee.Liable);
        Assert.Equal(25_000m, fee.KT);
        Assert.Equal(1m, fee.Adjustment);
        Assert.Equal(5_000m, fee.ChargeableT);
        Assert.Equal(300m, fee.RateNtdPerT);
        Assert.Equal(1_500_000m, fee.FeeNtd);
    }

    [Fact]
    public void HighLeakageRateAPeriod1_100000t_KZeroAdjustmentPoint2()
    {
        var fee = Fee(100_000m, highLeakage: true, plan: CarbonFeePlan.RateA);

        Assert.Equal(0m, fee.KT);
        Assert.Equal(0.2m, fee.Adjustment);
        Assert.Equal(20_000m, fee.ChargeableT);
        Assert.Equal(50m, fee.RateNtdPerT);
        Assert.Equal(1_000_000m, fee.FeeNtd);
    }

    [Fact]
    public void HighLeakageRateBPeriod2_UsesPoint4AndRate100()
    {
        var fee = Fee(50_000m, highLeakage: true, plan: CarbonFeePlan.RateB, period: 2);

        Assert.Equal(0.4m, fee.Adjustment);
        Assert.Equal(2_000_000m, fee.FeeNtd); // 50,000 × 0.4 × 100
    }

    [Fact]
    public void HighLeakageWithoutPlan_KZeroButAdjustmentOne_AsTheDataFileStatesIt()
    {
        var fee = Fee(30_000m, highLeakage: true);

        Assert.Equal(0m, fee.KT);
        Assert.Equal(1m, fee.Adjustment);
        Assert.Equal(9_000_000m, fee.FeeNtd);
        Assert.Contains("假設", fee.Parameters.Single(p => p.Parameter == "K_value_high_leakage").RuleZh, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanWithoutHighLeakage_KeepsKAndAdjustmentOne_AtThePreferentialRate()
    {
        var fee = Fee(40_000m, plan: CarbonFeePlan.RateA);

        Assert.Equal(750_000m, fee.FeeNtd); // (40,000 − 25,000) × 1 × 50
    }

    [Fact]
    public void ChargeableRoundsHalfUpAt3Decimals_FeeIsTruncated()
    {
        // 3.3325 t → 3.333 (half-up; banker's rounding would give 3.332); 3.333 × 300 = 999.9 → 999 (rounding would give 1,000).
        var fee = Fee(25_003.3325m);

        Assert.Equal(3.333m, fee.ChargeableT);
        Assert.Equal(999m, fee.FeeNtd);
    }

    [Fact]
    public void FractionalHighLeakage_RoundsThenTruncates()
    {
        // 125,000.0027 × 0.2 = 25,000.00054 → 25,000.001; × 50 = 1,250,000.05 → 1,250,000.
        var fee = Fee(125_000.0027m, highLeakage: true, plan: CarbonFeePlan.RateA);

        Assert.Equal(25_000.001m, fee.ChargeableT);
        Assert.Equal(1_250_000m, fee.FeeNtd);
    }

    [Fact]
    public void BelowThreshold_NotLiable_FeeZero_SaidSo()
    {
        var fee = Fee(24_999.999m);

        Assert.False(fee.Liable);
        Assert.Equal(0m, fee.ChargeableT);
        Assert.Equal(0m, fee.FeeNtd);
        Assert.Contains("非碳費徵收對象", fee.NoteZh, StringComparison.Ordinal);
        Assert.Contains("not liable", fee.NoteEn, StringComparison.Ordinal);
    }

    [Fact]
    public void AtThreshold_LiableWithZeroChargeable()
    {
        var fee = Fee(25_000m);

        Assert.True(fee.Liable);
        Assert.Equal(0m, fee.FeeNtd);
    }

    [Fact]
    public void EveryParameter_HasRuleTextInBothLanguagesAndASource()
    {
        var fee = Fee(100_000m, highLeakage: true, plan: CarbonFeePlan.RateA);

        Assert.Equal(["threshold_applicability", "K_value_high_leakage", "leakage_adjustment_period1", "preferential_rate_A", "rounding_chargeable_emissions"], fee.Parameters.Select(p => p.Parameter));
        Assert.All(fee.Parameters, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.RuleZh));
            Assert.False(string.IsNullOrWhiteSpace(p.RuleEn));
            Assert.False(string.IsNullOrWhiteSpace(p.Source));
            Assert.Equal("carbon_fee_tw.csv", p.File);
        });
        Assert.Contains("listenlaw.info", fee.Parameters[1].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void UnverifiedPeriod3_SaysSo()
    {
        var fee = Fee(100_000m, highLeakage: true, plan: CarbonFeePlan.RateA, period: 3);

        Assert.Equal(0.6m, fee.Adjustment);
        Assert.StartsWith("UNVERIFIED", fee.Parameters.Single(p => p.Parameter == "leakage_adjustment_period3").Verification, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2024, 30000, 1, "year")]
    [InlineData(2026, -1, 1, "emissionsT")]
    [InlineData(2026, 30000, 0, "period")]
    [InlineData(2026, 30000, 4, "period")]
    public void BadInput_NamesTheField(int year, int emissions, int period, string field)
    {
        var outcome = CarbonFee.Calculate(new CarbonFeeRequest(year, emissions, false, CarbonFeePlan.None, period));

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Path == field);
    }

    [Theory]
    [InlineData(null, CarbonFeePlan.None)]
    [InlineData("none", CarbonFeePlan.None)]
    [InlineData("rate-a", CarbonFeePlan.RateA)]
    [InlineData("rate-b", CarbonFeePlan.RateB)]
    public void Plans_Parse(string? text, CarbonFeePlan expected)
    {
        Assert.True(CarbonFee.TryParsePlan(text, out var plan));
        Assert.Equal(expected, plan);
        Assert.False(CarbonFee.TryParsePlan("rate-c", out _));
    }
}
