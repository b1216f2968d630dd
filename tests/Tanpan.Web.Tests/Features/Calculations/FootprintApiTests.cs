using System.Net;
using System.Text;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>POST /api/v1/calculations/footprint with DESIGN §5's example, by hand from the shipped factors; the
/// field paths of bad systems; the PCR check and Monte Carlo through the contract.</summary>
// Stateless routes: run once, on the default provider.
public sealed class FootprintApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Example = """
        { "gwpSet": "AR5", "year": 2024, "boundary": "cradle-to-gate",
          "functionalUnit": { "node": "lathe", "quantity": 1 },
          "nodes": [
            { "id": "lathe", "name": "NP20 車床", "stage": "manufacturing", "output": { "quantity": 1, "unit": "piece" },
              "inputs": [
                { "id": "bed",   "node": "casting", "quantity": 2600, "unit": "kg", "stage": "raw-materials" },
                { "id": "power", "activity": "electricity.grid.tw", "quantity": 1500, "unit": "kWh" },
                { "id": "motor", "activity": "custom", "quantity": 2, "unit": "piece", "stage": "raw-materials", "primary": true,
                  "factor": { "value": 695, "unit": "kgCO2e/piece", "source": "supplier EPD 2024" },
                  "uncertainty": { "distribution": "lognormal", "gsd": 1.2 } },
                { "id": "oil",   "activity": "material.lubricating_oil_tw", "quantity": 40, "unit": "kg", "omitted": true } ] },
            { "id": "casting", "stage": "raw-materials", "output": { "quantity": 1000, "unit": "kg" },
              "inputs": [ { "id": "iron", "activity": "material.pig_iron_tw", "quantity": 1050, "unit": "kg" },
                          { "id": "melt", "activity": "electricity.grid.tw", "quantity": 600, "unit": "kWh" } ] } ],
          "pcr": "tmba-cnc-lathe-2024",
          "dataPeriod": { "from": "2024-01-01", "to": "2024-12-31" },
          "monteCarlo": { "iterations": 1000, "seed": 42 } }
        """;

    private Task<HttpResponseMessage> PostAsync(string body) =>
        app.CreateClient().PostAsync("/api/v1/calculations/footprint", new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task DesignExample_GivesTheFootprintByStageNodeAndInput_WithThePcrCheck()
    {
        var json = await Problem.ReadJsonAsync(await PostAsync(Example));

        var casting = 2.6m * ((1050m * 1.813m) + (600m * 0.474m));
        var total = casting + (1500m * 0.474m) + (2m * 695m);
        Assert.Equal(total, json.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(total, json.GetProperty("perUnit").GetProperty("kgCo2e").GetDecimal());
        Assert.Equal("piece", json.GetProperty("perUnit").GetProperty("unit").GetString());
        Assert.Equal(casting + 1390m, json.GetProperty("byStage").GetProperty("raw-materials").GetDecimal());
        Assert.Equal(711m, json.GetProperty("byStage").GetProperty("manufacturing").GetDecimal());
        Assert.Equal(2.6m, json.GetProperty("byNode").EnumerateArray().Single(n => n.GetProperty("node").GetString() == "casting").GetProperty("scaling").GetDecimal());
        Assert.Equal(1390m / total, json.GetProperty("primaryDataShare").GetDecimal());
        var iron = json.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "iron");
        Assert.Equal("raw-materials", iron.GetProperty("stage").GetString());
        Assert.Equal("materials:pig_iron_tw", iron.GetProperty("factor").GetProperty("id").GetString());
        var oil = json.GetProperty("omitted")[0];
        Assert.Equal(43.6m, oil.GetProperty("kgCo2e").GetDecimal());
        Assert.Equal(43.6m / (total + 43.6m), oil.GetProperty("share").GetDecimal());

        var rules = json.GetProperty("pcrCheck").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("tmba-cnc-lathe-2024", json.GetProperty("pcrCheck").GetProperty("pcr").GetString());
        Assert.Equal(["boundary", "cutoff.single", "cutoff.total", "cutoff.coverage", "primary-data", "data-period"], rules.Keys);
        Assert.Equal("pass", rules["cutoff.single"]);
        Assert.Equal("pass", rules["primary-data"]);
        Assert.Equal("pass", rules["data-period"]);

        var mc = json.GetProperty("monteCarlo");
        Assert.Equal(1000, mc.GetProperty("iterations").GetInt32());
        Assert.True(mc.GetProperty("p2_5").GetDecimal() < total && total < mc.GetProperty("p97_5").GetDecimal());
        var again = await Problem.ReadJsonAsync(await PostAsync(Example));
        Assert.Equal(mc.GetProperty("mean").GetDecimal(), again.GetProperty("monteCarlo").GetProperty("mean").GetDecimal());
    }

    [Theory]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-moon","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[]}]}""", "boundary")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"b","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[]}]}""", "functionalUnit.node")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[]},{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[]}]}""", "nodes[1].id")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"x","node":"nope","quantity":1,"unit":"kg"}]}]}""", "nodes[0].inputs[0].node")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"x","node":"b","quantity":1,"unit":"kWh"}]},{"id":"b","output":{"quantity":1,"unit":"kg"},"inputs":[]}]}""", "nodes[0].inputs[0].unit")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"x","node":"b","quantity":1,"unit":"kg"}]},{"id":"b","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"y","node":"a","quantity":1,"unit":"kg"}]}]}""", "nodes")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"x","activity":"custom","quantity":1,"unit":"kg"}]}]}""", "nodes[0].inputs[0].factor")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"x","activity":"electricity.grid.tw","quantity":1,"unit":"kWh","stage":"shipping"}]}]}""", "nodes[0].inputs[0].stage")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[{"id":"x","activity":"electricity.grid.tw","quantity":1,"unit":"kWh","uncertainty":{"distribution":"cauchy"}}]}]}""", "nodes[0].inputs[0].uncertainty.distribution")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"pcr":"no-such-pcr","nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[]}]}""", "pcr")]
    [InlineData("""{"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"a","quantity":1},"monteCarlo":{"iterations":1000},"nodes":[{"id":"a","output":{"quantity":1,"unit":"kg"},"inputs":[]}]}""", "monteCarlo.seed")]
    public async Task BadSystems_Answer400_NamingTheField(string body, string field)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Problem.ReadJsonAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }
}
