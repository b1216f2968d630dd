using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Reduction;

public sealed class ReductionApiTests_Sqlite(SqliteApp app) : ReductionApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReductionApiTests_Postgres(PostgresApp app) : ReductionApiTests(app), IClassFixture<PostgresApp>;

/// <summary>The reduction plan through /api/v1/reduction: a register of three measures whose cost curve and pathway
/// are worked out by hand here, bad input per field, and one company never reaching another's plan.</summary>
public abstract class ReductionApiTests(TanpanApp app)
{
    private static object Measure(string name, string kind, decimal capex, decimal savings, decimal tonnes, int start, int lifetime, decimal opex = 0, int ramp = 0) =>
        new { name, kind, capexNtd = capex, annualOpexChangeNtd = opex, annualSavingsNtd = savings, annualAbatementTonnes = tonnes, startYear = start, lifetimeYears = lifetime, rampYears = ramp, basis = "test quote" };

    private static async Task<Guid> AddAsync(HttpClient client, object measure)
    {
        var created = await client.PostAsJsonAsync("/api/v1/reduction/measures", measure);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await Problem.ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task ThreeMeasures_GiveTheHandComputedCostCurve_AndPathway()
    {
        var (_, client) = await app.CreateCompanyAsync("減碳計畫公司");
        var plan = await client.PutAsJsonAsync("/api/v1/reduction/plan", new { baseYear = 2024, baseYearTonnes = 1000, rate = "iso50001-2.5", targetYears = new[] { 2050, 2030 }, discountRate = 0 });
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);

        // At a 0 % discount rate the capital recovery factor is 1/lifetime.
        // LED: (100,000 / 10 − 50,000) / 20 = −2,000 NT$/t. Heat pump: (1,000,000 / 10 + 10,000 − 60,000) / 50 = 1,000.
        // T-RECs: (0 + 200,000 − 0) / 100 = 2,000.
        var led = await AddAsync(client, Measure("LED 照明汰換", "equipment-efficiency", 100_000, 50_000, 20, 2025, 10));
        var heat = await AddAsync(client, Measure("熱泵取代鍋爐", "fuel-switch", 1_000_000, 60_000, 50, 2025, 10, opex: 10_000, ramp: 2));
        var trec = await AddAsync(client, Measure("購買再生能源憑證", "green-power", 0, 0, 100, 2026, 5, opex: 200_000));

        var view = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction"));
        var entries = view.GetProperty("mac").GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([led, heat, trec], entries.Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal([-2000m, 1000m, 2000m], entries.Select(e => e.GetProperty("costPerTonneNtd").GetDecimal()));
        Assert.Equal([0m, 20m, 70m], entries.Select(e => e.GetProperty("fromTonnes").GetDecimal()));
        Assert.Equal([20m, 70m, 170m], entries.Select(e => e.GetProperty("toTonnes").GetDecimal()));
        Assert.Equal(170m, view.GetProperty("mac").GetProperty("totalTonnes").GetDecimal());
        Assert.Equal(20m, view.GetProperty("mac").GetProperty("negativeCostTonnes").GetDecimal());

        Assert.Equal("entered", view.GetProperty("baseYear").GetProperty("source").GetString());
        Assert.Equal(1000m, view.GetProperty("baseYear").GetProperty("tonnes").GetDecimal());
        var pathway = view.GetProperty("pathway");
        Assert.Equal(0.025m, pathway.GetProperty("annualRate").GetDecimal());
        var years = pathway.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(2050 - 2024 + 1, years.Count);
        // 2025: the heat pump ramps over 2 years (half in its first), the LED is full, the certificates not yet bought.
        Assert.Equal(20m + 25m, years[1].GetProperty("abatementTonnes").GetDecimal());
        var targets = pathway.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal([2030, 2050], targets.Select(t => t.GetProperty("year").GetInt32()));
        Assert.Equal(Compound(1000m, 0.975m, 6), targets[0].GetProperty("targetTonnes").GetDecimal(), 12);
        Assert.Equal(1000m - 170m, targets[0].GetProperty("projectedTonnes").GetDecimal());
        Assert.True(targets[0].GetProperty("measuresReachTarget").GetBoolean(), "830 t is under the 2030 target of 859 t");
        // 2050: every measure has ended (LED and heat pump in 2034, certificates in 2030), so nothing is abated.
        Assert.Equal(1000m, targets[1].GetProperty("projectedTonnes").GetDecimal());
        Assert.Equal(1000m - Compound(1000m, 0.975m, 26), targets[1].GetProperty("gapTonnes").GetDecimal(), 12);
        Assert.False(targets[1].GetProperty("measuresReachTarget").GetBoolean());
        // Each of the seed's rates as a scenario, and no inventory yet.
        Assert.Equal(["efficiency-1.5", "iso50001-2.5", "smart-3.5"], view.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("rate").GetString()));
        Assert.Equal(Compound(1000m, 0.965m, 6), view.GetProperty("scenarios")[2].GetProperty("targets")[0].GetProperty("targetTonnes").GetDecimal(), 12);
        Assert.Equal("no-data", view.GetProperty("progress").GetProperty("verdict").GetString());
        Assert.Equal(0, view.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task AMeasure_IsUpdatedAndDeleted_AndTheCurveFollows()
    {
        var (_, client) = await app.CreateCompanyAsync("措施維護公司");
        var id = await AddAsync(client, Measure("空壓機變頻", "equipment-efficiency", 300_000, 120_000, 40, 2026, 10));
        var updated = await client.PutAsJsonAsync($"/api/v1/reduction/measures/{id}", Measure("空壓機變頻（修正）", "equipment-efficiency", 300_000, 90_000, 30, 2026, 12));
        var body = await Problem.ReadJsonAsync(updated);
        Assert.Equal("空壓機變頻（修正）", body.GetProperty("name").GetString());
        Assert.Equal(2037, body.GetProperty("endYear").GetInt32());
        var view = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction"));
        Assert.Equal(30m, view.GetProperty("mac").GetProperty("totalTonnes").GetDecimal());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/reduction/measures/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/reduction/measures/{id}")).StatusCode);
        Assert.Equal(0, (await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction/measures"))).GetArrayLength());
    }

    [Fact]
    public async Task BadInput_NamesEveryFieldAndWhatIsAllowed()
    {
        var (_, client) = await app.CreateCompanyAsync("減碳錯誤公司");
        var empty = await Problem.ReadErrorsAsync(await client.PostAsJsonAsync("/api/v1/reduction/measures", new { }));
        foreach (var field in new[] { "name", "kind", "capexNtd", "annualSavingsNtd", "annualAbatementTonnes", "startYear", "lifetimeYears" })
        {
            Assert.True(empty.ContainsKey(field), field + " missing from " + string.Join(", ", empty.Keys));
        }

        var zero = await Problem.ReadErrorsAsync(await client.PostAsJsonAsync("/api/v1/reduction/measures", Measure("x", "teleport", -1, 0, 0, 1800, 99, ramp: 100)));
        Assert.Contains("equipment-efficiency", zero["kind"][0], StringComparison.Ordinal);
        foreach (var field in new[] { "capexNtd", "annualAbatementTonnes", "startYear", "lifetimeYears", "rampYears" })
        {
            Assert.True(zero.ContainsKey(field), field + " missing from " + string.Join(", ", zero.Keys));
        }

        var text = await client.PostAsync("/api/v1/reduction/measures", new StringContent("{\"capexNtd\": \"lots\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("capexNtd", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var plan = await Problem.ReadErrorsAsync(await client.PutAsJsonAsync("/api/v1/reduction/plan", new { baseYear = 2024, rate = "fast", boundary = "galaxy", targetYears = new[] { 2020, 2030 }, discountRate = 2 }));
        Assert.Equal(["boundary", "discountRate", "rate", "targetYears[0]"], plan.Keys.Order(StringComparer.Ordinal));
        var custom = await Problem.ReadErrorsAsync(await client.PutAsJsonAsync("/api/v1/reduction/plan", new { rate = "custom", customRate = 1.5 }));
        Assert.True(custom.ContainsKey("customRate"));
    }

    [Fact]
    public async Task AnotherCompany_NeverReachesThePlanOrItsMeasures()
    {
        var (_, owner) = await app.CreateCompanyAsync("計畫擁有公司");
        var (_, other) = await app.CreateCompanyAsync("其他公司");
        await owner.PutAsJsonAsync("/api/v1/reduction/plan", new { baseYear = 2023, baseYearTonnes = 5000, rate = "smart-3.5" });
        var id = await AddAsync(owner, Measure("太陽能", "green-power", 5_000_000, 600_000, 300, 2026, 20));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/reduction/measures/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/reduction/measures/{id}", Measure("x", "other", 1, 1, 1, 2026, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/reduction/measures/{id}")).StatusCode);
        var theirs = await Problem.ReadJsonAsync(await other.GetAsync("/api/v1/reduction"));
        Assert.Equal(0, theirs.GetProperty("measures").GetArrayLength());
        Assert.False(theirs.GetProperty("plan").GetProperty("saved").GetBoolean());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("baseYear").GetProperty("tonnes").ValueKind);

        var mine = await Problem.ReadJsonAsync(await owner.GetAsync("/api/v1/reduction"));
        Assert.Equal("太陽能", mine.GetProperty("measures")[0].GetProperty("name").GetString());
        Assert.Equal(0.035m, mine.GetProperty("annualRate").GetDecimal());
    }

    private static decimal Compound(decimal start, decimal factor, int years)
    {
        var f = 1m;
        for (var i = 0; i < years; i++)
        {
            f *= factor;
        }

        return start * f;
    }
}
