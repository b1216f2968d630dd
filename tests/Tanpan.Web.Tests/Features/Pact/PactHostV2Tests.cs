using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tanpan.Web.Features.Pact;

namespace Tanpan.Web.Tests.Features.Pact;

/// <summary>The conformance checker's v2.3 cases that differ from v3 (field names, <c>NoSuchFootprint</c>, events at
/// <c>/2/events</c> with the pathfinder event types, <c>$filter</c>), over HTTPS, validated against the v2.3 schemas.</summary>
public sealed class PactHostV2Tests(PactBench bench) : IClassFixture<PactBench>
{
    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        Assert.Contains("application/json", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task TC03_04_05_GetListAndPagination_InV23Terms()
    {
        using var http = await bench.AuthorizedAsync();
        using var list = await http.GetAsync("/2/footprints");
        var body = await JsonAsync(list);
        PactSchemas.AssertValid("V2.3-listFootprintResponse", body);
        Assert.Equal(2, body["data"]!.AsArray().Count);

        using var get = await http.GetAsync($"/2/footprints/{bench.OldPfId}");
        var one = await JsonAsync(get);
        PactSchemas.AssertValid("V2.3-getFootprintResponse", one);
        var pf = one["data"]!.AsObject();
        PactSchemas.AssertValid("V2.3-productFootprint", pf);
        Assert.Equal("2.3.0", pf["specVersion"]!.GetValue<string>());
        Assert.Equal("Deprecated", pf["status"]!.GetValue<string>());
        Assert.Equal(2, pf["version"]!.GetValue<int>());
        Assert.NotNull(pf["updated"]);
        var pcf = pf["pcf"]!.AsObject();
        // No "piece" in v2: the declared unit is the kilogram, the product its mass in kilograms.
        Assert.Equal("kilogram", pcf["declaredUnit"]!.GetValue<string>());
        Assert.Equal("4000", pcf["unitaryProductAmount"]!.GetValue<string>());
        using var v3 = await http.GetAsync($"/3/footprints/{bench.OldPfId}");
        var perPiece = decimal.Parse((await JsonAsync(v3))["data"]!["pcf"]!["pcfExcludingBiogenicUptake"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var perKg = decimal.Parse(pcf["pCfExcludingBiogenic"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(perPiece, perKg * 4000m, 10);
        Assert.Equal(new[] { "ISO Standard 14067" }, pcf["crossSectoralStandardsUsed"]!.AsArray().Select(s => s!.GetValue<string>()));

        using var page = await http.GetAsync("/2/footprints?limit=1");
        Assert.Single((await JsonAsync(page))["data"]!.AsArray());
        Assert.StartsWith("<" + bench.Address.GetLeftPart(UriPartial.Authority) + "/2/footprints?", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TC08_AnUnknownId_IsNoSuchFootprint()
    {
        using var http = await bench.AuthorizedAsync();
        using var response = await http.GetAsync("/2/footprints/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NoSuchFootprint", (await JsonAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TC12_13_14_RequestsAreAnsweredAtTheRequesters_2_Events()
    {
        using var http = await bench.AuthorizedAsync();
        JsonObject Created(string id, params string[] productIds) => new()
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = bench.Listener.BaseUrl, ["time"] = DateTime.UtcNow.ToString("O"),
            ["type"] = PactEvents.Types.Created2, ["data"] = new JsonObject { ["pf"] = new JsonObject { ["productIds"] = new JsonArray(productIds.Select(p => (JsonNode)p).ToArray()) }, ["comment"] = "v2" },
        };
        var fulfil = $"v2-{Guid.NewGuid():N}/12";
        var reject = $"v2-{Guid.NewGuid():N}/14";
        foreach (var body in new[] { Created(fulfil, $"urn:uuid:{bench.ProductId}"), Created(reject, "urn:pact:null") })
        {
            using var response = await http.PostAsync("/2/events", new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "UTF-8" }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var fulfilled = await bench.Listener.AnswerToAsync(fulfil);
        Assert.Equal("/2/events", fulfilled.Path);
        PactSchemas.AssertValid("V2.3-event-fulfilled", fulfilled.Body);
        Assert.Equal(PactEvents.Types.Fulfilled2, fulfilled.Body["type"]!.GetValue<string>());
        var rejected = await bench.Listener.AnswerToAsync(reject);
        PactSchemas.AssertValid("V2.3-event-rejected", rejected.Body);
        Assert.Equal(PactEvents.Types.Rejected2, rejected.Body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TC16_21_EventsWithABadToken_OrNonUuidPfIds_AreRefused()
    {
        var published = new JsonObject
        {
            ["type"] = PactEvents.Types.Published2, ["specversion"] = "1.0", ["id"] = Guid.NewGuid().ToString(), ["source"] = "https://example.com",
            ["time"] = DateTime.UtcNow.ToString("O"), ["data"] = new JsonObject { ["pfIds"] = new JsonArray("not-a-uuid") },
        };
        using var http = await bench.AuthorizedAsync();
        using var bad = await http.PostAsync("/2/events", new StringContent(published.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var stranger = bench.Https();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "very-invalid");
        using var refused = await stranger.PostAsync("/2/events", new StringContent(published.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("BadRequest", (await JsonAsync(refused))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TC18_19_20_ODataFilters_AndNotImplementedForTheRest()
    {
        using var http = await bench.AuthorizedAsync();
        async Task<int> CountAsync(string filter)
        {
            using var response = await http.GetAsync("/2/footprints?$filter=" + Uri.EscapeDataString(filter));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await JsonAsync(response))["data"]!.AsArray().Count;
        }

        Assert.Equal(2, await CountAsync($"productIds/any(productId:(productId eq 'urn:uuid:{bench.ProductId}'))"));
        Assert.Equal(0, await CountAsync("productIds/any(productId:(productId eq 'urn:bogus:x'))"));
        Assert.Equal(2, await CountAsync("pcf/geographyCountry eq 'TW'"));
        Assert.Equal(2, await CountAsync("created ge '2000-01-01T00:00:00Z' and pcf/geographyCountry eq 'TW'"));
        Assert.Equal(0, await CountAsync("created lt '2000-01-01T00:00:00Z'"));
        Assert.Equal(1, await CountAsync("updated ge '2000-01-01T00:00:00Z'"));

        using var unsupported = await http.GetAsync("/2/footprints?$filter=" + Uri.EscapeDataString("pcf/pCfExcludingBiogenic gt 1 or 1 eq 1"));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Equal("NotImplemented", (await JsonAsync(unsupported))["code"]!.GetValue<string>());
    }
}
