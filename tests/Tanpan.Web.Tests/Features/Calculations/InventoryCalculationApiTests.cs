using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>POST /api/v1/calculations/inventory through the real pipeline. Expected values are computed here
/// from published per-unit factors, not by calling the engine.</summary>
// Stateless routes: run once, on the default provider; storage is what the provider tests are for.
public sealed class InventoryCalculationApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly object ContractExample = new
    {
        reportingYear = 2024,
        gwpSet = "AR5",
        lines = new object[]
        {
            new { id = "e1", category = "2.1", activity = "electricity.grid.tw", quantity = 8640, unit = "kWh", period = new { from = "2023-12-15", to = "2024-02-14" } },
            new { id = "car", category = "1.2", activity = "fuel.gasoline", use = "mobile", technology = "oxidation-catalyst", quantity = 45.2m, unit = "L" },
            new { id = "ng", category = "1.1", activity = "fuel.natural-gas", quantity = 310, unit = "m3" },
            new { id = "ac", category = "1.4", activity = "refrigerant.R-410A", quantity = 2.5m, unit = "kg" },
        },
    };

    [Fact]
    public async Task ContractExample_ReturnsTotalsByScopeCategoryAndGas_WithTraces()
    {
        var json = await Problem.ReadJsonAsync(await app.PostInventoryAsync(ContractExample));

        var electricity = 8640m * 45m / 62m * 0.474m;
        var car = 45.2m * 2.27067916032m;
        var gas = 310m * 1.9060178044842m;
        var ac = 2.5m * 1924m;
        Assert.Equal(electricity + car + gas + ac, json.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(electricity, json.GetProperty("byScope").GetProperty("2").GetDecimal());
        Assert.Equal(car + gas + ac, json.GetProperty("byScope").GetProperty("1").GetDecimal());
        Assert.Equal(0m, json.GetProperty("byScope").GetProperty("3").GetDecimal());
        Assert.Equal(ac, json.GetProperty("byGas").GetProperty("R-410A").GetDecimal());
        Assert.Equal(car, json.GetProperty("byCategory").GetProperty("1.2").GetDecimal());
        Assert.Equal(electricity / (electricity + car + gas + ac), json.GetProperty("estimatedShare").GetDecimal());

        var e1 = json.GetProperty("lines")[0];
        Assert.Equal("e1", e1.GetProperty("id").GetString());
        Assert.True(e1.GetProperty("estimated").GetBoolean());
        Assert.Equal(8640m * 45m / 62m, e1.GetProperty("includedQuantity").GetDecimal());
        Assert.Equal("tw-grid:2024", e1.GetProperty("factor").GetProperty("id").GetString());
        Assert.Equal(0.474m, e1.GetProperty("factor").GetProperty("value").GetDecimal());
        Assert.False(Trace(json, e1).GetProperty("gwpApplied").GetBoolean());

        var carLine = json.GetProperty("lines")[1];
        Assert.Equal(28m, carLine.GetProperty("gases").GetProperty("CH4").GetProperty("gwp").GetDecimal());
        Assert.Equal("moenv-2024", carLine.GetProperty("factor").GetProperty("factorSet").GetString());
        Assert.Equal("AR5", carLine.GetProperty("factor").GetProperty("gwpSet").GetString());
        Assert.Contains("1139101231", carLine.GetProperty("factor").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(7520m, Trace(json, carLine).GetProperty("heatValue").GetProperty("value").GetDecimal());
        Assert.Equal(25m, Trace(json, carLine).GetProperty("gases")[1].GetProperty("kgPerTj").GetDecimal());
        Assert.Equal(4, json.GetProperty("factors").EnumerateObject().Count());
    }

    [Fact]
    public async Task WorkedInventory_WithLegacySetOwnHeatValueAndAr4_UsesEachRule()
    {
        var body = new
        {
            reportingYear = 2023,
            gwpSet = "AR4",
            lines = new object[]
            {
                new { id = "boiler", category = "1.1", activity = "fuel.diesel", quantity = 2, unit = "公秉", factorSet = "moenv-6.0.4" },
                new { id = "gas", category = "1.1", activity = "fuel.natural-gas", quantity = 1.2m, unit = "千立方公尺", heatValue = new { value = 8755, unit = "kcal/m3" } },
                new { id = "power", category = "2.1", activity = "electricity.grid.tw", quantity = 10000, unit = "度" },
                new { id = "leak", category = "1.4", activity = "gas.HFC-134a", quantity = 0.5m, unit = "公噸" },
            },
        };

        var json = await Problem.ReadJsonAsync(await app.PostInventoryAsync(body));

        var tjPerLitreDiesel = 8400m * 4.1868e-9m;
        var diesel = 2000m * tjPerLitreDiesel * (74100m + 3m * 25m + 0.6m * 298m);
        var tjPerM3 = 8755m * 4.1868e-9m;
        var gas = 1200m * tjPerM3 * (56100m + 1m * 25m + 0.1m * 298m);
        var power = 10000m * 0.494m;
        var leak = 500m * 1430m;
        var lines = json.GetProperty("lines");
        Assert.Equal(diesel, lines[0].GetProperty("kgCo2e").GetDecimal());
        Assert.Equal(Math.Round(2.60603179m * 2000m, 4), Math.Round(lines[0].GetProperty("gases").GetProperty("CO2").GetProperty("kg").GetDecimal(), 4));
        Assert.Equal(gas, lines[1].GetProperty("kgCo2e").GetDecimal());
        Assert.True(Trace(json, lines[1]).GetProperty("heatValue").GetProperty("overridden").GetBoolean());
        Assert.Equal(power, lines[2].GetProperty("kgCo2e").GetDecimal());
        Assert.Equal(leak, lines[3].GetProperty("kgCo2e").GetDecimal());
        Assert.Equal(diesel + gas + power + leak, json.GetProperty("totalKgCo2e").GetDecimal());
    }

    [Fact]
    public async Task MissingGwpSet_DefaultsToAr5()
    {
        var json = await Problem.ReadJsonAsync(await app.PostInventoryAsync(new { reportingYear = 2024, lines = new[] { new { category = "1.4", activity = "refrigerant.R-404A", quantity = 1, unit = "kg" } } }));

        Assert.Equal("AR5", json.GetProperty("gwpSet").GetString());
        Assert.Equal(3943m, json.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("line-1", json.GetProperty("lines")[0].GetProperty("id").GetString());
    }

    public static TheoryData<string, string, string> BadLines => new()
    {
        { """{"category":"1.1","activity":"fuel.moonshine","quantity":1,"unit":"L"}""", "lines[0].activity", "fuel.diesel" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"kWh"}""", "lines[0].unit", "公秉" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"furlong"}""", "lines[0].unit", "kWh" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":-5,"unit":"L"}""", "lines[0].quantity", "zero or greater" },
        { """{"category":"2.1","activity":"electricity.grid.tw","quantity":1,"unit":"kWh","period":{"from":"2024-03-01","to":"2024-02-01"}}""", "lines[0].period.to", "on or after" },
        { """{"category":"2.1","activity":"electricity.grid.tw","quantity":1,"unit":"kWh","period":{"from":"2024-03-01"}}""", "lines[0].period.to", "required" },
        { """{"category":"7.7","activity":"fuel.diesel","quantity":1,"unit":"L"}""", "lines[0].category", "2.1" },
        { """{"activity":"fuel.diesel","quantity":1,"unit":"L"}""", "lines[0].category", "required" },
        { """{"category":"1.1","quantity":1,"unit":"L"}""", "lines[0].activity", "required" },
        { """{"category":"1.1","activity":"fuel.diesel","unit":"L"}""", "lines[0].quantity", "required" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"L","use":"flying"}""", "lines[0].use", "stationary, mobile" },
        { """{"category":"1.2","activity":"fuel.gasoline","use":"mobile","technology":"warp","quantity":1,"unit":"L"}""", "lines[0].technology", "uncontrolled" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"L","heatValue":{"value":8600,"unit":"kcal/kg"}}""", "lines[0].heatValue.unit", "kcal/L" },
        { """{"category":"1.1","activity":"custom","quantity":1,"unit":"kWh"}""", "lines[0].factor", "required" },
        { """{"category":"1.1","activity":"custom","quantity":1,"unit":"kWh","factor":{"value":1,"unit":"kg/kWh","source":"x"}}""", "lines[0].factor.unit", "kgCO2e/" },
        { """{"category":"1.4","activity":"refrigerant.R-1234yf","quantity":1,"unit":"kg"}""", "lines[0].gwpSet", "AR5" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"L","factorSet":"moenv-1999"}""", "lines[0].factorSet", "moenv-2024" },
        { """{"category":"2.1","activity":"electricity.grid.tw","quantity":1,"unit":"kWh","factorYear":2001}""", "lines[0].factorYear", "2005" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":"ten","unit":"L"}""", "lines[0].quantity", "number" },
        { """{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"L","quantiy":2}""", "lines[0].quantiy", "quantiy" },
        { """{"category":"2.1","activity":"electricity.grid.tw","quantity":1,"unit":"kWh","period":{"from":"2024-02-30","to":"2024-03-01"}}""", "lines[0].period.from", "date" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task BadLine_Returns400NamingTheField_AndWhatIsAllowed(string line, string path, string allowedHint)
    {
        var gwp = line.Contains("R-1234yf", StringComparison.Ordinal) ? "AR4" : "AR5";
        var body = $$"""{"reportingYear":2024,"gwpSet":"{{gwp}}","lines":[{{line}}]}""";

        var errors = await Problem.ReadErrorsAsync(await PostRawAsync(body));

        Assert.True(errors.ContainsKey(path), $"expected an error at {path}, got: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"))}");
        Assert.Contains(errors[path], m => m.Contains(allowedHint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeveralBadLines_AreAllReported_AndNothingIsComputed()
    {
        var body = """{"reportingYear":2024,"lines":[{"category":"1.1","activity":"fuel.diesel","quantity":1,"unit":"L"},{"category":"1.1","activity":"fuel.diesel","quantity":-1,"unit":"L"},{"category":"9","activity":"fuel.diesel","quantity":1,"unit":"L"}]}""";

        var errors = await Problem.ReadErrorsAsync(await PostRawAsync(body));

        Assert.Equal(["lines[1].quantity", "lines[2].category"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"reportingYear":2024,"gwpSet":"AR9","lines":[]}""", "gwpSet")]
    [InlineData("""{"gwpSet":"AR5","lines":[]}""", "reportingYear")]
    [InlineData("""{"reportingYear":1200,"lines":[]}""", "reportingYear")]
    [InlineData("""{"reportingYear":2024}""", "lines")]
    [InlineData("""{"reportingYear":2024,"lines":[null]}""", "lines[0]")]
    [InlineData("""{"reportingYear":2024,"lines":[{"id":"a","category":"1.4","activity":"gas.CO2","quantity":1,"unit":"kg"},{"id":"a","category":"1.4","activity":"gas.CO2","quantity":1,"unit":"kg"}]}""", "lines[1].id")]
    [InlineData("""{"reportingYear":2024,"lines":[""", "lines")]
    [InlineData("""{"reportingYear":2024,"lines":[{"category":"1.1",}]}""", "lines[0]")]
    [InlineData("""[1,2,3]""", "$")]
    [InlineData("""null""", "$")]
    [InlineData("", "$")]
    public async Task MalformedOrIncompleteRequest_Returns400WithThePath(string body, string pathPrefix)
    {
        var errors = await Problem.ReadErrorsAsync(await PostRawAsync(body));

        Assert.Contains(errors.Keys, k => k.StartsWith(pathPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TooManyLines_Returns400OnLines()
    {
        var lines = string.Join(",", Enumerable.Repeat("""{"category":"1.4","activity":"gas.CO2","quantity":1,"unit":"kg"}""", 10_001));

        var errors = await Problem.ReadErrorsAsync(await PostRawAsync($$"""{"reportingYear":2024,"lines":[{{lines}}]}"""));

        Assert.Contains("at most 10000", errors["lines"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Returns400_NotA500()
    {
        var padding = new string(' ', 5 * 1024 * 1024);

        var errors = await Problem.ReadErrorsAsync(await PostRawAsync("{" + padding + "}"));

        Assert.Contains("bytes", errors["$"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongContentType_Returns415Problem()
    {
        var response = await app.CreateClient().PostAsync("/api/v1/calculations/inventory", new StringContent("reportingYear=2024", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LargeValidInventory_IsCalculated()
    {
        var lines = Enumerable.Range(0, 5_000).Select(i => new { id = $"m{i}", category = "2.1", activity = "electricity.grid.tw", quantity = 100, unit = "kWh" }).ToArray();

        var json = await Problem.ReadJsonAsync(await app.PostInventoryAsync(new { reportingYear = 2024, lines }));

        Assert.Equal(5_000m * 100m * 0.474m, json.GetProperty("totalKgCo2e").GetDecimal());
    }

    [Fact]
    public async Task WithoutInclude_TheResponseIsTheContractWithoutFullTraces()
    {
        var json = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/inventory", ContractExample));

        Assert.False(json.TryGetProperty("factors", out _));
        var factor = json.GetProperty("lines")[1].GetProperty("factor");
        foreach (var field in new[] { "id", "value", "unit", "source", "version", "gwpSet" })
        {
            Assert.True(factor.TryGetProperty(field, out _), $"line factor lacks {field}");
        }
    }

    [Fact]
    public async Task InvalidApiKey_Returns401()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");

        var response = await app.PostInventoryAsync(ContractExample, client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task InlineCustomFactors_WithDifferentValues_KeepTheirOwnTraces()
    {
        var body = new
        {
            reportingYear = 2024,
            lines = new object[]
            {
                new { id = "a", category = "2.2", activity = "custom", quantity = 10, unit = "t", factor = new { value = 0.2m, unit = "tCO2e/t", source = "steam supplier A" } },
                new { id = "b", category = "2.2", activity = "custom", quantity = 10, unit = "t", factor = new { value = 0.3m, unit = "tCO2e/t", source = "steam supplier B" } },
            },
        };

        var json = await Problem.ReadJsonAsync(await app.PostInventoryAsync(body));

        Assert.Equal(5000m, json.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("steam supplier B", Trace(json, json.GetProperty("lines")[1]).GetProperty("source").GetString());
        Assert.Equal(2, json.GetProperty("factors").EnumerateObject().Count());
    }

    /// <summary>The full trace of a line's factor, from the response's <c>factors</c> map.</summary>
    private static System.Text.Json.JsonElement Trace(System.Text.Json.JsonElement response, System.Text.Json.JsonElement line) =>
        response.GetProperty("factors").GetProperty(line.GetProperty("factor").GetProperty("id").GetString()!);

    private Task<HttpResponseMessage> PostRawAsync(string body) =>
        app.CreateClient().PostAsync("/api/v1/calculations/inventory", new StringContent(body, Encoding.UTF8, "application/json"));
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task CalculationsBeyondTheLimit_Get429WithRetryAfter()
    {
        var client = app.CreateClient();
        var body = new { reportingYear = 2024, lines = new[] { new { category = "1.4", activity = "gas.CO2", quantity = 1, unit = "kg" } } };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/calculations/inventory", body)).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/calculations/inventory", body);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }
}
