using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.Products;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Products;

/// <summary>Locked versions (hashed records that do not move with the BOM, show when altered, are a reviewer's to
/// make), the data quality and uncertainty columns, and lines derived by allocation and scenarios.</summary>
public abstract partial class ProductFootprintTests
{
    private static readonly decimal BomTotal = (2600m * 2.032m) + (2m * 695m) + (180m * 2.415m) + (1500m * 0.474m);

    private async Task<string> LatheAsync(HttpClient client, string name)
    {
        var url = await CreateAsync(client, name);
        await Forms.PostAsync(client, url, [new("DataFrom", "2024-01-01"), new("DataTo", "2024-12-31")], handler: "Information");
        await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));
        return url;
    }

    [Fact]
    public async Task ALockedVersion_KeepsItsNumbers_WhenTheBomChanges_AndShowsWhenAltered()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("鎖定車床公司");
        var url = await LatheAsync(client, "鎖定車床");

        // A data clerk may edit but not lock.
        var clerk = await app.SignInAsColleagueAsync(companyId, Roles.DataClerk);
        var clerkPage = await clerk.GetStringAsync(url);
        Assert.DoesNotContain("data-testid=\"lock-form\"", clerkPage, StringComparison.Ordinal);
        var clerkToken = Regex.Match(clerkPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var clerkLock = await clerk.PostAsync(url + "?handler=Lock", new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(clerkToken))]));
        Assert.True(clerkLock.StatusCode == HttpStatusCode.Forbidden || clerkLock.RequestMessage!.RequestUri!.AbsolutePath.Contains("denied", StringComparison.OrdinalIgnoreCase), $"{clerkLock.StatusCode}");

        var locked = await Forms.PostAsync(client, url, [new("note", "送客戶 A")], handler: "Lock");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.EndsWith("?version=1", locked.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        var v1 = WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"locked-banner\"", v1, StringComparison.Ordinal);
        Assert.Contains("送客戶 A", v1, StringComparison.Ordinal);
        Assert.Equal(BomTotal.ToString("N3", Zh), Testid(v1, "footprint-total"));
        Assert.DoesNotContain("data-testid=\"bom-import\"", v1, StringComparison.Ordinal);

        // The draft moves on; version 1 does not.
        await Forms.PostAsync(client, url, [new("Line.LineNo", "60"), new("Line.Name", "防護罩鋼板"), new("Line.ComponentClass", "secondary"), new("Line.Quantity", "100"), new("Line.Unit", "kg"), new("Line.Activity", "material.steel_plate_tw")], handler: "Line");
        var draft = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Assert.Equal((BomTotal + (100m * 2.415m)).ToString("N3", Zh), Testid(draft, "footprint-total"));
        Assert.Equal(BomTotal.ToString("N3", Zh), Testid(WebUtility.HtmlDecode(await client.GetStringAsync(url + "?version=1")), "footprint-total"));
        var report = await Pdf.TextAsync(await client.GetByteArrayAsync(url + "?handler=Report&version=1&lang=zh-TW"));
        Assert.Contains("已鎖定第 1 版", report, StringComparison.Ordinal);
        Assert.Contains(BomTotal.ToString("N3", Zh) + " kgCO2e", report, StringComparison.Ordinal);
        Assert.DoesNotContain("防護罩鋼板", report, StringComparison.Ordinal);

        // A second lock is version 2; both are listed.
        var second = await Forms.PostAsync(client, url, [], handler: "Lock");
        Assert.EndsWith("?version=2", second.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(await client.GetStringAsync(url), "data-testid=\"version-row\""));

        // Another company cannot see a version; a changed record is not shown and is flagged.
        var (_, other) = await app.SignInAsNewCompanyUserAsync("別家鎖定公司");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url + "?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url + "?version=9")).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var row = await db.ProductFootprints.IgnoreQueryFilters().SingleAsync(v => v.CompanyId == companyId && v.Version == 1);
            var text = BomTotal.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(text, row.RecordJson, StringComparison.Ordinal);
            row.RecordJson = row.RecordJson.Replace(text, "1", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var altered = WebUtility.HtmlDecode(await client.GetStringAsync(url + "?version=1"));
        Assert.Contains("data-testid=\"record-altered\"", altered, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"footprint-total\"", altered, StringComparison.Ordinal);
        Assert.Contains("已遭變更", WebUtility.HtmlDecode(await client.GetStringAsync(url)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync(url + "?handler=Report&version=1")).StatusCode);
    }

    [Fact]
    public async Task AFootprintThatFailsItsPcr_IsNotLocked()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("未符車床公司");
        var url = await CreateAsync(client, "未符車床");
        await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));

        // No data period: the data-period rule fails.
        var refused = await Forms.PostAsync(client, url, [], handler: "Lock");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("數據期間", Testid(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), "lock-error"), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TanpanDb>().ProductFootprints.IgnoreQueryFilters().AnyAsync(v => v.CompanyId == companyId));
    }

    [Fact]
    public async Task UncertaintyAndDataQuality_FromTheBom_GiveTheDistributionAndTheWeightedRatings()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("品質車床公司");
        var url = await CreateAsync(client, "品質車床");
        var full = string.Join(",", BomSheet.Columns) + "\n"
            + "10,,床台鑄件,main,2600,kg,material.cast_iron_general_ice2,甲鑄造,,,,,,,1.2,2,3,1\n"
            + "20,,主軸馬達,main,2,piece,,乙電機,695,kgCO2e/piece,乙電機 EPD 2024,2024-01~2024-12,,,1.05,1,1,1\n"
            + "40,,組裝測試用電,energy,1500,kWh,electricity.grid.tw,,,,,,,,,,,\n";
        var imported = await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(full));
        var page = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync());

        var casting = 2600m * 2.032m;
        var motors = 2m * 695m;
        var power = 1500m * 0.474m;
        var rated = casting + motors;
        string Rating(decimal v) => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var quality = Regex.Match(page, "data-testid=\"data-quality\"><div class=\"value\">(.*?)</div>").Groups[1].Value;
        var ratings = Regex.Matches(quality, ">([^<]+)</span>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([Rating(((casting * 2m) + motors) / rated), Rating(((casting * 3m) + motors) / rated), "1.0"], ratings);
        Assert.Contains((rated / (rated + power) * 100m).ToString("N2", Zh) + "%", page, StringComparison.Ordinal);

        // The Monte Carlo mean sits near the total (lognormal medians: the mean is a little above).
        var mc = Regex.Match(page, "data-testid=\"monte-carlo\"><div class=\"value\">([^ ]+) ± ([^<]+)</div>");
        Assert.True(mc.Success, "no Monte Carlo card");
        var mean = decimal.Parse(mc.Groups[1].Value, Zh);
        var total = casting + motors + power;
        Assert.InRange(mean, total, total * 1.03m);
        Assert.InRange(decimal.Parse(mc.Groups[2].Value, Zh), total * 0.05m, total * 0.2m);
        Assert.Contains("data-testid=\"chart-distribution\"", page, StringComparison.Ordinal);

        // A rating that is not 1–5 or not whole is refused by its cell.
        var bad = string.Join(",", BomSheet.Columns) + "\n" + "10,,床台鑄件,main,2600,kg,material.cast_iron_general_ice2,,,,,,,,0.5,6,2.5,1\n";
        var refused = WebUtility.HtmlDecode(await (await Forms.PostFileAsync(client, url, "Import", "bad.csv", Encoding.UTF8.GetBytes(bad))).Content.ReadAsStringAsync());
        foreach (var cell in new[] { "CSV!O2", "CSV!P2", "CSV!Q2" })
        {
            Assert.Contains(cell, refused, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ManufacturingPower_AllocatedFromTheSiteInventory_ByMachineHours()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("分配車床公司");
        Guid sourceId;
        await using (var work = app.Services.CreateAsyncScope())
        {
            work.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "test", PrincipalKind.System);
            var db = work.ServiceProvider.GetRequiredService<TanpanDb>();
            var inventory = new InventoryRecord { Id = Guid.NewGuid(), Year = 2024, CreatedAtUtc = DateTime.UtcNow };
            var facility = new Facility { Id = Guid.NewGuid(), Name = "大雅廠", CreatedAtUtc = DateTime.UtcNow };
            var source = new EmissionSource { Id = Guid.NewGuid(), FacilityId = facility.Id, Category = "2.1", Activity = "electricity.grid.tw", Description = "大雅廠台電用電", CreatedAtUtc = DateTime.UtcNow };
            sourceId = source.Id;
            db.AddRange(inventory, facility, source);
            for (var month = 1; month <= 11; month++)
            {
                db.Entries.Add(new ActivityEntry { Id = Guid.NewGuid(), InventoryId = inventory.Id, SourceId = source.Id, PeriodFrom = new DateOnly(2024, month, 1), PeriodTo = new DateOnly(2024, month, 28), Quantity = 10_000m, Unit = "kWh", CreatedAtUtc = DateTime.UtcNow });
            }

            // December in MWh: converted, not added as 15 kWh.
            db.Entries.Add(new ActivityEntry { Id = Guid.NewGuid(), InventoryId = inventory.Id, SourceId = source.Id, PeriodFrom = new DateOnly(2024, 12, 1), PeriodTo = new DateOnly(2024, 12, 31), Quantity = 15m, Unit = "MWh", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var url = await CreateAsync(client, "分配車床");
        var missingWhy = await Forms.PostAsync(client, url, [new("Allocate.LineNo", "40"), new("Allocate.Name", "加工用電"), new("Allocate.Total", $"2024:{sourceId}"), new("Allocate.Key", "machine-hours"), new("Allocate.ProductAmount", "120"), new("Allocate.SiteAmount", "48000")], handler: "Allocate");
        Assert.Equal(HttpStatusCode.BadRequest, missingWhy.StatusCode);
        var tooMuch = await Forms.PostAsync(client, url, [new("Allocate.LineNo", "40"), new("Allocate.Name", "加工用電"), new("Allocate.Total", $"2024:{Guid.NewGuid()}"), new("Allocate.Key", "by-luck"), new("Allocate.ProductAmount", "500"), new("Allocate.SiteAmount", "400"), new("Allocate.Justification", "x")], handler: "Allocate");
        var tooMuchPage = WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("請選擇盤查年度之排放源用量", tooMuchPage, StringComparison.Ordinal);
        Assert.Contains("請選擇分配基準", tooMuchPage, StringComparison.Ordinal);
        Assert.Contains("不可大於全廠", tooMuchPage, StringComparison.Ordinal);

        var added = await Forms.PostAsync(client, url, [new("Allocate.LineNo", "40"), new("Allocate.Name", "加工用電"), new("Allocate.Total", $"2024:{sourceId}"), new("Allocate.Key", "machine-hours"), new("Allocate.ProductAmount", "120"), new("Allocate.SiteAmount", "48000"), new("Allocate.Justification", "同一產線生產多種機型，無法分表計量")], handler: "Allocate");
        var page = WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var kwh = 125_000m * 120m / 48_000m;
        Assert.Equal((kwh * 0.474m).ToString("N3", Zh), Testid(page, "footprint-total"));
        Assert.Contains("自全廠盤查分配（依機台工時）", page, StringComparison.Ordinal);
        Assert.Contains("全廠用量 125,000 度", page, StringComparison.Ordinal);
        Assert.Contains("無法分表計量", page, StringComparison.Ordinal);
        var report = await Pdf.TextAsync(await client.GetByteArrayAsync(url + "?handler=Report&lang=zh-TW"));
        Assert.Contains("依機台工時", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransportUseAndEndOfLife_Scenarios_BecomeLinesOfACradleToGraveFootprint()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("情境車床公司");
        var created = await Forms.PostAsync(client, "/products", [new("Name", "情境車床"), new("PcrId", "tmba-cnc-lathe-2024"), new("Boundary", "cradle-to-grave")]);
        var url = created.RequestMessage!.RequestUri!.AbsolutePath;
        const string Truck = "transport.freight_truck_heavy_commercial_diesel";

        var transport = await Forms.PostAsync(client, url, [new("Carry.LineNo", "T1"), new("Carry.Name", "出貨至客戶"), new("Carry.Activity", Truck), new("Carry.MassKg", "4000"), new("Carry.DistanceKm", "180"), new("Carry.Stage", "distribution"), new("Carry.Basis", "台中至高雄，35 噸貨車")], handler: "Transport");
        Assert.Equal(HttpStatusCode.OK, transport.StatusCode);

        var tooLong = await Forms.PostAsync(client, url, [new("UsePhase.LineNo", "U1"), new("UsePhase.RunHours", "20"), new("UsePhase.RunKw", "11"), new("UsePhase.StandbyHours", "6"), new("UsePhase.StandbyKw", "2"), new("UsePhase.DaysPerYear", "250"), new("UsePhase.Years", "10"), new("UsePhase.GridActivity", "electricity.grid.tw"), new("UsePhase.Basis", "保固 10 年")], handler: "Use");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("24", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await Forms.PostAsync(client, url, [new("UsePhase.LineNo", "U1"), new("UsePhase.RunHours", "16"), new("UsePhase.RunKw", "11"), new("UsePhase.StandbyHours", "4"), new("UsePhase.StandbyKw", "2"), new("UsePhase.DaysPerYear", "250"), new("UsePhase.Years", "10"), new("UsePhase.GridActivity", "electricity.grid.tw"), new("UsePhase.Basis", "保固 10 年，客戶兩班制")], handler: "Use");

        var notHundred = await Forms.PostAsync(client, url, [new("Disposal.LineNo", "EOL"), new("Disposal.MassKg", "4000"), new("Disposal.RecycledPercent", "90"), new("Disposal.RecycledActivity", "waste.waste_recycling_DEFRA"), new("Disposal.LandfilledPercent", "5"), new("Disposal.LandfilledActivity", "waste.waste_CI_landfill_DEFRA"), new("Disposal.Basis", "廢棄物統計")], handler: "EndOfLife");
        Assert.Equal(HttpStatusCode.BadRequest, notHundred.StatusCode);
        Assert.Contains("95", WebUtility.HtmlDecode(await notHundred.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var eol = await Forms.PostAsync(client, url, [new("Disposal.LineNo", "EOL"), new("Disposal.MassKg", "4000"), new("Disposal.RecycledPercent", "90"), new("Disposal.RecycledActivity", "waste.waste_recycling_DEFRA"), new("Disposal.LandfilledPercent", "10"), new("Disposal.LandfilledActivity", "waste.waste_CI_landfill_DEFRA"), new("Disposal.TransportActivity", Truck), new("Disposal.TransportKm", "30"), new("Disposal.Basis", "金屬機台回收率 90 %")], handler: "EndOfLife");
        var page = WebUtility.HtmlDecode(await eol.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, eol.StatusCode);

        var distribution = 4m * 180m * 0.131m;
        var use = ((16m * 11m) + (4m * 2m)) * 250m * 10m * 0.474m;
        var endOfLife = (3.6m * 4.68568m) + (0.4m * 520.5327m) + (4m * 30m * 0.131m);
        Assert.Equal((distribution + use + endOfLife).ToString("N3", Zh), Testid(page, "footprint-total"));
        Assert.Contains("運輸情境：載重 4 公噸；距離 180 公里", page, StringComparison.Ordinal);
        Assert.Contains("使用階段情境：運轉時數 16", page, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Count(page, "data-testid=\"derivation\""));
        var english = WebUtility.HtmlDecode(await client.GetStringAsync(url + "?lang=en"));
        Assert.Contains("end-of-life scenario: product mass 4,000", english, StringComparison.Ordinal);
    }
}

/// <summary>A supplier's declared material factor in the company library becomes primary data on a BOM line.</summary>
public abstract partial class ProductFootprintTests
{
    [Fact]
    public async Task ASuppliersDeclaredFactor_InTheCompanyLibrary_IsPrimaryDataOnTheBom()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("供應商係數公司");
        var wrongPeriod = await Forms.PostAsync(client, "/factors/company", [new("Input.Code", "casting-a"), new("Input.Name", "甲鑄造灰鑄鐵"), new("Input.Value", "1.85"), new("Input.Unit", "kgCO2e/kg"), new("Input.Supplier", "甲鑄造"), new("Input.Source", "甲鑄造 ISO 14067 查證聲明 2024"), new("Input.ReferenceFrom", "2024-12-31"), new("Input.ReferenceTo", "2024-01-01")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPeriod.StatusCode);
        Assert.Contains("參考期間迄日須在起日當天或之後", WebUtility.HtmlDecode(await wrongPeriod.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var added = await Forms.PostAsync(client, "/factors/company", [new("Input.Code", "casting-a"), new("Input.Name", "甲鑄造灰鑄鐵"), new("Input.Value", "1.85"), new("Input.Unit", "kgCO2e/kg"), new("Input.Supplier", "甲鑄造"), new("Input.Source", "甲鑄造 ISO 14067 查證聲明 2024"), new("Input.ReferenceFrom", "2024-01-01"), new("Input.ReferenceTo", "2024-12-31")]);
        var library = WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync());
        Assert.Contains("custom.casting-a", library, StringComparison.Ordinal);
        Assert.Contains("2024-01-01 ~ 2024-12-31", library, StringComparison.Ordinal);

        var url = await CreateAsync(client, "供應商車床");
        await Forms.PostAsync(client, url, [new("Line.LineNo", "10"), new("Line.Name", "床台鑄件"), new("Line.ComponentClass", "main"), new("Line.Quantity", "2600"), new("Line.Unit", "kg"), new("Line.Activity", "custom.casting-a")], handler: "Line");
        var page = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, url, [new("Line.LineNo", "40"), new("Line.Name", "組裝用電"), new("Line.ComponentClass", "energy"), new("Line.Quantity", "1500"), new("Line.Unit", "kWh"), new("Line.Activity", "electricity.grid.tw")], handler: "Line")).Content.ReadAsStringAsync());
        var casting = 2600m * 1.85m;
        Assert.Equal((casting + (1500m * 0.474m)).ToString("N3", Zh), Testid(page, "footprint-total"));
        Assert.Equal((casting / (casting + (1500m * 0.474m)) * 100m).ToString("N2", Zh) + "%", Testid(page, "primary-share"));
        var report = await Pdf.TextAsync(await client.GetByteArrayAsync(url + "?handler=Report&lang=zh-TW"));
        Assert.Contains("reference period 2024-01-01~2024-12-31", report, StringComparison.Ordinal);

        // Another company has no such factor: its line does not calculate.
        var (_, other) = await app.SignInAsNewCompanyUserAsync("無此係數公司");
        Assert.DoesNotContain("casting-a", await other.GetStringAsync("/factors/company"), StringComparison.Ordinal);
        var otherUrl = await CreateAsync(other, "別家車床");
        var otherPage = WebUtility.HtmlDecode(await (await Forms.PostAsync(other, otherUrl, [new("Line.LineNo", "10"), new("Line.Name", "床台鑄件"), new("Line.ComponentClass", "main"), new("Line.Quantity", "2600"), new("Line.Unit", "kg"), new("Line.Activity", "custom.casting-a")], handler: "Line")).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"calculation-errors\"", otherPage, StringComparison.Ordinal);
    }
}

/// <summary>The operator adds PCRs and versions: checked field by field, never replaced; products follow the current
/// version, a locked footprint keeps the version it followed.</summary>
public abstract partial class ProductFootprintTests
{
    private static async Task<HttpResponseMessage> UploadPcrAsync(HttpClient client, string json) =>
        await Forms.PostFileAsync(client, "/operator/pcrs", null, "pcr.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task AnOperatorsNewPcrVersion_IsFollowed_AndALockedFootprintKeepsItsVersion()
    {
        var operatorClient = await app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        var template = await operatorClient.GetStringAsync("/operator/pcrs?handler=Document&id=tmba-cnc-lathe-2024&version=1.0");
        var id = $"test-lathe-{Guid.NewGuid():N}"[..30];
        var first = System.Text.Json.Nodes.JsonNode.Parse(template)!;
        first["id"] = id;
        Assert.Equal(HttpStatusCode.OK, (await UploadPcrAsync(operatorClient, first.ToJsonString())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await UploadPcrAsync(operatorClient, first.ToJsonString())).StatusCode);

        // A broken document is refused with the field it breaks.
        var broken = first.DeepClone();
        broken["version"] = "1.2";
        broken["cutoff"]!["totalMax"] = 0.001m;
        var refused = WebUtility.HtmlDecode(await (await UploadPcrAsync(operatorClient, broken.ToJsonString())).Content.ReadAsStringAsync());
        Assert.Contains("cutoff.totalMax", refused, StringComparison.Ordinal);
        var notAPcr = await UploadPcrAsync(operatorClient, "{\"id\": 1}");
        Assert.Equal(HttpStatusCode.BadRequest, notAPcr.StatusCode);
        Assert.Contains("$.id", WebUtility.HtmlDecode(await notAPcr.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // A company cannot manage PCRs.
        var (_, client) = await app.SignInAsNewCompanyUserAsync("新版規則公司");
        var denied = await client.GetAsync("/operator/pcrs");
        Assert.True(denied.StatusCode == HttpStatusCode.Forbidden || denied.RequestMessage!.RequestUri!.AbsolutePath.Contains("denied", StringComparison.OrdinalIgnoreCase), $"{denied.StatusCode}");

        var created = await Forms.PostAsync(client, "/products", [new("Name", "新版規則車床"), new("PcrId", id), new("Boundary", "cradle-to-gate")]);
        var url = created.RequestMessage!.RequestUri!.AbsolutePath;
        await Forms.PostAsync(client, url, [new("DataFrom", "2024-01-01"), new("DataTo", "2024-12-31")], handler: "Information");
        await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));
        await Forms.PostAsync(client, url, [], handler: "Lock");

        // Version 1.1: omissions up to 0.5 % only. The oil (≈ 0.6 %) now fails the total cut-off.
        var stricter = first.DeepClone();
        stricter["version"] = "1.1";
        stricter["published"] = "2025-06-01";
        stricter["cutoff"]!["singleMax"] = 0.005m;
        stricter["cutoff"]!["totalMax"] = 0.005m;
        Assert.Equal(HttpStatusCode.OK, (await UploadPcrAsync(operatorClient, stricter.ToJsonString())).StatusCode);
        var draft = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Assert.Contains("版本 1.1", draft, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"rule-cutoff.total\"><td>[^<]+</td><td>不符合</td>", draft);
        var locked = WebUtility.HtmlDecode(await client.GetStringAsync(url + "?version=1"));
        Assert.Contains("版本 1.0", locked, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"rule-cutoff.total\"><td>[^<]+</td><td>符合</td>", locked);
        Assert.Contains("1.1", await operatorClient.GetStringAsync("/operator/pcrs"), StringComparison.Ordinal);
    }
}
