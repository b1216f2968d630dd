using System.Net.Http.Json;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>The carbon-fee and CBAM routes on hand-computed cases, with their parameters' rules and sources.</summary>
public sealed class PricingApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task CarbonFee_GeneralRate_AboveTheThreshold()
    {
        var fee = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/carbon-fee", new { year = 2026, emissionsT = 30_000.4567m, highLeakage = false, plan = "none", period = 1 }));
        // (30,000.4567 − 25,000) × 1 = 5,000.457 t (3 dp, half up) × NT$300 = 1,500,137.1 → 1,500,137 (truncated).
        Assert.Equal(5_000.457m, fee.GetProperty("chargeableT").GetDecimal());
        Assert.Equal(300m, fee.GetProperty("rateNtdPerT").GetDecimal());
        Assert.Equal(1_500_137m, fee.GetProperty("feeNtd").GetDecimal());
        Assert.Equal(25_000m, fee.GetProperty("thresholdT").GetDecimal());
        Assert.All(fee.GetProperty("parameters").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("source").GetString())));
    }

    [Fact]
    public async Task CarbonFee_BelowTheThreshold_IsNothing_AndBadFieldsAreNamed()
    {
        var client = app.CreateClient();
        var fee = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/carbon-fee", new { year = 2026, emissionsT = 24_999, highLeakage = false, plan = "none", period = 1 }));
        Assert.False(fee.GetProperty("liable").GetBoolean());
        Assert.Equal(0m, fee.GetProperty("feeNtd").GetDecimal());
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/carbon-fee", new { year = 2026, emissionsT = -1, plan = "none", period = 1 }), "emissionsT");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/carbon-fee", new { year = 2026, emissionsT = 1, plan = "rate-z", period = 1 }), "plan");
    }

    [Fact]
    public async Task Cbam_Steel_DeductsTheFreeAllocationByTheYearsFactor()
    {
        var client = app.CreateClient();
        var result = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/cbam", new
        {
            year = 2026, goods = new[] { new { cnCode = "72081000", tonnes = 100m, seeDirectT = 2.0m, seeIndirectT = 0.5m, benchmarkT = 1.5m, defaultValues = false } },
            carbonPricePaidEurPerT = 0m, euaPriceEurPerT = 80m,
        }));
        // Steel counts direct emissions only: 100 × 2.0 = 200 t; free allocation 0.975 × 1.5 × 100 = 146.25 t; 53.75 certificates × €80.
        var good = result.GetProperty("goods")[0];
        Assert.Equal(200m, good.GetProperty("embeddedT").GetDecimal());
        Assert.Equal(0.975m, good.GetProperty("cbamFactor").GetDecimal());
        Assert.Equal(53.75m, good.GetProperty("certificates").GetDecimal());
        Assert.Equal(4_300m, good.GetProperty("costEur").GetDecimal());
        Assert.False(result.GetProperty("totals").GetProperty("deMinimisApplied").GetBoolean());

        // 40 t a year stays under the 50 t de minimis: nothing is due.
        var small = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/cbam", new
        {
            year = 2026, goods = new[] { new { cnCode = "72081000", tonnes = 40m, seeDirectT = 2.0m, seeIndirectT = 0m, benchmarkT = 1.5m, defaultValues = false } },
            carbonPricePaidEurPerT = 0m, euaPriceEurPerT = 80m,
        }));
        Assert.True(small.GetProperty("totals").GetProperty("deMinimisApplied").GetBoolean());
        Assert.Equal(0m, small.GetProperty("totals").GetProperty("costEur").GetDecimal());

        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/cbam", new { year = 2026, goods = new[] { new { cnCode = "12", tonnes = 1, seeDirectT = 1 } }, euaPriceEurPerT = 80 }), "goods[0].cnCode");
    }

    [Fact]
    public async Task UsCca_ChargesTheIntensityAboveTheBaseline_AtTheCompoundedPrice()
    {
        var client = app.CreateClient();
        // S.4355 (117th): US$55 from 2024, +5 % a year real. 2026: 55 × 1.05² = 60.6375. Gap 2.1 − 1.6 = 0.5 t/t × 80 t = 40 t.
        var cca = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/us-cca", new { year = 2026, tonnes = 80m, productIntensityTPerT = 2.1m, baselineIntensityTPerT = 1.6m }));
        Assert.True(cca.GetProperty("inForce").GetBoolean());
        Assert.Equal(55m * 1.05m * 1.05m, cca.GetProperty("priceUsdPerT").GetDecimal());
        Assert.Equal(40m, cca.GetProperty("chargedT").GetDecimal());
        Assert.Equal(40m * 55m * 1.05m * 1.05m, cca.GetProperty("chargeUsd").GetDecimal());
        Assert.All(cca.GetProperty("parameters").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("source").GetString())));

        // Cleaner than the US average: nothing charged; before the start year: not in force.
        var clean = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/us-cca", new { year = 2026, tonnes = 80m, productIntensityTPerT = 1.2m, baselineIntensityTPerT = 1.6m }));
        Assert.Equal(0m, clean.GetProperty("chargeUsd").GetDecimal());
        var early = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/us-cca", new { year = 2023, tonnes = 80m, productIntensityTPerT = 2.1m, baselineIntensityTPerT = 1.6m }));
        Assert.False(early.GetProperty("inForce").GetBoolean());
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/us-cca", new { year = 2026, tonnes = -1, productIntensityTPerT = 2.1m, baselineIntensityTPerT = 1.6m }), "tonnes");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/us-cca", new { year = 2026, tonnes = 1, productIntensityTPerT = 2.1m, baselineIntensityTPerT = 1.6m, bill = "hr-1" }), "bill");
    }

    [Fact]
    public async Task PowerObligation_IsTenPercentOfContract_WithTheFourWays_AndTheEarlyCredit()
    {
        var client = app.CreateClient();
        // 6,000 kW × 10 % = 600 kW, completed within 3 years: −20 % → 480 kW.
        var result = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/power-obligation", new
        {
            contractKw = 6000m, completedWithinYears = 3, reInstallNtdPerKw = 50_000m, reCertificateNtdPerKwh = 5m, storageNtdPerKwh = 12_000m,
        }));
        Assert.True(result.GetProperty("applies").GetBoolean());
        Assert.Equal(480m, result.GetProperty("obligationKw").GetDecimal());
        var ways = result.GetProperty("ways").EnumerateArray().ToDictionary(w => w.GetProperty("way").GetString()!);
        Assert.Equal(480m * 50_000m, ways["install-re"].GetProperty("costNtd").GetDecimal());
        Assert.Equal(480m * 1250m, ways["buy-re-certificates"].GetProperty("quantity").GetDecimal());
        Assert.Equal(480m * 1250m * 5m, ways["buy-re-certificates"].GetProperty("costNtd").GetDecimal());
        Assert.Equal(480m * 2m * 12_000m, ways["storage"].GetProperty("costNtd").GetDecimal());
        // The substitute fee: 480 kW × 2,500 kWh/kW × NT$4.06 a year.
        Assert.Equal(480m * 2500m * 4.06m, ways["substitute-fee"].GetProperty("costNtd").GetDecimal());
        Assert.True(ways["substitute-fee"].GetProperty("annual").GetBoolean());

        var small = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/calculations/power-obligation", new { contractKw = 4999m }));
        Assert.False(small.GetProperty("applies").GetBoolean());
        Assert.Equal(0m, small.GetProperty("obligationKw").GetDecimal());
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/power-obligation", new { contractKw = 6000m, completedWithinYears = 9 }), "completedWithinYears");
    }
}
