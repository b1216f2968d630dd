using System.Net.Http.Json;
using System.Text;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>POST /api/v1/calculations/job with DESIGN §5's example; expected values by hand from published factors.</summary>
// Stateless routes: run once, on the default provider; storage is what the provider tests are for.
public sealed class JobCalculationApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly object Example = new
    {
        date = "2024-06-05",
        gwpSet = "AR5",
        output = new { quantity = 1000, unit = "kg" },
        processes = new object[]
        {
            new { name = "前處理", inputs = new object[] { new { activity = "fuel.fuel-oil", quantity = 3000, unit = "L" }, new { activity = "electricity.grid.tw", quantity = 400, unit = "kWh" }, new { activity = "fuel.natural-gas", quantity = 600, unit = "m3" } } },
            new { name = "電鍍", inputs = new object[] { new { activity = "electricity.grid.tw", quantity = 200, unit = "度" } } },
        },
    };

    [Fact]
    public async Task DesignExample_GivesSubtotalsSharesAndIntensity()
    {
        var json = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/job", Example));

        var total = (3000m * 3.029705639568m) + (600m * 0.474m) + (600m * 1.9060178044842m);
        Assert.Equal(total, json.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("前處理", json.GetProperty("byProcess")[0].GetProperty("name").GetString());
        Assert.Equal(200m * 0.474m, json.GetProperty("byProcess")[1].GetProperty("kgCo2e").GetDecimal());
        Assert.Equal(1m, json.GetProperty("byProcess").EnumerateArray().Sum(p => p.GetProperty("share").GetDecimal()));
        Assert.Equal(1m, json.GetProperty("byActivity").EnumerateArray().Sum(p => p.GetProperty("share").GetDecimal()));
        Assert.Equal(total / 1000m, json.GetProperty("intensity").GetProperty("kgCo2ePerUnit").GetDecimal());
        Assert.Equal("kgCO2e/kg", json.GetProperty("intensity").GetProperty("unit").GetString());
        var line = json.GetProperty("lines")[0];
        Assert.Equal("moenv-2024", line.GetProperty("factor").GetProperty("factorSet").GetString());
        Assert.Contains("1139101231", line.GetProperty("factor").GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"gwpSet":"AR5","output":{"quantity":1,"unit":"kg"},"processes":[{"name":"a","inputs":[]}]}""", "date")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":0,"unit":"kg"},"processes":[{"name":"a","inputs":[]}]}""", "output.quantity")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":1,"unit":"bushel"},"processes":[{"name":"a","inputs":[]}]}""", "output.unit")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":1,"unit":"kg"}}""", "processes")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":1,"unit":"kg"},"processes":[{"name":"a","inputs":[{"activity":"fuel.fuel-oil","quantity":-3,"unit":"L"}]}]}""", "processes[0].inputs[0].quantity")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":1,"unit":"kg"},"processes":[{"name":"a","inputs":[{"activity":"fuel.fuel-oil","quantity":3,"unit":"kWh"}]}]}""", "processes[0].inputs[0].unit")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":1,"unit":"kg"},"processes":[{"name":"a","inputs":[{"activity":"fuel.moon","quantity":3,"unit":"L"}]}]}""", "processes[0].inputs[0].activity")]
    [InlineData("""{"date":"2024-01-01","output":{"quantity":1,"unit":"kg"},"processes":[{"name":"","inputs":[]}]}""", "processes[0].name")]
    [InlineData("""{"date":"2024-02-30","output":{"quantity":1,"unit":"kg"},"processes":[]}""", "date")]
    public async Task BadJob_Returns400NamingTheField(string body, string field)
    {
        var errors = await Problem.ReadErrorsAsync(await app.CreateClient().PostAsync("/api/v1/calculations/job", new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.True(errors.ContainsKey(field), $"expected {field}, got {string.Join(", ", errors.Keys)}");
    }
}
