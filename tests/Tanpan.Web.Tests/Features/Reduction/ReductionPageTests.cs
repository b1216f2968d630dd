using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Features.Inventory;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Reduction;

public sealed class ReductionPageTests_Sqlite(SqliteApp app) : ReductionPageTests(app), IClassFixture<SqliteApp>;

public sealed class ReductionPageTests_Postgres(PostgresApp app) : ReductionPageTests(app), IClassFixture<PostgresApp>;

/// <summary>/reduction as people use it: the base year from the company's own inventory, settings and measures
/// through the forms with errors next to their fields, the charts' data, and what a viewer may not do.</summary>
public abstract class ReductionPageTests(TanpanApp app)
{
    [Fact]
    public async Task TheBaseYear_ComesFromTheInventory_AndMeasuresMakeTheCurve()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("減碳頁面公司");
        await InventoryWithDieselAsync(client, 2024, "1000");

        // The same diesel through the stateless calculation: the plan's base year must agree with it.
        var calculated = await Problem.ReadJsonAsync(await app.PostInventoryAsync(new { reportingYear = 2024, lines = new[] { new { id = "d", category = "1.1", activity = "fuel.diesel", use = "stationary", quantity = 1000, unit = "L", factorYear = 2024 } } }));
        var expectedTonnes = calculated.GetProperty("totalKgCo2e").GetDecimal() / 1000m;
        var view = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction"));
        Assert.Equal(2024, view.GetProperty("baseYear").GetProperty("year").GetInt32());
        Assert.Equal("draft-inventory", view.GetProperty("baseYear").GetProperty("source").GetString());
        Assert.Equal(expectedTonnes, view.GetProperty("baseYear").GetProperty("tonnes").GetDecimal(), 9);

