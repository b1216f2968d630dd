using Tanpan.Engine.Pricing;
using Tanpan.Web.Features.Exposure;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Tests.Features.Exposure;

/// <summary>The exposure on hand-computed figures: the fee of a 30,000 t company by the regulation's formula, CBAM on
/// a steel good, the footprint as SEE, years carried forward, and the NT$ total at the company's exchange rate.</summary>
public sealed class ExposureStudyTests
{
    private static InventoryYearTotal Year(int year, decimal tonnes, bool locked = true, bool intact = true) =>
        new(year, locked, intact, true, null, tonnes * 1000m + 5_000_000m, tonnes * 600m, tonnes * 400m, 5_000_000m, "AR5");

    private static ResolvedGood Steel(decimal euTonnes = 1000m, decimal see = 2m, bool defaults = false) =>
        ExposureStudy.Resolve(new ExposureGood { Id = Guid.NewGuid(), Name = "螺栓", CnCode = "73181590", SeeDirectTPerT = see, DefaultValues = defaults, EuTonnesPerYear = euTonnes }, null);

    [Fact]
    public void TheFee_IsTheRegulationsFormula_OnScopes1And2_AndYearsCarryForward()
    {
        var settings = ExposureDefaults.New();
        var view = ExposureStudy.Build(settings, false, [Year(2024, 30_000m), Year(2026, 20_000m)], [], PricingData.Shipped);

        // 2025 has no inventory: 2024's 30,000 t is carried forward. (30,000 − 25,000) × 1.0 × NT$300.
        var y2025 = view.Emissions.Single(e => e.Year == 2025);
        Assert.True(y2025.Projected);
        Assert.Equal(30_000m, y2025.Tonnes);
        Assert.Equal(1_500_000m, view.Fee.Single(f => f.Year == 2025 && f.Scenario == "current").FeeNtd);
        // 2026 is under the 25,000 t threshold: nothing to pay; 2027 on carries 2026 forward.
        Assert.False(view.Fee.Single(f => f.Year == 2026 && f.Scenario == "current").Liable);
        Assert.Equal(0m, view.Fee.Single(f => f.Year == 2030 && f.Scenario == "current").FeeNtd);
        Assert.Equal(2034 - 2025 + 1, view.Emissions.Count);
    }

    [Fact]
    public void AHighLeakageCompany_HasKZero_TheAdjustmentOnlyWithAPlan_AndTheGuidanceRatesFrom2030()
    {
        var settings = ExposureDefaults.New();
        settings.HighLeakage = true;
        // K = 0 without a plan: 30,000 × 1.0 × NT$300.
        Assert.Equal(9_000_000m, ExposureStudy.Build(settings, true, [Year(2025, 30_000m)], [], PricingData.Shipped).Fee.Single(f => f.Year == 2025 && f.Scenario == "current").FeeNtd);

        settings.Plan = CarbonFeePlan.RateA;
        var view = ExposureStudy.Build(settings, true, [Year(2025, 30_000m)], [], PricingData.Shipped);
        // With an approved plan: adjustment 0.2 in period 1 at the preferential NT$50.
        Assert.Equal(30_000m * 0.2m * 50m, view.Fee.Single(f => f.Year == 2025 && f.Scenario == "current").FeeNtd);
        // From 2030 the guidance NT$1,200 scales the preferential rate in proportion (50 / 300 of it).
        Assert.Equal(30_000m * 0.2m * 200m, view.Fee.Single(f => f.Year == 2030 && f.Scenario == "guidance-low").FeeNtd);
        Assert.Equal(30_000m * 0.2m * 50m, view.Fee.Single(f => f.Year == 2029 && f.Scenario == "guidance-low").FeeNtd);
    }

    [Fact]
    public void Cbam_OnASteelGood_IsEmbeddedTimesTheEuaPrice_AndTheTotalIsInNtd()
    {
        var settings = ExposureDefaults.New();
        settings.EuaPrices = "60,80,100";
        var view = ExposureStudy.Build(settings, true, [Year(2025, 30_000m)], [Steel()], PricingData.Shipped);
        // 1,000 t × 2 tCO2e/t, no benchmark given, nothing paid abroad: 2,000 certificates × EUR 80.
        var mid = view.Cbam.Single(c => c.Year == 2026 && c.Scenario == view.MiddleEuaScenario);
        Assert.Equal("eua-80", view.MiddleEuaScenario);
        Assert.Equal(2000m, mid.EmbeddedT);
        Assert.Equal(160_000m, mid.CostEur);
        Assert.Equal(120_000m, view.Cbam.Single(c => c.Year == 2026 && c.Scenario == "eua-60").CostEur);
        var total = view.Years.Single(y => y.Year == 2026);
        Assert.Equal(1_500_000m + (160_000m * 35m), total.TotalNtd);
        Assert.Empty(view.Problems);
    }

