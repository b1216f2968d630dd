using System.Net.Http.Json;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Storage;

/// <summary>POST /api/v1/calculations/storage against a day computed by hand from the shipped HV three-stage prices.</summary>
public sealed class StorageApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    // Tuesday 2025-07-15, hourly: 60 kW all day except 120 kW from 17:00 to 20:00.
    private static decimal[] Day() => Enumerable.Range(0, 24).Select(h => h is >= 17 and < 20 ? 120m : 60m).ToArray();

    private static object Body(object? load = null, object? strategy = null, object? battery = null, object? tariff = null, int interval = 60, int? gridFactorYear = 2024) => new
    {
        interval, start = "2025-07-15T00:00:00+08:00", loadKw = load ?? Day(),
        tariff = tariff ?? new { id = "taipower-hv-3tou", contractCapacityKw = 120 },
        battery = battery ?? new { powerKw = 50, energyKwh = 150, roundTripEfficiency = 0.9, depthOfDischarge = 1, stateOfHealth = 1, costNtd = 1_500_000 },
        strategy = strategy ?? new { type = "peak-shaving", targetKw = 100 },
        gridFactorYear,
    };

    [Fact]
    public async Task PeakShaving_OnAHandComputedDay_GivesTheBillsTheSavingsAndTheCarbonOfOneDispatch()
    {
        var result = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/storage", Body()));

        Assert.Equal(120m, result.GetProperty("peakBeforeKw").GetDecimal());
        Assert.Equal(100m, result.GetProperty("peakAfterKw").GetDecimal());
        Assert.True(result.GetProperty("peakShaving").GetProperty("targetMet").GetBoolean());

        // Energy: 離峰 540 kWh × 2.53 + 半尖峰 420 × 5.85 + 尖峰 540 × 9.39 + 半尖峰 120 × 5.85; basic 120 kW × 223.60 for 1 of July's 31 days.
        var energy = (540m * 2.53m) + (420m * 5.85m) + (540m * 9.39m) + (120m * 5.85m);
        var before = result.GetProperty("billBefore");
        Assert.Equal(energy, before.GetProperty("energyChargeNtd").GetDecimal(), 10);
        Assert.Equal(120m * 223.60m / 31m, before.GetProperty("basicChargeNtd").GetDecimal(), 10);
        Assert.Equal(result.GetProperty("billBeforeNtd").GetDecimal(), before.GetProperty("totalNtd").GetDecimal());

        // The battery covers 3 h × 20 kW at the grid; the same kWh price the carbon with the 2024 grid factor (0.474).
        var discharged = result.GetProperty("dischargedKwh").GetDecimal();
        Assert.Equal(60m, discharged, 10);
        Assert.Equal(discharged * 0.474m, result.GetProperty("kgCo2eAvoided").GetDecimal(), 10);
        Assert.Equal(result.GetProperty("chargedKwh").GetDecimal() * 0.474m, result.GetProperty("kgCo2eAdded").GetDecimal(), 10);
        Assert.Equal(2024, result.GetProperty("gridFactor").GetProperty("year").GetInt32());

        // A smaller contract is the point: it is recommended at or under the shaved peak, and the savings are annualised.
        Assert.True(result.GetProperty("contractCapacityKw").GetDecimal() <= 100m);
        Assert.Equal(365m, result.GetProperty("annualisationFactor").GetDecimal());
        // Energy saved that day, × 365: the battery moved 60 kWh out of 尖峰 and bought 66.67 kWh back at 半尖峰.
        Assert.Equal((energy - result.GetProperty("billAfter").GetProperty("energyChargeNtd").GetDecimal()) * 365m, result.GetProperty("savingsNtdPerYear").GetProperty("energyCharge").GetDecimal(), 8);
        var savings = result.GetProperty("savingsNtdPerYear");
        Assert.Equal(
            savings.GetProperty("basicCharge").GetDecimal() + savings.GetProperty("energyCharge").GetDecimal() + savings.GetProperty("overContractPenalty").GetDecimal() + savings.GetProperty("demandResponseCredit").GetDecimal(),
            savings.GetProperty("total").GetDecimal());
        Assert.Equal(24, result.GetProperty("dispatch").GetArrayLength());
        Assert.Equal("peak", result.GetProperty("dispatch")[17].GetProperty("period").GetString());
        Assert.Equal("2025-07-15T17:00:00+08:00", result.GetProperty("dispatch")[17].GetProperty("t").GetString());
    }

    [Fact]
    public async Task DemandResponse_DischargesInTheWeekdayWindow_AndEarnsACredit()
    {
        var result = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/storage", Body(strategy: new { type = "demand-response" })));
        var dispatch = result.GetProperty("dispatch");
        Assert.True(dispatch[18].GetProperty("dischargeKw").GetDecimal() > 0);
        Assert.True(dispatch[19].GetProperty("dischargeKw").GetDecimal() > 0);
        Assert.Equal(0m, dispatch[18].GetProperty("chargeKw").GetDecimal());
        Assert.True(result.GetProperty("savingsNtdPerYear").GetProperty("demandResponseCredit").GetDecimal() >= 0);
    }

    [Fact]
    public async Task BadInput_NamesEachField_AndNeverAnswers5xx()
    {
        var client = app.CreateClient();
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(interval: 30)), "interval");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(tariff: new { id = "taipower-nope", contractCapacityKw = 120 })), "tariff.id");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(tariff: new { id = "taipower-hv-3tou" })), "tariff.contractCapacityKw");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(load: new object?[] { 10, -1, null })), "loadKw[1]");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(load: Array.Empty<decimal>())), "loadKw");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(battery: new { powerKw = 50, energyKwh = 150, roundTripEfficiency = 1.5, depthOfDischarge = 1, stateOfHealth = 1, costNtd = 1 })), "battery.roundTripEfficiency");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(battery: new { powerKw = 50 })), "battery.energyKwh");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(strategy: new { type = "peak-shaving" })), "strategy.targetKw");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(strategy: new { type = "magic" })), "strategy.type");
        await Problem.AssertFieldAsync(await client.PostAsJsonAsync("/api/v1/calculations/storage", Body(gridFactorYear: 1990)), "gridFactorYear");
        foreach (var raw in new[] { "", "[]", "{\"loadKw\": \"x\"}", "{\"interval\": 1e400}", "null" })
        {
            var response = await client.PostAsync("/api/v1/calculations/storage", new StringContent(raw, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
