using Tanpan.Engine.Pricing;

namespace Tanpan.Engine.Tests.Pricing;

public class ObligationAndCcaTests
{
    [Fact]
    public void UsCca_2026_PriceCompounds5PercentReal_OnTheGap()
    {
        var result = UsCca.Estimate(new UsCcaRequest(2026, 1000m, 2.0m, 1.4m)).Value;

        Assert.True(result.InForce);
        Assert.Equal(60.6375m, result.PriceUsdPerT); // 55 × 1.05²
        Assert.Equal(600m, result.ChargedT);
        Assert.Equal(36_382.5m, result.ChargeUsd);
        Assert.All(result.Parameters, p => Assert.Contains("UNVERIFIED", p.Verification, StringComparison.Ordinal));
    }

    [Fact]
    public void UsCca_BeforeStartOrBelowBaseline_Nothing()
    {
        Assert.Equal(0m, UsCca.Estimate(new UsCcaRequest(2023, 1000m, 2.0m, 1.4m)).Value.ChargeUsd);
        Assert.Equal(0m, UsCca.Estimate(new UsCcaRequest(2030, 1000m, 1.0m, 1.4m)).Value.ChargeUsd);
        Assert.Equal(60m * 1.06m, UsCca.Estimate(new UsCcaRequest(2027, 1m, 2m, 1m, "s3523-119")).Value.ChargeUsd);
    }

    [Fact]
    public void UsCca_UnknownBill_IsAFieldError() =>
        Assert.Contains(UsCca.Estimate(new UsCcaRequest(2026, 1m, 1m, 1m, "hr-1")).Errors, e => e.Path == "bill");

    [Theory]
    [InlineData(null, 1000)]
    [InlineData(5, 1000)]
    [InlineData(4, 900)]
    [InlineData(3, 800)]
    [InlineData(1, 800)]
    public void Obligation_TenPercent_LessEarlyCredit(int? years, int expectedKw)
    {
        var result = LargePowerUserObligation.Calculate(new PowerObligationRequest(10_000m, years)).Value;

        Assert.True(result.Applies);
        Assert.Equal(expectedKw, result.ObligationKw);
    }

    [Fact]
    public void Obligation_FourWays_WithCosts()
    {
        var result = LargePowerUserObligation.Calculate(new PowerObligationRequest(10_000m, ReInstallNtdPerKw: 50_000m, ReCertificateNtdPerKwh: 5m, StorageNtdPerKwh: 15_000m)).Value;
        var ways = result.Ways.ToDictionary(w => w.Way);

        Assert.Equal(50_000_000m, ways["install-re"].CostNtd);
        Assert.Equal(1_250_000m, ways["buy-re-certificates"].Quantity); // 1,000 kW × 1,250 h
        Assert.Equal(6_250_000m, ways["buy-re-certificates"].CostNtd);
        Assert.Equal(2_000m, ways["storage"].Quantity); // × 2 h
        Assert.Equal(30_000_000m, ways["storage"].CostNtd);
        Assert.Equal(10_150_000m, ways["substitute-fee"].CostNtd); // 1,000 × 2,500 × 4.06
        Assert.True(ways["substitute-fee"].Annual);
        Assert.Contains("UNVERIFIED", result.Parameters.Single(p => p.Parameter == "large_power_user_substitute_fee").RuleEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Obligation_BelowThreshold_DoesNotApply()
    {
        var result = LargePowerUserObligation.Calculate(new PowerObligationRequest(4_999m, ReInstallNtdPerKw: 50_000m)).Value;

        Assert.False(result.Applies);
        Assert.Equal(0m, result.ObligationKw);
        Assert.Null(result.Ways.Single(w => w.Way == "storage").CostNtd);
    }

    [Theory]
    [InlineData(-1, null, 1250, "contractKw")]
    [InlineData(6000, 6, 1250, "completedWithinYears")]
    [InlineData(6000, 0, 1250, "completedWithinYears")]
    [InlineData(6000, null, 0, "annualGenerationHours")]
    [InlineData(6000, null, 9000, "annualGenerationHours")]
    public void Obligation_BadInput(int kw, int? years, int hours, string field) =>
        Assert.Contains(LargePowerUserObligation.Calculate(new PowerObligationRequest(kw, years, AnnualGenerationHours: hours)).Errors, e => e.Path == field);

    [Fact]
    public void Scenarios_GuidanceRatesFrom2030_PreferentialScaled()
    {
        var data = PricingData.Shipped;
        var scenarios = ExposureScenarios.ShippedFeeScenarios(data);
        var general = ExposureScenarios.CarbonFeePath([2029, 2030], _ => 30_000m, false, CarbonFeePlan.None, 1, scenarios, data);
        var planB = ExposureScenarios.CarbonFeePath([2030], _ => 35_000m, false, CarbonFeePlan.RateB, 1, scenarios, data);

        Assert.Equal(1_500_000m, general.Single(r => r.Year == 2029 && r.Scenario == "guidance-low").FeeNtd);
        Assert.Equal(6_000_000m, general.Single(r => r.Year == 2030 && r.Scenario == "guidance-low").FeeNtd); // 5,000 × 1,200
        Assert.Equal(9_000_000m, general.Single(r => r.Year == 2030 && r.Scenario == "guidance-high").FeeNtd);
        Assert.Equal(6_000_000m, planB.Single(r => r.Scenario == "guidance-high").FeeNtd); // 10,000 × 1,800 × 100/300
        Assert.Equal(1_000_000m, planB.Single(r => r.Scenario == "current").FeeNtd);
    }

    [Fact]
    public void Scenarios_CbamPerEuaPrice()
    {
        var rows = ExposureScenarios.CbamPath([2026, 2034], [new CbamGood("72085120", 1000m, 2m, 0m, 1.37m, false)], 0m, [new("low", 60m), new("high", 120m)], PricingData.Shipped).Value;

        Assert.Equal(664.25m * 60m, rows.Single(r => r.Year == 2026 && r.Scenario == "low").CostEur);
        Assert.Equal(2000m * 120m, rows.Single(r => r.Year == 2034 && r.Scenario == "high").CostEur);
    }
}