    [Fact]
    public void DefaultValues_AreMarkedUp_AndACarbonPricePaidAtHomeIsDeducted()
    {
        var settings = ExposureDefaults.New();
        settings.EuaPrices = "80";
        settings.CarbonPricePaidEurPerT = 8m;
        var view = ExposureStudy.Build(settings, true, [], [Steel(defaults: true)], PricingData.Shipped);
        var y2026 = view.Cbam.Single(c => c.Year == 2026);
        // 2026 mark-up 10 %: 2,200 t embedded; EUR 8 paid of 80 deducts a tenth.
        Assert.Equal(2200m, y2026.EmbeddedT);
        Assert.Equal((2200m - (8m * 2200m / 80m)) * 80m, y2026.CostEur);
        Assert.Contains(view.Problems, p => p.Code == "exposure.no-inventory");
    }

    [Fact]
    public void ALockedFootprint_GivesTheSee_AndANonCbamGood_IsAProblemNotACost()
    {
        var footprint = new PublishableFootprint(Guid.NewGuid(), 3, "abc123", "公司", null, "套筒", null, null, "p", "1", "n", "pub", "cradle-to-gate", [], 2.5m, 6.25m, 0, 0, "AR6",
            new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 0.5m, null, null, null, 0, [], [], null, DateTime.UtcNow);
        var good = new ExposureGood { Id = Guid.NewGuid(), Name = "套筒", CnCode = "73269090", ProductId = footprint.ProductId, ProductVersion = 3, EuTonnesPerYear = 10 };
        var resolved = ExposureStudy.Resolve(good, footprint);
        Assert.Equal(SeeSource.LockedFootprint, resolved.Source);
        Assert.Equal(2.5m, resolved.SeeDirectTPerT);
        Assert.Equal(SeeSource.Missing, ExposureStudy.Resolve(good, null).Source);

        var machine = ExposureStudy.Resolve(new ExposureGood { Id = Guid.NewGuid(), Name = "車床", CnCode = "84581100", SeeDirectTPerT = 3, EuTonnesPerYear = 50 }, null);
        var view = ExposureStudy.Build(ExposureDefaults.New(), false, [], [machine], PricingData.Shipped);
        Assert.Empty(view.Cbam);
        Assert.Contains(view.Problems, p => p.Code == "exposure.not-cbam");
    }

    [Fact]
    public void TheSitesInventory_GivesDirectAndIndirectSee_PerTonneProduced()
    {
        // Year(2025, 3,000 t): scope 1 = 1,800 t, scope 2 = 1,200 t; 1,500 t of bolts made that year.
        var good = new ExposureGood { Id = Guid.NewGuid(), Name = "螺栓", CnCode = "73181590", SiteYear = 2025, SiteProductionTonnes = 1500m, EuTonnesPerYear = 600m };
        var resolved = ExposureStudy.Resolve(good, null, [Year(2025, 3000m)]);
        Assert.Equal(SeeSource.SiteInventory, resolved.Source);
        Assert.Equal(1.2m, resolved.SeeDirectTPerT);
        Assert.Equal(0.8m, resolved.SeeIndirectTPerT);
        // Iron and steel count direct emissions only: 600 t × 1.2 = 720 t embedded.
        var view = ExposureStudy.Build(ExposureDefaults.New(), false, [Year(2025, 3000m)], [resolved], PricingData.Shipped);
        Assert.Equal(720m, view.Cbam.First(c => c.Year == 2026).EmbeddedT);
        // An inventory that does not calculate (or a year without one) gives no SEE, and the page says so.
        Assert.Equal(SeeSource.Missing, ExposureStudy.Resolve(good, null, [Year(2024, 3000m)]).Source);
        Assert.Equal(SeeSource.Missing, ExposureStudy.Resolve(good, null, [Year(2025, 3000m, intact: false)]).Source);
    }
}