        var response = await client.GetAsync("/reduction");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.IsSuccessStatusCode, response.RequestMessage!.RequestUri + " " + page);
        Assert.Contains("進行中的盤查（尚未鎖定）", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-pathway\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-measures\"", page, StringComparison.Ordinal);

        var bad = await Forms.PostAsync(client, "/reduction/measures/new", MeasureFields("", "1000", "abc", "0"));
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("必填：措施名稱", badHtml, StringComparison.Ordinal);
        Assert.Contains("請輸入數字", badHtml, StringComparison.Ordinal);

        var added = await Forms.PostAsync(client, "/reduction/measures/new", MeasureFields("空壓機變頻", "200000", "80000", "0.8"));
        Assert.Equal("/reduction", added.RequestMessage!.RequestUri!.AbsolutePath);
        var withMeasure = WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync());
        Assert.Contains("已新增措施「空壓機變頻」", withMeasure, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-mac\"", withMeasure, StringComparison.Ordinal);
        // (200,000 × CRF(5 %, 10) − 80,000) ÷ 0.8 t, shown as a whole NT$.
        var crf = 0.05m * Pow(1.05m, 10) / (Pow(1.05m, 10) - 1m);
        var cost = ((200_000m * crf) - 80_000m) / 0.8m;
        Assert.Contains($"data-testid=\"cost-per-tonne\">{cost.ToString("N0", CultureInfo.GetCultureInfo("zh-TW"))}<", withMeasure, StringComparison.Ordinal);

        var id = Regex.Match(withMeasure, "href=\"/reduction/measures/([0-9a-f-]{36})\"").Groups[1].Value;
        var edited = await Forms.PostAsync(client, $"/reduction/measures/{id}", MeasureFields("空壓機變頻與管路改善", "250000", "90000", "1.0"));
        Assert.Contains("已儲存措施", WebUtility.HtmlDecode(await edited.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var measures = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction/measures"));
        Assert.Equal(250_000m, measures[0].GetProperty("capexNtd").GetDecimal());

        var deleted = await Forms.PostAsync(client, "/reduction", [], handler: $"Delete&id={id}");
        Assert.Contains("已刪除措施", WebUtility.HtmlDecode(await deleted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, (await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction/measures"))).GetArrayLength());
    }

    [Fact]
    public async Task Settings_AreValidatedPerField_AndSavedForTheNextVisit()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("減碳設定公司");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/reduction?lang=en"));
        Assert.Contains("data-testid=\"no-base\"", page, StringComparison.Ordinal);
        Assert.Contains("Reduction plan", page, StringComparison.Ordinal);
        await client.GetAsync("/reduction?lang=zh-Hant");

        var bad = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, "/reduction", Settings("2024", "-5", "custom", "150", "2030; 2050"), handler: "Settings")).Content.ReadAsStringAsync());
        Assert.Contains("以逗號分隔年份", bad, StringComparison.Ordinal);
        var bad2 = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, "/reduction", Settings("2024", "-5", "custom", "150", "2030, 2020"), handler: "Settings")).Content.ReadAsStringAsync());
        Assert.Contains("基準年排放須大於 0", bad2, StringComparison.Ordinal);
        Assert.Contains("自訂減量率須介於 0 至未滿 100 %", bad2, StringComparison.Ordinal);
        Assert.Contains("目標年須晚於基準年", bad2, StringComparison.Ordinal);

        var saved = await Forms.PostAsync(client, "/reduction", Settings("2024", "1200", "custom", "4", "2030, 2040"), handler: "Settings");
        var html = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.Contains("已儲存減碳計畫設定", html, StringComparison.Ordinal);
        Assert.Contains("計畫中輸入的數值", html, StringComparison.Ordinal);
        Assert.Contains("自訂（4 %）", html, StringComparison.Ordinal);
        var plan = (await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/reduction"))).GetProperty("plan");
        Assert.Equal(0.04m, plan.GetProperty("customRate").GetDecimal());
        Assert.Equal([2030, 2040], plan.GetProperty("targetYears").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public async Task AViewer_ReadsThePlan_ButCannotChangeIt_AndAnotherCompanysMeasureIsNotFound()
    {
        var (companyId, admin) = await app.SignInAsNewCompanyUserAsync("減碳權限公司");
        var created = await admin.PostAsJsonAsync("/api/v1/reduction/measures", new { name = "LED", kind = "equipment-efficiency", capexNtd = 1, annualSavingsNtd = 1, annualAbatementTonnes = 1, startYear = 2026, lifetimeYears = 5 });
        var id = (await Problem.ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var viewer = await app.SignInAsColleagueAsync(companyId, Roles.Viewer);
        var page = await viewer.GetStringAsync("/reduction");
        Assert.Contains("LED", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"settings-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"delete-measure\"", page, StringComparison.Ordinal);
        var denied = await viewer.GetAsync($"/reduction/measures/{id}");
        Assert.Contains("/access-denied", denied.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var (_, stranger) = await app.SignInAsNewCompanyUserAsync("另一家減碳公司");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/reduction/measures/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Forms.PostAsync(stranger, "/reduction", [], handler: $"Delete&id={id}")).StatusCode);
        Assert.DoesNotContain("LED", await stranger.GetStringAsync("/reduction"), StringComparison.Ordinal);
        Assert.Single((await Problem.ReadJsonAsync(await admin.GetAsync("/api/v1/reduction/measures"))).EnumerateArray());
    }

    private static List<KeyValuePair<string, string>> MeasureFields(string name, string capex, string savings, string tonnes) =>
    [
        new("Input.Name", name), new("Input.Kind", "equipment-efficiency"), new("Input.CapexNtd", capex), new("Input.AnnualOpexChangeNtd", ""),
        new("Input.AnnualSavingsNtd", savings), new("Input.AnnualAbatementTonnes", tonnes), new("Input.StartYear", "2026"), new("Input.LifetimeYears", "10"),
        new("Input.RampYears", "0"), new("Input.Basis", "廠商報價"),
    ];

    private static List<KeyValuePair<string, string>> Settings(string baseYear, string tonnes, string rate, string customPercent, string years) =>
    [
        new("Input.BaseYear", baseYear), new("Input.BaseYearTonnes", tonnes), new("Input.Boundary", "scopes-1-2"), new("Input.Rate", rate),
        new("Input.CustomRatePercent", customPercent), new("Input.TargetYears", years), new("Input.DiscountRatePercent", "5"),
    ];

    /// <summary>A facility, a diesel generator and one year's inventory with one month of diesel, through the pages.</summary>
    private static async Task InventoryWithDieselAsync(HttpClient client, int year, string litres)
    {
        var facility = await InventorySetup.FacilityAsync(client);
        await InventorySetup.SourceAsync(client, facility, "1.1", "fuel.diesel", "緊急發電機", "stationary");
        var (url, source) = await InventorySetup.InventoryAsync(client, year, "緊急發電機");
        var entry = await Forms.PostAsync(client, url,
            [new("Entry.SourceId", source), new("Entry.From", InventorySetup.Day(new(year, 3, 1))), new("Entry.To", InventorySetup.Day(new(year, 3, 31))), new("Entry.Quantity", litres), new("Entry.Unit", "L"), new("Entry.Reference", "R-1")], handler: "Entry");
        Assert.True(entry.IsSuccessStatusCode);
    }

    private static decimal Pow(decimal x, int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r *= x;
        }

        return r;
    }

}
