using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Factors;
using Tanpan.Web.Features.Products;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.WorkOrders;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Fuzz;

public sealed class HostileInputTests_Sqlite(SqliteApp sqlite) : HostileInputTests(sqlite), IClassFixture<SqliteApp>
{
    // The calculation routes store nothing, so they are fuzzed once, here, not once per provider.
    [Fact]
    public async Task StatelessCalculations_NeverAnswer5xx_AndNameWhatIsWrong()
    {
        var hostile = new Hostile(Seed);
        var client = sqlite.CreateClient();
        var failures = new List<string>();
        foreach (var (route, template) in new[] { ("/api/v1/calculations/inventory?include=factors", InventoryTemplate), ("/api/v1/calculations/job", JobTemplate), ("/api/v1/calculations/quick", QuickTemplate), ("/api/v1/calculations/footprint", FootprintTemplate), ("/api/v1/calculations/storage", StorageTemplate), ("/api/v1/calculations/carbon-fee", CarbonFeeTemplate), ("/api/v1/calculations/cbam", CbamTemplate) })
        {
            var node = JsonNode.Parse(template)!;
            // The template itself is valid: the mutations start from a request that calculates.
            var valid = await client.PostAsync(route, new StringContent(template, Encoding.UTF8, "application/json"));
            Assert.True(valid.StatusCode == HttpStatusCode.OK, $"{route}: {await valid.Content.ReadAsStringAsync()}");
            for (var i = 0; i < Count; i++)
            {
                var body = i % 10 == 9 ? hostile.RawBody() : hostile.Mutate(node).ToJsonString();
                await CheckAsync(client, route, body, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}

public sealed class HostileInputTests_Postgres(PostgresApp app) : HostileInputTests(app), IClassFixture<PostgresApp>
{
    // Storage behaviour is what differs by provider; a smaller count keeps the run short.
    protected override int Count => 60;
}

/// <summary>The fuzz suite (DESIGN §6): for every JSON route, form and upload, generated hostile values from a fixed
/// seed. Each answer must be below 500; a refusal must name a field or say what was wrong; and nothing may be saved
/// by a refused request.</summary>
public abstract partial class HostileInputTests(TanpanApp app)
{
    // Fixed in CI so a failure reproduces; TANPAN_FUZZ_SEED / TANPAN_FUZZ_COUNT explore further by hand.
    protected static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("TANPAN_FUZZ_SEED"), out var seed) ? seed : 20261201;

    private static readonly int? CountOverride = int.TryParse(Environment.GetEnvironmentVariable("TANPAN_FUZZ_COUNT"), out var count) ? count : null;

    protected virtual int Count => CountOverride ?? 250;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    protected static readonly string InventoryTemplate = """
        {"reportingYear":2024,"gwpSet":"AR5","lines":[
          {"id":"e1","category":"2.1","activity":"electricity.grid.tw","quantity":8640,"unit":"kWh","period":{"from":"2023-12-15","to":"2024-02-14"}},
          {"id":"car","category":"1.2","activity":"fuel.gasoline","use":"mobile","technology":"oxidation-catalyst","quantity":45.2,"unit":"L"},
          {"id":"b","category":"1.1","activity":"fuel.diesel","quantity":2,"unit":"kL","heatValue":{"value":8400,"unit":"kcal/L"},"factorYear":2024},
          {"id":"c","category":"1.1","activity":"custom","quantity":10,"unit":"kWh","factor":{"value":0.5,"unit":"kgCO2e/kWh","source":"s"}}]}
        """;

    protected static readonly string JobTemplate = """
        {"date":"2024-06-05","gwpSet":"AR5","output":{"quantity":1000,"unit":"kg"},
         "processes":[{"name":"前處理","inputs":[{"activity":"fuel.fuel-oil","quantity":3000,"unit":"L"},{"activity":"electricity.grid.tw","quantity":400,"unit":"kWh","heatValue":null}]}]}
        """;

    protected static readonly string QuickTemplate = """
        {"year":2024,"annualKwh":null,"bills":[{"from":"2024-01-01","to":"2024-01-31","peakKwh":1000,"semiPeakKwh":10,"saturdaySemiPeakKwh":1,"offPeakKwh":5,"contractCapacityKw":300}],
         "fuels":[{"activity":"fuel.diesel","use":"stationary","quantity":100,"unit":"L"}]}
        """;

    protected static readonly string CarbonFeeTemplate = """{"year":2026,"emissionsT":30000,"highLeakage":false,"plan":"none","period":1}""";

    protected static readonly string CbamTemplate = """
        {"year":2026,"goods":[{"cnCode":"72081000","tonnes":100,"seeDirectT":2.0,"seeIndirectT":0.5,"benchmarkT":1.5,"defaultValues":false}],"carbonPricePaidEurPerT":0,"euaPriceEurPerT":80}
        """;

    protected static readonly string StorageTemplate = """
        {"interval":60,"start":"2025-07-15T00:00:00+08:00","loadKw":[60,60,60,60,60,60,60,60,60,60,60,60,60,60,60,60,60,120,120,120,60,60,60,60],
         "tariff":{"id":"taipower-hv-3tou","contractCapacityKw":120},
         "battery":{"powerKw":50,"energyKwh":150,"roundTripEfficiency":0.9,"depthOfDischarge":1,"stateOfHealth":1,"costNtd":1500000},
         "strategy":{"type":"peak-shaving","targetKw":100},"gridFactorYear":2024,"economics":{"lifetimeYears":10,"discountRate":0.05}}
        """;

    protected static readonly string FootprintTemplate = """
        {"gwpSet":"AR5","year":2024,"boundary":"cradle-to-gate","functionalUnit":{"node":"lathe","quantity":1},"pcr":"tmba-cnc-lathe-2024",
         "dataPeriod":{"from":"2024-01-01","to":"2024-12-31","justification":null},"monteCarlo":{"iterations":50,"seed":7},
         "nodes":[{"id":"lathe","stage":"manufacturing","output":{"quantity":1,"unit":"piece"},"inputs":[
            {"id":"bed","node":"casting","quantity":2600,"unit":"kg","stage":"raw-materials","uncertainty":{"distribution":"uniform","min":2500,"max":2700}},
            {"id":"power","activity":"electricity.grid.tw","quantity":1500,"unit":"kWh","uncertainty":{"distribution":"lognormal","gsd":1.1}},
            {"id":"motor","activity":"custom","quantity":2,"unit":"piece","primary":true,"factor":{"value":695,"unit":"kgCO2e/piece","source":"EPD"}},
            {"id":"oil","activity":"material.lubricating_oil_tw","quantity":40,"unit":"kg","omitted":true}]},
          {"id":"casting","output":{"quantity":1000,"unit":"kg"},"inputs":[{"id":"iron","activity":"material.pig_iron_tw","quantity":1050,"unit":"kg"},
            {"id":"scrap","node":"lathe","quantity":0.001,"unit":"piece"}]}]}
        """;

    private static string WorkOrderTemplate(int i) => $$"""
        {"orderNo":"PO-1","workOrderNo":"FZ-{{i}}","metal":"Ni","date":"2024-06-05","startTime":"08:00","endTime":"09:00","productName":"螺絲",
         "quantity":1000,"unit":"kg","mixRatioPercent":50,"areaCm2":10000,"thicknessUm":10,"densityKgPerM3":8908,"gwpSet":"AR5",
         "processes":[{"name":"電鍍","inputs":[{"activity":"electricity.grid.tw","quantity":200,"unit":"度"}]}]}
        """;

    private static string AllocationTemplate(int i) => $$"""
        {"orderNo":"PO-2","workOrderNo":"FA-{{i}}","date":"2024-06-05","quantity":300,"unit":"piece","allocation":{"key":"area","jobValue":1200,"totalValue":6000},
         "processes":[{"name":"電鍍","inputs":[{"activity":"electricity.grid.tw","quantity":900,"unit":"kWh"}]}]}
        """;

    private static string FactorTemplate(int i) => $$"""
        {"code":"fz-{{i}}","name":"蒸汽","value":215,"unit":"kgCO2e/t","source":"supplier 2024","version":"v1","year":2024}
        """;

    private static string MeterTemplate(int i, Guid facility) => $$"""
        {"code":"FZ-{{i}}","name":"亂數電表","facilityId":"{{facility}}","kind":"Physical","carrier":"Electricity","unit":"kWh","semantics":"Counter","intervalMinutes":15,"timeZone":"Asia/Taipei","multiplier":1,"alarmKw":50}
        """;

    private static string ReadingsTemplate(int i) => $$"""
        {"readings":[{"t":"2024-06-05T08:{{i % 60:D2}}:00+08:00","kwh":{{i}}.5},{"t":"2024-06-05T09:{{i % 60:D2}}:00+08:00","value":{{i + 3}}}]}
        """;

    [Fact]
    public async Task MeterRoutes_NeverAnswer5xx_AndNameTheField()
    {
        var hostile = new Hostile(Seed + 7);
        var (companyId, erp) = await app.CreateCompanyAsync("亂數電表公司");
        var facility = await Features.Meters.MeterSetup.FacilityAsync(app, companyId);
        await Features.Meters.MeterSetup.MeterAsync(erp, facility, "FZ");
        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var (route, template) = (i % 2) switch
            {
                0 => ("/api/v1/meters", MeterTemplate(i, facility)),
                _ => ("/api/v1/meters/FZ/readings", ReadingsTemplate(i)),
            };
            await CheckAsync(erp, route, i % 10 == 9 ? hostile.RawBody() : hostile.Mutate(JsonNode.Parse(template)!).ToJsonString(), failures);
            if (i % 5 == 0)
            {
                var csv = i % 10 == 0 ? hostile.RawBody() : "t,kwh\n2024-06-05T08:00:00+08:00," + hostile.RawBody() + "\n";
                var response = await erp.PostAsync("/api/v1/meters/FZ/readings", new StringContent(csv, Encoding.UTF8, "text/csv"));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"CSV {csv[..Math.Min(120, csv.Length)]}: {(int)response.StatusCode}");
                }
            }
        }

        foreach (var query in new[] { "grain=year", "from=yesterday", "from=2024-06-05T00:00:00%2B08:00&to=2020-01-01T00:00:00Z", "grain=15min&from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "to=%00" })
        {
            var response = await erp.GetAsync($"/api/v1/meters/FZ/series?{query}");
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"series?{query}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task StoringRoutes_NeverAnswer5xx_AndARefusedRequestSavesNothing()
    {
        var hostile = new Hostile(Seed + 1);
        var (companyId, erp) = await app.CreateCompanyAsync("亂數公司");
        var failures = new List<string>();
        var created = 0;
        for (var i = 0; i < Count; i++)
        {
            var (route, template) = (i % 3) switch
            {
                0 => ("/api/v1/work-orders", WorkOrderTemplate(i)),
                1 => ("/api/v1/work-orders", AllocationTemplate(i)),
                _ => ("/api/v1/custom-factors", FactorTemplate(i)),
            };
            var body = i % 10 == 9 ? hostile.RawBody() : hostile.Mutate(JsonNode.Parse(template)!).ToJsonString();
            if (await CheckAsync(erp, route, body, failures) == HttpStatusCode.Created)
            {
                created++;
            }
        }

        // Every stored row came from a 201; every refused request left nothing behind.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var stored = await db.WorkOrders.IgnoreQueryFilters().CountAsync(w => w.CompanyId == companyId)
            + await db.CustomFactors.IgnoreQueryFilters().CountAsync(f => f.CompanyId == companyId);
        Assert.Equal(created, stored);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));

        // And every stored work order still reads, lists and recalculates.
        foreach (var id in await db.WorkOrders.IgnoreQueryFilters().Where(w => w.CompanyId == companyId).Select(w => w.Id).ToListAsync())
        {
            Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync($"/api/v1/work-orders/{id}")).StatusCode);
            Assert.True((int)(await erp.PostAsync($"/api/v1/work-orders/{id}/calculate", null)).StatusCode < 500);
        }

        Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync("/api/v1/work-orders?sort=-total&pageSize=200")).StatusCode);
    }

    [Fact]
    public async Task QueryStrings_NeverAnswer5xx()
    {
        var hostile = new Hostile(Seed + 2);
        var (_, erp) = await app.CreateCompanyAsync("亂數查詢公司");
        var failures = new List<string>();
        string[] parameters = ["q", "metal", "from", "to", "sort", "page", "pageSize"];
        for (var i = 0; i < Count / 2; i++)
        {
            var value = Uri.EscapeDataString(hostile.Value()?.ToJsonString().Trim('"') ?? string.Empty);
            var url = i % 2 == 0
                ? $"/api/v1/work-orders?{hostile.Pick(parameters)}={value}"
                : $"/api/v1/factors?activity={value}&year={value}&gwpSet={value}";
            var response = await erp.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Forms_NeverAnswer5xx_AndARefusedPostSavesNothing()
    {
        var hostile = new Hostile(Seed + 3);
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("亂數表單公司");
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var created = await Forms.PostAsync(client, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        var inventoryUrl = created.RequestMessage!.RequestUri!.AbsolutePath;
        var product = await Forms.PostAsync(client, "/products", [new("Name", "亂數車床"), new("PcrId", "tmba-cnc-lathe-2024"), new("Boundary", "cradle-to-gate")]);
        var productUrl = product.RequestMessage!.RequestUri!.AbsolutePath;
        var token = TokenPattern().Match(await client.GetStringAsync("/account")).Groups[1].Value;
        var anonymous = app.CreateClient();
        var anonymousToken = TokenPattern().Match(await anonymous.GetStringAsync("/contact")).Groups[1].Value;

        var forms = new (HttpClient Client, string Token, string Url, string[] Fields)[]
        {
            (client, token, $"{inventoryUrl}?handler=Entry", ["Entry.SourceId", "Entry.From", "Entry.To", "Entry.Quantity", "Entry.Unit", "Entry.Reference"]),
            (client, token, $"{inventoryUrl}?handler=Bill", ["Entry.SourceId", "Entry.From", "Entry.To", "Entry.PeakKwh", "Entry.SemiPeakKwh", "Entry.SaturdaySemiPeakKwh", "Entry.OffPeakKwh", "Entry.ContractCapacityKw"]),
            (client, token, $"{inventoryUrl}?handler=Delete&entryId=x", ["entryId"]),
            (client, token, $"{inventoryUrl}/significance", ["Threshold", "Rows[0].Category", "Rows[0].Magnitude", "Rows[13].Category", "Rows[2].Rationale"]),
            (client, token, "/inventory", ["Year", "Boundary", "BaseYear"]),
            (client, token, "/inventory/register?handler=Source", ["Source.FacilityId", "Source.Category", "Source.Activity", "Source.Use", "Source.Technology", "Source.Description", "Source.MeterNumber", "Source.Measurement", "Source.Calibration", "Source.ActivityUncertaintyPercent", "Source.FactorUncertaintyPercent"]),
            (client, token, "/inventory/register?handler=DeleteSource&sourceId=x", ["sourceId"]),
            (client, token, "/energy/meters?handler=Create", ["Form.Code", "Form.Name", "Form.FacilityId", "Form.Kind", "Form.Carrier", "Form.Unit", "Form.Semantics", "Form.IntervalMinutes", "Form.TimeZone", "Form.Multiplier", "Form.ParentCode", "Form.Formula", "Form.CounterMax", "Form.AlarmKw", "Form.SourceId"]),
            (client, token, $"/energy/quarantine?handler=Replay&id={Guid.NewGuid()}", ["id"]),
            (client, token, $"{inventoryUrl}?handler=MeterTotals", ["x"]),
            (client, token, $"{inventoryUrl}?handler=UpdateEntry&entryId={Guid.NewGuid()}", ["Entry.SourceId", "Entry.From", "Entry.Quantity"]),
            (client, token, "/work-orders/new", ["Input.OrderNo", "Input.WorkOrderNo", "Input.Date", "Input.Quantity", "Input.Unit", "Input.MixRatioPercent", "Input.AreaCm2", "Input.ThicknessUm", "Input.Energy[0]", "Input.Energy[99999]", "Input.AllocationKey", "Input.AllocationJobValue", "Input.AllocationTotalValue", "Input.StartTime"]),
            (client, token, "/work-orders/units", ["Name"]),
            (client, token, "/reduction?handler=Settings", ["Input.BaseYear", "Input.BaseYearTonnes", "Input.Boundary", "Input.Rate", "Input.CustomRatePercent", "Input.TargetYears", "Input.DiscountRatePercent"]),
            (client, token, "/reduction/measures/new", ["Input.Name", "Input.Kind", "Input.CapexNtd", "Input.AnnualOpexChangeNtd", "Input.AnnualSavingsNtd", "Input.AnnualAbatementTonnes", "Input.StartYear", "Input.LifetimeYears", "Input.RampYears", "Input.Basis"]),
            (client, token, "/reduction?handler=Delete&id=x", ["id"]),
            (client, token, "/exposure?handler=Settings", ["Input.HighLeakage", "Input.Plan", "Input.Period", "Input.EuaPrices", "Input.CarbonPricePaidEurPerT", "Input.NtdPerEur", "Input.NtdPerUsd"]),
            (client, token, "/exposure?handler=Good", ["Good.Name", "Good.CnCode", "Good.Product", "Good.SeeDirectTPerT", "Good.SeeIndirectTPerT", "Good.BenchmarkTPerT", "Good.DefaultValues", "Good.EuTonnesPerYear", "Good.UsTonnesPerYear", "Good.UsBaselineTPerT", "Good.SiteYear", "Good.SiteProductionTonnes"]),
            (client, token, "/exposure?handler=DeleteGood&id=x", ["id"]),
            (client, token, "/products", ["Name", "Model", "PcrId", "Boundary"]),
            (client, token, $"{productUrl}?handler=Line", ["Line.LineNo", "Line.Parent", "Line.Name", "Line.ComponentClass", "Line.Quantity", "Line.Unit", "Line.Activity", "Line.FactorValue", "Line.FactorUnit", "Line.FactorSource", "Line.Stage", "Line.Omitted", "Line.FactorPeriod", "Line.UncertaintyGsd", "Line.TechnologicalDqr", "Line.TemporalDqr", "Line.GeographicalDqr"]),
            (client, token, $"{productUrl}?handler=Lock", ["note"]),
            (client, token, $"{productUrl}?handler=Allocate", ["Allocate.LineNo", "Allocate.Name", "Allocate.Total", "Allocate.Key", "Allocate.ProductAmount", "Allocate.SiteAmount", "Allocate.Justification"]),
            (client, token, $"{productUrl}?handler=Transport", ["Carry.LineNo", "Carry.Name", "Carry.Activity", "Carry.MassKg", "Carry.DistanceKm", "Carry.Stage", "Carry.Basis"]),
            (client, token, $"{productUrl}?handler=Use", ["UsePhase.LineNo", "UsePhase.RunHours", "UsePhase.RunKw", "UsePhase.StandbyHours", "UsePhase.DaysPerYear", "UsePhase.Years", "UsePhase.GridActivity", "UsePhase.Basis"]),
            (client, token, $"{productUrl}?handler=EndOfLife", ["Disposal.LineNo", "Disposal.MassKg", "Disposal.RecycledPercent", "Disposal.RecycledActivity", "Disposal.LandfilledPercent", "Disposal.TransportActivity", "Disposal.TransportKm", "Disposal.Basis"]),
            (client, token, $"{productUrl}?handler=Information", ["Info[model]", "Info[weight]", "DataFrom", "DataTo", "DataJustification"]),
            (client, token, $"{productUrl}?handler=DeleteLine&lineId=x", ["lineId"]),
            (client, token, "/account/company", ["Input.ContactName", "Input.Phone", "Input.Email", "Input.Address", "Input.Region", "Input.Website"]),
            (client, token, "/account/users?handler=Invite", ["inviteEmail", "role"]),
            (client, token, "/account/api-keys?handler=Create", ["Name", "Scopes"]),
            (client, token, "/exchange?handler=Publish", ["Version"]),
            (client, token, $"/exchange?handler=Reject&requestId={Guid.NewGuid()}", ["RejectMessage", "requestId"]),
            (client, token, "/exchange/clients?handler=Create", ["Name"]),
            (client, token, $"/exchange/clients?handler=Callback&clientId={Guid.NewGuid()}", ["CallbackClientId", "CallbackSecret", "clientId"]),
            (client, token, "/exchange/suppliers?handler=Connect", ["Connection.Name", "Connection.BaseUrl", "Connection.SpecMajor", "Connection.ClientId", "Connection.Secret", "Connection.CallbackClientId"]),
            (client, token, "/exchange/suppliers?handler=Use", ["FactorCode", "FactorName", $"Shares[{Guid.NewGuid()}]", "Shares[x]"]),
            (client, token, "/exchange/invitations", ["SupplierName", "Email", "ProductName", "DeclaredUnit", "Message"]),
            (anonymous, anonymousToken, "/calculator", ["Input.Year", "Input.AnnualKwh", "Input.Bills[0].From", "Input.Bills[0].To", "Input.Bills[0].PeakKwh", "Input.Fuels[0].Quantity", "Input.Fuels[0].Unit", "Input.Fuels[0].Use"]),
            (anonymous, anonymousToken, "/calculator?handler=Csv", ["Input.Year", "Input.Bills[0].From", "Input.Bills[0].PeakKwh", "Input.Fuels[0].Quantity"]),
            (anonymous, anonymousToken, "/contact", ["Name", "Email", "CompanyName", "Message"]),
            (anonymous, anonymousToken, "/register", ["Input.CompanyName", "Input.TaxId", "Input.Account", "Input.Password", "Input.Email", "Input.Website", "Input.Region"]),
        };

        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var form = forms[i % forms.Length];
            var fields = form.Fields.Select(f => new KeyValuePair<string, string>(f, hostile.Value()?.ToJsonString().Trim('"') ?? string.Empty)).ToList();
            fields.Add(new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(form.Token)));
            var response = await form.Client.PostAsync(form.Url, new FormUrlEncodedContent(fields));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{form.Url} {string.Join("&", fields.Take(3).Select(f => f.Key + "=" + f.Value[..Math.Min(30, f.Value.Length)]))}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        // No hostile value made an entry or a work order (the register has no source, so none is valid).
        Assert.Equal(0, await db.Entries.IgnoreQueryFilters().CountAsync(e => e.CompanyId == companyId));
        Assert.Equal(0, await db.WorkOrders.IgnoreQueryFilters().CountAsync(w => w.CompanyId == companyId));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(inventoryUrl)).StatusCode);
    }

    /// <summary>The edit forms with a real target: a valid source and entry form with one to three fields made
    /// hostile. No answer is a 5xx; a refused edit leaves the row as it was; an accepted one saved only values the
    /// add forms accept (a description of 1–300 characters, a quantity from 0 to 10¹⁵, a period that ends after it
    /// starts, uncertainty from 0 to 1000 %).</summary>
    [Fact]
    public async Task EditForms_NeverAnswer5xx_AndARefusedEditChangesNothing()
    {
        var hostile = new Hostile(Seed + 5);
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("亂數修改公司");
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var facility = OptionPattern().Match(await client.GetStringAsync("/inventory/register")).Groups[1].Value;
        List<KeyValuePair<string, string>> source =
        [
            new("Source.FacilityId", facility), new("Source.Category", "1.1"), new("Source.Activity", "fuel.diesel"), new("Source.Use", "stationary"), new("Source.Technology", ""),
            new("Source.Description", "發電機"), new("Source.MeterNumber", "M-1"), new("Source.DataOwner", "王"), new("Source.Measurement", "PeriodicOrInvoiced"),
            new("Source.Calibration", "InternalOrAudited"), new("Source.ActivityUncertaintyPercent", "5"), new("Source.FactorUncertaintyPercent", "3"),
        ];
        await Forms.PostAsync(client, "/inventory/register", source, handler: "Source");
        var created = await Forms.PostAsync(client, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        var inventoryUrl = created.RequestMessage!.RequestUri!.AbsolutePath;
        Guid sourceId, entryId;
        using (var scope = app.Services.CreateScope())
        {
            sourceId = (await scope.ServiceProvider.GetRequiredService<TanpanDb>().Sources.IgnoreQueryFilters().SingleAsync(x => x.CompanyId == companyId)).Id;
        }

        List<KeyValuePair<string, string>> entry =
            [new("Entry.SourceId", sourceId.ToString()), new("Entry.From", "2024-03-01"), new("Entry.To", "2024-03-31"), new("Entry.Quantity", "100"), new("Entry.Unit", "L"), new("Entry.Reference", "R-1")];
        await Forms.PostAsync(client, inventoryUrl, entry, handler: "Entry");
        using (var scope = app.Services.CreateScope())
        {
            entryId = (await scope.ServiceProvider.GetRequiredService<TanpanDb>().Entries.IgnoreQueryFilters().SingleAsync(x => x.CompanyId == companyId)).Id;
        }

        var token = TokenPattern().Match(await client.GetStringAsync("/inventory/register")).Groups[1].Value;
        var failures = new List<string>();
        var outcomes = new int[2];
        for (var i = 0; i < Count / 2; i++)
        {
            var editingSource = i % 2 == 0;
            var fields = (editingSource ? source : entry).ToList();
            for (var k = 0; k < 1 + hostile.Next(3); k++)
            {
                var at = hostile.Next(fields.Count);
                fields[at] = new(fields[at].Key, hostile.Value()?.ToJsonString().Trim('"') ?? string.Empty);
            }

            var before = await RowsAsync(sourceId, entryId);
            var url = editingSource ? $"/inventory/register?handler=UpdateSource&sourceId={sourceId}" : $"{inventoryUrl}?handler=UpdateEntry&entryId={entryId}";
            var response = await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token))]));
            var page = await response.Content.ReadAsStringAsync();
            var after = await RowsAsync(sourceId, entryId);
            var shown = string.Join("&", fields.Select(f => f.Key + "=" + f.Value[..Math.Min(20, f.Value.Length)]));
            var saved = page.Contains("已更新", StringComparison.Ordinal);
            outcomes[saved ? 0 : 1]++;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url} {shown}: {(int)response.StatusCode}");
            }
            else if (!saved && after != before)
            {
                failures.Add($"{url} {shown}: refused ({(int)response.StatusCode}) but the row changed");
            }
            else if (saved && !Valid(after))
            {
                failures.Add($"{url} {shown}: saved an invalid row {after}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        // Both paths ran: some variants were still valid and saved, most were refused.
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"saved {outcomes[0]}, refused {outcomes[1]}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(inventoryUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inventory/register")).StatusCode);
    }

    private async Task<string> RowsAsync(Guid sourceId, Guid entryId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var s = await db.Sources.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == sourceId);
        var e = await db.Entries.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == entryId);
        return string.Join("|", s.FacilityId, s.Category, s.Activity, s.Use, s.Technology, s.Description, s.MeterNumber, s.DataOwner, s.Measurement, s.Calibration,
            s.ActivityUncertaintyPercent, s.FactorUncertaintyPercent, e.SourceId, e.PeriodFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            e.PeriodTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Quantity, e.Unit, e.Reference);
    }

    private static bool Valid(string row)
    {
        var f = row.Split('|');
        static bool Percent(string v) => v.Length == 0 || (decimal.TryParse(v, System.Globalization.CultureInfo.CurrentCulture, out var d) && d is >= 0 and <= 1000);
        var quantity = decimal.Parse(f[15], System.Globalization.CultureInfo.CurrentCulture);
        return f[5].Trim().Length is > 0 and <= 300 && Percent(f[10]) && Percent(f[11])
            && string.CompareOrdinal(f[13], f[14]) <= 0 && quantity is >= 0 and <= 1e15m && f[16].Length > 0;
    }

    [GeneratedRegex("name=\"Source.FacilityId\"[^>]*>\\s*<option value=\"([0-9a-f-]{36})\"")]
    private static partial Regex OptionPattern();

    [Fact]
    public async Task Uploads_NeverAnswer5xx_AndImportNothing()
    {
        var hostile = new Hostile(Seed + 4);
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("亂數上傳公司");
        var created = await Forms.PostAsync(client, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        var inventoryUrl = created.RequestMessage!.RequestUri!.AbsolutePath;
        var (_, erp) = await app.CreateCompanyAsync("亂數上傳 ERP");
        var product = await Forms.PostAsync(client, "/products", [new("Name", "亂數上傳車床"), new("PcrId", "tmba-cnc-lathe-2024"), new("Boundary", "cradle-to-gate")]);
        var productUrl = product.RequestMessage!.RequestUri!.AbsolutePath;
        var failures = new List<string>();
        for (var i = 0; i < Math.Max(30, Count / 5); i++)
        {
            var (name, bytes) = HostileFile(hostile, i);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
            var api = await erp.PostAsync("/api/v1/work-orders/import", form);
            var page = await Forms.PostFileAsync(client, inventoryUrl, "Import", name, bytes);
            // The BOM import gets the same files, and BOM-shaped rows of hostile cells.
            var bom = await Forms.PostFileAsync(client, productUrl, "Import", name, bytes);
            string Cell() => hostile.Value()?.ToJsonString().Trim('"').Replace(",", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) ?? string.Empty;
            var bomShaped = Encoding.UTF8.GetBytes(string.Join(",", BomSheet.Columns) + "\n" + string.Join(",", BomSheet.Columns.Select(_ => Cell())) + "\n");
            var bomRows = await Forms.PostFileAsync(client, productUrl, "Import", "bom.csv", bomShaped);
            foreach (var response in new[] { api, page, bom, bomRows })
            {
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{name} ({bytes.Length} bytes) → {(int)response.StatusCode}");
                }
            }

            if (api.StatusCode == HttpStatusCode.BadRequest || api.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            {
                var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
                Assert.True(problem.TryGetProperty("errors", out _) || problem.TryGetProperty("detail", out _), $"{name}: a refusal without a reason");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        Assert.Equal(0, await db.Entries.IgnoreQueryFilters().CountAsync(e => e.CompanyId == companyId));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(productUrl)).StatusCode);
    }

    private static (string Name, byte[] Bytes) HostileFile(Hostile hostile, int i)
    {
        string Cell() => hostile.Value()?.ToJsonString().Trim('"').Replace(",", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) ?? string.Empty;
        var inventoryHeader = string.Join(",", InventoryExcel.Columns);
        string[] orderColumns = [.. ImportWorkOrders.Columns, .. ImportWorkOrders.MeterColumns];
        var orderHeader = string.Join(",", orderColumns);
        return (i % 6) switch
        {
            0 => ("a.csv", Encoding.UTF8.GetBytes($"{inventoryHeader}\n{string.Join(",", InventoryExcel.Columns.Select(_ => Cell()))}\n")),
            1 => ("a.csv", Encoding.UTF8.GetBytes($"{orderHeader}\n{string.Join(",", orderColumns.Select(_ => Cell()))}\n")),
            2 => ("a.xlsx", Encoding.UTF8.GetBytes(hostile.RawBody())),
            3 => ("a.csv", Encoding.UTF8.GetBytes(new string(' ', 2_000_000))),
            4 => ("a.exe", [0x4D, 0x5A, 0x90, 0x00]),
            _ => ("a.xlsx", Xlsx(InventoryExcel.DataSheet, InventoryExcel.Columns, Enumerable.Range(0, 5).Select(_ => InventoryExcel.Columns.Select(_ => (object?)HostileCell(hostile)).ToArray()).ToArray())),
        };
    }

    private static object? HostileCell(Hostile hostile) => hostile.Next(6) switch
    {
        0 => 1e300,
        1 => -1e6,
        2 => 1e10,
        3 => double.NaN,
        4 => new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        _ => hostile.Value()?.ToJsonString(),
    };

    private static byte[] Xlsx(string sheet, IReadOnlyList<string> columns, object?[][] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object>
        {
            [sheet] = rows.Select(r => columns.Select((c, k) => (c, r[k])).ToDictionary(x => x.c, x => x.Item2)).ToArray(),
        });
        return stream.ToArray();
    }

    /// <summary>Sends one body; records a 5xx, or a refusal that names nothing.</summary>
    protected static async Task<HttpStatusCode> CheckAsync(HttpClient client, string route, string body, List<string> failures)
    {
        var response = await client.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var shown = body.Length > 200 ? body[..200] + "…" : body;
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{route} {shown}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }
        else if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.RequestEntityTooLarge)
        {
            using var problem = JsonDocument.Parse(text);
            var named = problem.RootElement.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Any(e => e.Name.Length > 0) : problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString()?.Length > 0;
            if (!named)
            {
                failures.Add($"{route} {shown}: {(int)response.StatusCode} names no field: {text[..Math.Min(300, text.Length)]}");
            }
        }

        return response.StatusCode;
    }
}
