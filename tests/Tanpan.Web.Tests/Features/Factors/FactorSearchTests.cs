using System.Net;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Factors;

public sealed class FactorSearchTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task SearchByActivity_ShowsTheFactorThatWillBeUsed_WithSource()
    {
        var json = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/factors?activity=fuel.diesel&year=2024&gwpSet=AR5"));

        var items = json.GetProperty("items").EnumerateArray().ToArray();
        var stationary = items.Single(i => i.GetProperty("use").GetString() == "stationary");
        Assert.Equal(2.6858562615396m, stationary.GetProperty("factor").GetProperty("value").GetDecimal());
        Assert.Contains("1139101231", stationary.GetProperty("factor").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains(items, i => i.GetProperty("use").GetString() == "mobile");
    }

    [Fact]
    public async Task GridFactor_ForAYear_IsThatYearsValue()
    {
        var json = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/factors?activity=electricity&year=2019"));

        Assert.Equal(0.509m, json.GetProperty("items")[0].GetProperty("factor").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task LegacySet_CanBeBrowsed()
    {
        var json = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/factors?activity=fuel.natural-gas&set=moenv-6.0.4&gwpSet=AR4"));

        var co2 = json.GetProperty("items")[0].GetProperty("factor").GetProperty("gases").EnumerateArray().Single(g => g.GetProperty("gas").GetString() == "CO2");
        Assert.Equal(1.87903584m, co2.GetProperty("kgPerUnit").GetDecimal());
    }

    [Theory]
    [InlineData("/api/v1/factors?gwpSet=AR2", "gwpSet")]
    [InlineData("/api/v1/factors?set=nope", "set")]
    [InlineData("/api/v1/factors?year=3000", "year")]
    public async Task BadQuery_Returns400NamingTheParameter(string url, string field)
    {
        var errors = await Problem.ReadErrorsAsync(await app.CreateClient().GetAsync(url));

        Assert.True(errors.ContainsKey(field));
    }

    [Fact]
    public async Task NonNumericYear_IsA400_NotA500()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/factors?year=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Library_ListsSetsHeatValuesGridYearsAndGwps()
    {
        var json = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/factors/library"));

        Assert.Contains(json.GetProperty("sets").EnumerateArray(), s => s.GetProperty("id").GetString() == "moenv-6.0.4");
        Assert.Equal(20, json.GetProperty("gridFactors").GetArrayLength());
        var r410a = json.GetProperty("gases").EnumerateArray().Single(g => g.GetProperty("gas").GetString() == "R-410A");
        Assert.Equal(1924m, r410a.GetProperty("ar5").GetDecimal());
        Assert.Equal(2087.5m, r410a.GetProperty("ar4").GetDecimal());
    }

    [Fact]
    public async Task OpenApiDocument_AndApiReference_AreServedLocally()
    {
        var client = app.CreateClient();
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        var docs = await client.GetStringAsync("/api-docs/");

        Assert.Contains("/api/v1/calculations/inventory", openApi, StringComparison.Ordinal);
        Assert.Contains("scalar.js", docs, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", docs, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api-docs/scalar.js")).StatusCode);
    }
}
