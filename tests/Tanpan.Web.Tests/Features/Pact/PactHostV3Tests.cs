using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Features.Pact;

namespace Tanpan.Web.Tests.Features.Pact;

/// <summary>The official conformance checker's v3.0 cases (wbcsd/pact-conformance-service), numbered as it numbers
/// them, against the real app over HTTPS on 127.0.0.1, every body validated against the v3.0 schemas.</summary>
public sealed class PactHostV3Tests(PactBench bench) : IClassFixture<PactBench>
{
    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        Assert.Contains("application/json", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<JsonArray> ListAsync(string query)
    {
        using var http = await bench.AuthorizedAsync();
        using var response = await http.GetAsync("/3/footprints" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        PactSchemas.AssertValid("V3.0-listFootprintResponse", body);
        return body["data"]!.AsArray();
    }

    private static IEnumerable<string> Ids(JsonArray data) => data.Select(f => f!["id"]!.GetValue<string>());

    [Fact]
    public async Task TC01_02_Token_WithValidCredentials_AndRefusedWithInvalidOnes()
    {
        using var http = bench.Https();
        using var ok = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        ok.Headers.Authorization = AuthenticationHeaderValue.Parse(PactAuth.BasicHeader(bench.ClientId, PactBench.ClientSecretOfDemo));
        using var granted = await http.SendAsync(ok);
        var token = await JsonAsync(granted);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.Equal(3600, token["expires_in"]!.GetValue<int>());

        foreach (var (id, secret) in new[] { (bench.ClientId, "wrong-secret"), ("tpc_unknown", PactBench.ClientSecretOfDemo) })
        {
            using var bad = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            bad.Headers.Authorization = AuthenticationHeaderValue.Parse(PactAuth.BasicHeader(id, secret));
            using var refused = await http.SendAsync(bad);
            Assert.Contains((int)refused.StatusCode, new[] { 400, 401 });
            Assert.Equal("invalid_client", (await JsonAsync(refused))["error"]!.GetValue<string>());
        }

        using var noGrant = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent([new("grant_type", "password")]) };
        noGrant.Headers.Authorization = AuthenticationHeaderValue.Parse(PactAuth.BasicHeader(bench.ClientId, PactBench.ClientSecretOfDemo));
        using var unsupported = await http.SendAsync(noGrant);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Equal("unsupported_grant_type", (await JsonAsync(unsupported))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TC03_04_GetAndList_AreSchemaValid_AndCarryTheMapping()
    {
        var data = await ListAsync(string.Empty);
        Assert.True(data.Count >= 2);
        using var http = await bench.AuthorizedAsync();
        using var response = await http.GetAsync($"/3/footprints/{bench.NewPfId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        PactSchemas.AssertValid("V3.0-getFootprintResponse", body);
        var pf = body["data"]!.AsObject();
        PactSchemas.AssertValid("V3.0-productFootprint", pf);
        Assert.Equal("Active", pf["status"]!.GetValue<string>());
        Assert.Equal(bench.OldPfId.ToString(), pf["precedingPfIds"]![0]!.GetValue<string>());
        Assert.Contains("urn:pact:product:customcode:vendor-assigned:Vturn-NP20", pf["productIds"]!.AsArray().Select(p => p!.GetValue<string>()));
        var pcf = pf["pcf"]!.AsObject();
        Assert.Equal("piece", pcf["declaredUnitOfMeasurement"]!.GetValue<string>());
        Assert.Equal("4000", pcf["productMassPerDeclaredUnit"]!.GetValue<string>());
        Assert.Equal(new[] { "ISO14067" }, pcf["crossSectoralStandards"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Other", pcf["productOrSectorSpecificRules"]![0]!["operator"]!.GetValue<string>());
        Assert.Matches(@"^[+-]?\d+(\.\d+)?$", pcf["pcfExcludingBiogenicUptake"]!.GetValue<string>());

        // The served number is the locked record's per-unit total, in full precision.
        await bench.InCompanyAsync(bench.CompanyId, async (db, _) =>
        {
            var locked = await db.Set<Tanpan.Web.Features.Products.ProductFootprintVersion>().FirstAsync(v => v.ProductId == bench.ProductId && v.Version == 2);
            var record = Tanpan.Web.Features.Products.ProductFootprints.Read(locked)!;
            Assert.Equal(PactFormat.Number(record.Result.PerUnit.KgCo2e), pcf["pcfExcludingBiogenicUptake"]!.GetValue<string>());
            Assert.Equal(PactFormat.Number(record.Result.PrimaryDataShare * 100), pcf["primaryDataShare"]!.GetValue<string>());
        });

        var old = data.First(f => f!["id"]!.GetValue<string>() == bench.OldPfId.ToString())!;
        Assert.Equal("Deprecated", old["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TC05_Pagination_HonoursLimit_AndLinksTheNextPageOnTheSameOrigin()
    {
        using var http = await bench.AuthorizedAsync();
        var product = Uri.EscapeDataString($"urn:uuid:{bench.ProductId}");
        using var first = await http.GetAsync($"/3/footprints?limit=1&productId={product}");
        var page1 = (await JsonAsync(first))["data"]!.AsArray();
        Assert.Single(page1);
        var link = first.Headers.GetValues("Link").Single();
        var next = PactRemote.NextLink(link)!;
        Assert.StartsWith(bench.Address.GetLeftPart(UriPartial.Authority) + "/3/footprints?", next, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("productId=", next, StringComparison.Ordinal);

        using var second = await http.GetAsync(next);
        var page2 = (await JsonAsync(second))["data"]!.AsArray();
        Assert.Single(page2);
        Assert.NotEqual(Ids(page1).Single(), Ids(page2).Single());
        Assert.False(second.Headers.Contains("Link"));

        using var bad = await http.GetAsync("/3/footprints?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("BadRequest", (await JsonAsync(bad))["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/3/footprints")]
    [InlineData("/3/footprints/00000000-0000-0000-0000-000000000000")]
    [InlineData("/2/footprints")]
    public async Task TC06_07_AnInvalidToken_Is401_WithBadRequest(string path)
    {
        using var http = bench.Https();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "invalid-access-token");
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("BadRequest", (await JsonAsync(response))["code"]!.GetValue<string>());

        using var none = bench.Https();
        using var missing = await none.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
    }

    [Fact]
    public async Task TC08_AnUnknownId_Is404_NotFound_AndANonUuidIs400()
    {
        using var http = await bench.AuthorizedAsync();
        using var unknown = await http.GetAsync("/3/footprints/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("NotFound", (await JsonAsync(unknown))["code"]!.GetValue<string>());
        using var notUuid = await http.GetAsync("/3/footprints/not-a-uuid");
        Assert.Equal(HttpStatusCode.BadRequest, notUuid.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/auth/token")]
    [InlineData("GET", "/3/footprints")]
    [InlineData("POST", "/3/events")]
    public async Task TC09_10_11_17_PlainHttp_OnTheSamePort_Fails(string method, string path)
    {
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bench.Address.Port}") };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)));
    }

    private static HttpContent CloudEvent(JsonObject body) =>
        new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "UTF-8" });

    private JsonObject Created(string id, JsonObject data) => new()
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = bench.Listener.BaseUrl, ["time"] = DateTime.UtcNow.ToString("O"),
        ["type"] = PactEvents.Types.Created3, ["data"] = data,
    };

    [Fact]
    public async Task TC12_13_ARequest_IsAnswered200AtOnce_ThenFulfilledAtTheRequestersEvents()
    {
        using var http = await bench.AuthorizedAsync();
        var id = $"run-{Guid.NewGuid():N}/12";
        var productIds = new JsonArray("urn:pact:product:customcode:vendor-assigned:Vturn-NP20", $"urn:uuid:{bench.ProductId}");
        using var response = await http.PostAsync("/3/events", CloudEvent(Created(id, new JsonObject { ["productId"] = productIds, ["comment"] = "Please send PCF data for this year." })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());

        var answer = await bench.Listener.AnswerToAsync(id);
        Assert.Equal("/3/events", answer.Path);
        Assert.StartsWith("application/cloudevents+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer listener-token", answer.Authorization);
        PactSchemas.AssertValid("V3.0-event-fulfilled", answer.Body);
        Assert.Equal(PactEvents.Types.Fulfilled3, answer.Body["type"]!.GetValue<string>());
        var pfs = answer.Body["data"]!["pfs"]!.AsArray();
        Assert.Equal([bench.NewPfId.ToString()], Ids(pfs));
        Assert.Contains(pfs[0]!["productIds"]!.AsArray().Select(p => p!.GetValue<string>()), p => productIds.Any(r => r!.GetValue<string>() == p));

        // The same footprint is retrievable synchronously.
        using var get = await http.GetAsync($"/3/footprints/{bench.NewPfId}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task TC14_ARequestForAnUnknownProduct_IsRejectedAtTheRequestersEvents()
    {
        using var http = await bench.AuthorizedAsync();
        var id = $"run-{Guid.NewGuid():N}/14.A";
        using var response = await http.PostAsync("/3/events", CloudEvent(Created(id, new JsonObject { ["productId"] = new JsonArray("urn:pact:null") })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var answer = await bench.Listener.AnswerToAsync(id);
        PactSchemas.AssertValid("V3.0-event-rejected", answer.Body);
        Assert.Equal(PactEvents.Types.Rejected3, answer.Body["type"]!.GetValue<string>());
        Assert.Equal("NotFound", answer.Body["data"]!["error"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer.Body["data"]!["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnAnswerTheRequesterRefuses_IsRetriedWithBackOff_FromTheDatabase()
    {
        bench.Listener.FailNext(1);
        using var http = await bench.AuthorizedAsync();
        var id = $"run-{Guid.NewGuid():N}/retry";
        using var response = await http.PostAsync("/3/events", CloudEvent(Created(id, new JsonObject { ["productId"] = new JsonArray($"urn:uuid:{bench.ProductId}") })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The first try fails (503); the row stays queued with the error and a later attempt time.
        PactExchange? row = null;
        for (var i = 0; i < 100 && row is not { Attempts: > 0 }; i++)
        {
            await Task.Delay(100);
            await bench.InCompanyAsync(bench.CompanyId, async (db, _) => row = await db.PactExchanges.AsNoTracking().FirstAsync(x => x.RequestEventId == id));
        }

        Assert.Equal(PactDelivery.Queued, row!.Delivery);
        Assert.Contains("503", row.LastError, StringComparison.Ordinal);
        Assert.True(row.NextAttemptAtUtc > row.AnsweredAtUtc);

        var answer = await bench.Listener.AnswerToAsync(id);
        Assert.Equal(PactEvents.Types.Fulfilled3, answer.Body["type"]!.GetValue<string>());
        await bench.InCompanyAsync(bench.CompanyId, async (db, _) =>
        {
            for (var i = 0; i < 50 && (await db.PactExchanges.AsNoTracking().FirstAsync(x => x.RequestEventId == id)).Delivery != PactDelivery.Delivered; i++)
            {
                await Task.Delay(100);
            }

            var delivered = await db.PactExchanges.AsNoTracking().FirstAsync(x => x.RequestEventId == id);
            Assert.Equal(PactDelivery.Delivered, delivered.Delivery);
            Assert.Equal(2, delivered.Attempts);
        });
    }

    [Fact]
    public async Task AnAnswerLeftQueuedByAStoppedApp_IsSentByTheNextOne()
    {
        // What a process that stopped mid-send leaves behind: a fulfilled request, queued, its lease run out.
        var id = $"run-{Guid.NewGuid():N}/left-over";
        await bench.InCompanyAsync(bench.CompanyId, async (db, _) =>
        {
            var client = await db.PactClients.FirstAsync(c => c.ClientId == bench.ClientId);
            db.PactExchanges.Add(new PactExchange
            {
                Direction = PactDirection.Inbound, SpecMajor = 3, RequestEventId = id, PactClientId = client.Id, Source = bench.Listener.BaseUrl,
                ReplySource = bench.Address.GetLeftPart(UriPartial.Authority), FilterJson = Tanpan.Web.Platform.Records.CanonicalJson.Serialize(PactFilter.None with { ProductIds = [$"urn:uuid:{bench.ProductId}"] }),
                Status = PactRequestStatus.Fulfilled, AnswerPfIdsJson = $"[\"{bench.NewPfId}\"]", CreatedAtUtc = DateTime.UtcNow.AddMinutes(-10), AnsweredAtUtc = DateTime.UtcNow.AddMinutes(-10),
                Delivery = PactDelivery.Queued, Attempts = 1, NextAttemptAtUtc = DateTime.UtcNow.AddMinutes(-9), LeaseUntilUtc = DateTime.UtcNow.AddMinutes(-5), LastError = "process stopped",
            });
            await db.SaveChangesAsync();
        });

        var answer = await bench.Listener.AnswerToAsync(id);
        PactSchemas.AssertValid("V3.0-event-fulfilled", answer.Body);
    }

    [Fact]
    public async Task TC15_16_40_PublishedEvents_AcceptedWithUuids_RefusedWithoutOrWithABadToken()
    {
        JsonObject Published(params string[] ids) => new()
        {
            ["type"] = PactEvents.Types.Published3, ["specversion"] = "1.0", ["id"] = Guid.NewGuid().ToString(), ["source"] = bench.Listener.BaseUrl,
            ["time"] = DateTime.UtcNow.ToString("O"), ["data"] = new JsonObject { ["pfIds"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) },
        };

        using var http = await bench.AuthorizedAsync();
        using var accepted = await http.PostAsync("/3/events", CloudEvent(Published("3a6c14a7-4deb-498a-b5ea-16ce2535b576")));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(string.Empty, await accepted.Content.ReadAsStringAsync());

        using var notUuid = await http.PostAsync("/3/events", CloudEvent(Published("not-a-uuid")));
        Assert.Equal(HttpStatusCode.BadRequest, notUuid.StatusCode);
        Assert.Equal("BadRequest", (await JsonAsync(notUuid))["code"]!.GetValue<string>());

        using var stranger = bench.Https();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "very-invalid-access-token-x");
        using var refused = await stranger.PostAsync("/3/events", CloudEvent(Published("3a6c14a7-4deb-498a-b5ea-16ce2535b576")));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("BadRequest", (await JsonAsync(refused))["code"]!.GetValue<string>());

        foreach (var body in new[] { "{", "[]", """{"specversion":"1.0","id":"x","source":"y","type":"org.example.unknown","data":{}}""", """{"specversion":"0.3","id":"x","source":"y","type":"t","data":{}}""" })
        {
            using var malformed = await http.PostAsync("/3/events", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("BadRequest", (await JsonAsync(malformed))["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task TC18_19_OpenIdDiscovery_NamesTheTokenEndpoint()
    {
        using var http = bench.Https();
        var config = await JsonAsync(await http.GetAsync("/.well-known/openid-configuration"));
        var endpoint = config["token_endpoint"]!.GetValue<string>();
        Assert.Equal(bench.Address.GetLeftPart(UriPartial.Authority) + "/auth/token", endpoint);
        using var bad = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        bad.Headers.Authorization = AuthenticationHeaderValue.Parse(PactAuth.BasicHeader("nobody", "nothing"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(bad)).StatusCode);
    }

    [Fact]
    public async Task TC20_TO_29_Filters_AndWithinOneParameterOr()
    {
        var all = await ListAsync(string.Empty);
        var first = all[0]!;
        string Q(string value) => Uri.EscapeDataString(value);
        var productId = first["productIds"]![0]!.GetValue<string>();
        var companyId = first["companyIds"]![0]!.GetValue<string>();
        var classification = first["productClassifications"]![0]!.GetValue<string>();
        var start = DateTime.Parse(first["validityPeriodStart"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var end = DateTime.Parse(first["validityPeriodEnd"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        string T(DateTime t) => PactFormat.Time(t);

        Assert.All(await ListAsync($"?productId={Q(productId)}"), f => Assert.Contains(productId, f!["productIds"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.Equal(all.Count, (await ListAsync($"?companyId={Q(companyId)}")).Count);
        Assert.Equal(all.Count, (await ListAsync("?geography=TW")).Count);
        Assert.Equal(all.Count, (await ListAsync("?geography=")).Count);
        Assert.Equal(all.Count, (await ListAsync($"?classification={Q(classification)}")).Count);
        Assert.Contains(first["id"]!.GetValue<string>(), Ids(await ListAsync($"?validOn={T(start)}")));
        Assert.Contains(first["id"]!.GetValue<string>(), Ids(await ListAsync($"?validAfter={T(start.AddDays(-1))}")));
        Assert.Contains(first["id"]!.GetValue<string>(), Ids(await ListAsync($"?validBefore={T(end.AddDays(1))}")));
        Assert.DoesNotContain(first["id"]!.GetValue<string>(), Ids(await ListAsync($"?validAfter={T(start.AddDays(1))}")));
        Assert.DoesNotContain(first["id"]!.GetValue<string>(), Ids(await ListAsync($"?validOn={T(end.AddDays(1))}")));
        Assert.Equal([bench.NewPfId.ToString()], Ids(await ListAsync("?status=Active")));
        Assert.Equal([bench.OldPfId.ToString()], Ids(await ListAsync($"?status=Deprecated&productId={Q(productId)}")));
        Assert.Equal(all.Count, (await ListAsync("?status=Active&status=Deprecated")).Count);
        Assert.Equal(all.Count, (await ListAsync($"?companyId={Q(companyId)}&companyId=urn:bogus:company:x")).Count);
        Assert.Equal(2, (await ListAsync($"?productId=urn:bogus:product:x&productId={Q(productId)}")).Count);
    }

    [Theory]
    [InlineData("?productId=urn:bogus:product:abcdefghijklmnop")]
    [InlineData("?companyId=urn:bogus:company:abcdefghijklmnop")]
    [InlineData("?geography=XX")]
    [InlineData("?classification=urn:bogus:classification:x")]
    [InlineData("?status=Bogus")]
    [InlineData("?validOn=1990-01-01T00:00:00Z")]
    [InlineData("?validAfter=2999-01-01T00:00:00Z")]
    [InlineData("?validBefore=1990-01-01T00:00:00Z")]
    [InlineData("?validOn=not-a-date")]
    public async Task TC30_TO_39_BogusFilters_GiveAnEmptyList(string query) =>
        Assert.Empty(await ListAsync(query));

    [Fact]
    public async Task AClient_SeesOnlyWhatItWasGranted_AndNeverAnotherCompanysFootprints()
    {
        // Another company with its own published footprint and client; and a client of the demo company granted nothing.
        var other = await bench.App.CreateApprovedCompanyAsync("另一家公司 " + Guid.NewGuid().ToString("N")[..6]);
        string otherClient = null!, ungranted = null!;
        await bench.InCompanyAsync(other, async (_, services) => otherClient = await PactBench.AddClientAsync(services, "Other's customer", "tps_other-secret-0123456789abcdef", [], withCallback: false));
        await bench.InCompanyAsync(bench.CompanyId, async (_, services) => ungranted = await PactBench.AddClientAsync(services, "Not granted", "tps_ungranted-secret-0123456789ab", [], withCallback: false));

        foreach (var (client, secret) in new[] { (otherClient, "tps_other-secret-0123456789abcdef"), (ungranted, "tps_ungranted-secret-0123456789ab") })
        {
            using var http = await bench.AuthorizedAsync(client, secret);
            var list = await JsonAsync(await http.GetAsync("/3/footprints"));
            Assert.Empty(list["data"]!.AsArray());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/3/footprints/{bench.NewPfId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/2/footprints/{bench.NewPfId}")).StatusCode);
        }

        // A revoked client's tokens stop at once.
        using var before = await bench.AuthorizedAsync(ungranted, "tps_ungranted-secret-0123456789ab");
        await bench.InCompanyAsync(bench.CompanyId, async (db, _) =>
        {
            var row = await db.PactClients.FirstAsync(c => c.ClientId == ungranted);
            row.RevokedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/3/footprints")).StatusCode);
    }

    [Fact]
    public async Task AnApiKey_OrACookie_IsNotAPactPrincipal()
    {
        using var http = await bench.AuthorizedAsync();
        http.DefaultRequestHeaders.Add("X-Api-Key", TanpanApp.DemoApiKey);
        using var both = await http.GetAsync("/3/footprints");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("BadRequest", (await JsonAsync(both))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAlteredPublishedRecord_IsNotServed()
    {
        var company = await bench.App.CreateApprovedCompanyAsync("改動測試 " + Guid.NewGuid().ToString("N")[..6]);
        var pfId = Guid.NewGuid();
        string client = null!;
        await bench.InCompanyAsync(company, async (db, services) =>
        {
            var productId = Guid.NewGuid();
            var record = new StoredPactFootprint(1, pfId, productId, 1, "hash", [], DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow.AddYears(3), "X", ["urn:uuid:x"], "P", "P",
                [$"urn:uuid:{productId}"], [StoredPactFootprint.LatheClassification], "c", 10, DateTime.UtcNow, DateTime.UtcNow, "TW", "b", 100, 0, 0, "AR5", [], "Other", "O", "R", 0, "none", null, 50, null, null, null);
            var (json, hash) = Tanpan.Web.Platform.Records.CanonicalJson.Seal(record);
            db.PactFootprints.Add(new PublishedFootprint { Id = pfId, ProductId = productId, ProductVersion = 1, CreatedAtUtc = DateTime.UtcNow, RecordJson = json.Replace("\"kgCo2ePerUnit\":100", "\"kgCo2ePerUnit\":1", StringComparison.Ordinal), RecordHash = hash });
            await db.SaveChangesAsync();
            client = await PactBench.AddClientAsync(services, "c", "tps_altered-secret-0123456789abcd", [productId], withCallback: false);
        });

        using var http = await bench.AuthorizedAsync(client, "tps_altered-secret-0123456789abcd");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/3/footprints/{pfId}")).StatusCode);
        Assert.Empty((await JsonAsync(await http.GetAsync("/3/footprints")))["data"]!.AsArray());
    }

    [Fact]
    public async Task HostileEventsAndQueries_NeverGiveA5xx()
    {
        var hostile = new Tanpan.Web.Tests.Fuzz.Hostile(20261202);
        using var http = await bench.AuthorizedAsync();
        var failures = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var type = (i % 4) switch { 0 => PactEvents.Types.Created3, 1 => PactEvents.Types.Published3, 2 => PactEvents.Types.Fulfilled3, _ => PactEvents.Types.Rejected2 };
            var data = new JsonObject
            {
                ["productId"] = hostile.Value(), ["pfIds"] = hostile.Value(), ["requestEventId"] = hostile.Value(), ["pfs"] = hostile.Value(),
                ["error"] = hostile.Value(), ["validOn"] = hostile.Value(), ["pf"] = hostile.Value(), ["status"] = hostile.Value(),
            };
            var body = new JsonObject { ["specversion"] = i % 7 == 0 ? hostile.Value() : "1.0", ["id"] = hostile.Value(), ["source"] = i % 3 == 0 ? hostile.Value() : "ftp://x", ["type"] = type, ["data"] = i % 5 == 0 ? hostile.Value() : data };
            var status = await StatusAsync(() => http.PostAsync(i % 2 == 0 ? "/3/events" : "/2/events", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/cloudevents+json")));
            if (status >= 500)
            {
                failures.Add($"{status} {body.ToJsonString()[..Math.Min(200, body.ToJsonString().Length)]}");
            }

            var query = $"/3/footprints?limit={Uri.EscapeDataString(hostile.Value()?.ToJsonString() ?? "")}&validOn={Uri.EscapeDataString(hostile.Value()?.ToJsonString() ?? "")}&productId={Uri.EscapeDataString(hostile.Value()?.ToJsonString() ?? "")}";
            var listed = await StatusAsync(() => http.GetAsync(query));
            if (listed >= 500)
            {
                failures.Add($"{listed} {query[..Math.Min(200, query.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>The status, or 0 when the server refused the request before answering it (a body or URL over its
    /// limits is cut off, which the client sees as a broken connection): not a 5xx either way.</summary>
    private static async Task<int> StatusAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    [Fact]
    public async Task ThePlainHttpAddress_ServesNoPact()
    {
        // The app over plain HTTP (its in-memory test server speaks http://) refuses PACT routes outright.
        await using var app = new SqliteApp();
        using var http = app.CreateClient();
        using var token = await http.PostAsync("/auth/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]));
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        using var list = await http.GetAsync("/3/footprints");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("AccessDenied", (await JsonAsync(list))["code"]!.GetValue<string>());
    }
}
