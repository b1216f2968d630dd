using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Inventory;

public sealed class InventoryWorkflowTests_Sqlite(SqliteApp app) : InventoryWorkflowTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryWorkflowTests_Postgres(PostgresApp app) : InventoryWorkflowTests(app), IClassFixture<PostgresApp>;

/// <summary>Register facilities and sources, enter a Taipower bill and fuel, see results with traces,
/// submit → approve → lock (snapshot), unlock with a reason; audit log; other companies see nothing.</summary>
public abstract partial class InventoryWorkflowTests(TanpanApp app)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\">([^<]*)")]
    private static partial Regex OptionPattern();

    private static async Task<(string InventoryUrl, string Html)> SetUpAsync(HttpClient client, int year)
    {
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", "台中一廠"), new("FacilityAddress", "臺中市")], handler: "Facility");
        var register = await client.GetStringAsync("/inventory/register");
        var facilityId = OptionPattern().Match(register).Groups[1].Value;
        Assert.NotEmpty(facilityId);
        await Forms.PostAsync(client, "/inventory/register", Source(facilityId, "2.1", "electricity.grid.tw", "全廠用電"), handler: "Source");
        await Forms.PostAsync(client, "/inventory/register", Source(facilityId, "1.1", "fuel.diesel", "緊急發電機", "stationary"), handler: "Source");

        var created = await Forms.PostAsync(client, "/inventory", [new("Year", year.ToString(CultureInfo.InvariantCulture)), new("Boundary", "OperationalControl")]);
        var url = created.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches("^/inventory/[0-9a-f-]{36}$", url);
        return (url, await created.Content.ReadAsStringAsync());
    }

    private static List<KeyValuePair<string, string>> Source(string facilityId, string category, string activity, string description, string use = "") =>
    [
        new("Source.FacilityId", facilityId), new("Source.Category", category), new("Source.Activity", activity), new("Source.Use", use),
        new("Source.Technology", ""), new("Source.Description", description), new("Source.MeterNumber", "01-2345-67-8"), new("Source.DataOwner", "廠務課"),
    ];

    private static string SourceId(string html, string description) =>
        OptionPattern().Matches(html).First(m => m.Groups[2].Value.StartsWith(description, StringComparison.Ordinal)).Groups[1].Value;

    private static string Testid(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no {id} on page");
        return match.Groups[1].Value.Trim();
    }

    [Fact]
    public async Task BillAndFuel_GiveTotalsWithTrace_AndLockFreezesThem()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("精密機械 A");
        var reviewer = await app.SignInAsColleagueAsync(companyId, Tanpan.Web.Platform.Security.Roles.Reviewer);
        var (url, html) = await SetUpAsync(client, 2024);

        var bill = await Forms.PostAsync(client, url, [
            new("Entry.SourceId", SourceId(html, "全廠用電")), new("Entry.From", "2023-12-15"), new("Entry.To", "2024-02-14"),
            new("Entry.PeakKwh", "5000"), new("Entry.SemiPeakKwh", "2000"), new("Entry.SaturdaySemiPeakKwh", "640"), new("Entry.OffPeakKwh", "1000"),
            new("Entry.ContractCapacityKw", "300"), new("Entry.Reference", "BILL-1")], handler: "Bill");
        Assert.Equal(HttpStatusCode.OK, bill.StatusCode);
        await Forms.PostAsync(client, url, [new("Entry.SourceId", SourceId(html, "緊急發電機")), new("Entry.From", "2024-03-01"), new("Entry.To", "2024-03-01"), new("Entry.Quantity", "2"), new("Entry.Unit", "公秉")], handler: "Entry");

        var page = await client.GetStringAsync(url);
        var electricity = 8640m * 45m / 62m * 0.474m;
        var diesel = 2000m * 2.6858562615396m;
        Assert.Equal(((electricity + diesel) / 1000m).ToString("N3", Zh), Testid(page, "total"));
        Assert.Equal((electricity / 1000m).ToString("N3", Zh), Testid(page, "scope-2"));
        Assert.Equal(((electricity / (electricity + diesel)) * 100m).ToString("N2", Zh) + "%", Testid(page, "estimated-share"));
        Assert.Contains("1139101231", page, StringComparison.Ordinal);
        Assert.Contains("45/62", page, StringComparison.Ordinal);

        var pdf = await client.GetAsync($"{url}?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = await Pdf.TextAsync(pdfBytes);
        Assert.Contains("精密機械 A 2024 年溫室氣體盤查報告書", text, StringComparison.Ordinal);
        Assert.Contains(((electricity + diesel) / 1000m).ToString("N3", Zh), text, StringComparison.Ordinal);
        Assert.Contains("環部授氣字第1139101231號", text, StringComparison.Ordinal);
        Assert.Contains("緊急發電機", text, StringComparison.Ordinal);
        Assert.Matches(@"第\s*1\s*/\s*[0-9]+\s*頁", text);
        Assert.DoesNotContain("⽉", text, StringComparison.Ordinal); // 月 must not extract as the Kangxi radical

        await Forms.PostAsync(client, url, [new("Comment", "")], handler: "Submit");
        var selfApproval = await Forms.PostAsync(client, url, [new("Comment", "")], handler: "Approve");
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal("已送審", Testid(await client.GetStringAsync(url), "status"));
        var locked = await (await Forms.PostAsync(reviewer, url, [new("Comment", "")], handler: "Approve")).Content.ReadAsStringAsync();
        Assert.Equal("已核准鎖定", Testid(locked, "status"));
        Assert.Contains("鎖定快照", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"entry-form\"", locked, StringComparison.Ordinal);

        // Locked data cannot change: a direct post is refused and the total stays.
        var refused = await Forms.PostAsync(client, url, [new("Entry.SourceId", SourceId(html, "緊急發電機")), new("Entry.From", "2024-04-01"), new("Entry.To", "2024-04-01"), new("Entry.Quantity", "1"), new("Entry.Unit", "L")], handler: "Entry");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("不能修改", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(((electricity + diesel) / 1000m).ToString("N3", Zh), Testid(await client.GetStringAsync(url), "total"));

        var noReason = await (await Forms.PostAsync(client, url, [new("Comment", "")], handler: "Unlock")).Content.ReadAsStringAsync();
        Assert.NotEmpty(Testid(noReason, "comment-error"));
        var unlocked = await (await Forms.PostAsync(client, url, [new("Comment", "補登 4 月發電機用油")], handler: "Unlock")).Content.ReadAsStringAsync();
        Assert.Equal("草稿", Testid(unlocked, "status"));

        var audit = await client.GetStringAsync("/inventory/audit");
        Assert.Contains("補登 4 月發電機用油", audit, StringComparison.Ordinal);
        Assert.Contains("活動數據", audit, StringComparison.Ordinal);
        Assert.Contains("狀態 已核准鎖定 → 草稿", audit, StringComparison.Ordinal);
        Assert.Matches("<td>u-[0-9a-f]{32}@example.test</td>", audit);
    }

    [Theory]
    [InlineData("Entry", "Entry.Unit", "kg", "Entry.Quantity", "5")]
    [InlineData("Entry", "Entry.Quantity", "-5", "Entry.Unit", "L")]
    [InlineData("Entry", "Entry.Quantity", "abc", "Entry.Unit", "L")]
    [InlineData("Bill", "Entry.PeakKwh", "-1", "Entry.OffPeakKwh", "10")]
    public async Task BadActivityData_ShowsTheFieldError_AndStoresNothing(string handler, string field, string value, string otherField, string otherValue)
    {
        var client = (await app.SignInAsNewCompanyUserAsync("精密機械 B")).Client;
        var (url, html) = await SetUpAsync(client, 2023);
        var source = SourceId(html, handler == "Bill" ? "全廠用電" : "緊急發電機");

        var response = await Forms.PostAsync(client, url, [new("Entry.SourceId", source), new("Entry.From", "2023-05-01"), new("Entry.To", "2023-05-31"), new(field, value), new(otherField, otherValue)], handler: handler);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("field-error\">[^<]+<", page);
        Assert.DoesNotContain("2023-05-01 –", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCompany_GetsNotFound_ForEveryInventoryUrl()
    {
        var a = (await app.SignInAsNewCompanyUserAsync("A 公司")).Client;
        var (url, html) = await SetUpAsync(a, 2022);
        var sourceA = SourceId(html, "全廠用電");
        await Forms.PostAsync(a, url, [new("Entry.SourceId", SourceId(html, "緊急發電機")), new("Entry.From", "2022-03-01"), new("Entry.To", "2022-03-31"), new("Entry.Quantity", "50"), new("Entry.Unit", "L")], handler: "Entry");
        var entryA = Regex.Match(await a.GetStringAsync(url), "entryId=([0-9a-f-]{36})").Groups[1].Value;
        Assert.NotEmpty(entryA);
        var b = (await app.SignInAsNewCompanyUserAsync("B 公司")).Client;

        foreach (var get in new[] { url, $"{url}?handler=Template", $"{url}?handler=Export", $"{url}?handler=Pdf", $"{url}/significance" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(get)).StatusCode);
        }

        var token = Regex.Match(await b.GetStringAsync("/inventory"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        foreach (var handler in new[] { "Entry", "Bill", "Submit", "Approve", "Return", "Unlock", $"Delete&entryId={entryA}" })
        {
            var post = await b.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Entry.SourceId", sourceA), new("Comment", "x")]));
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{handler}: {post.StatusCode}");
        }

        var import = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent("x"u8.ToArray()), "file", "a.csv" } };
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"{url}?handler=Import", import)).StatusCode);
        var significance = await b.PostAsync($"{url}/significance", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, significance.StatusCode);

        var bInventories = await b.GetStringAsync("/inventory");
        Assert.DoesNotContain(url, bInventories, StringComparison.Ordinal);
        Assert.DoesNotContain("台中一廠", await b.GetStringAsync("/inventory/register"), StringComparison.Ordinal);
        Assert.DoesNotContain("緊急發電機", await b.GetStringAsync("/inventory/audit"), StringComparison.Ordinal);
        // A's entry is still there, untouched by B's delete.
        Assert.Contains(entryA, await a.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForeignSourceAndFacilityIds_AreRefused_InTheCompanysOwnInventory()
    {
        var a = (await app.SignInAsNewCompanyUserAsync("A 公司 ids")).Client;
        var (_, htmlA) = await SetUpAsync(a, 2023);
        var sourceA = SourceId(htmlA, "全廠用電");
        var facilityA = OptionPattern().Match(await a.GetStringAsync("/inventory/register")).Groups[1].Value;
        var b = (await app.SignInAsNewCompanyUserAsync("B 公司 ids")).Client;
        var (urlB, _) = await SetUpAsync(b, 2023);

        // B's own inventory, but A's source: refused as a field error, nothing stored.
        var entry = await Forms.PostAsync(b, urlB, [new("Entry.SourceId", sourceA), new("Entry.From", "2023-03-01"), new("Entry.To", "2023-03-31"), new("Entry.Quantity", "50"), new("Entry.Unit", "kWh")], handler: "Entry");
        var entryPage = await entry.Content.ReadAsStringAsync();
        Assert.True(entry.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, entry.StatusCode.ToString());
        Assert.Contains("data-testid=\"entry-count\">0<", await b.GetStringAsync(urlB), StringComparison.Ordinal);
        if (entry.StatusCode == HttpStatusCode.OK)
        {
            Assert.Matches("field-error\">[^<]+<", entryPage);
        }

        // B's register, but A's facility: refused, and no source of B's points at A's facility.
        var source = await Forms.PostAsync(b, "/inventory/register", Source(facilityA, "1.1", "fuel.diesel", "越界鍋爐", "stationary"), handler: "Source");
        Assert.True(source.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, source.StatusCode.ToString());
        Assert.DoesNotContain("越界鍋爐", await b.GetStringAsync("/inventory/register"), StringComparison.Ordinal);
        Assert.DoesNotContain("越界鍋爐", await a.GetStringAsync("/inventory/register"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.1", "fuel.diesel", "", "2.1 外購電力", "1.1 固定式燃燒", "柴油")]
    [InlineData("3.3", "refrigerant.R-410A", "", "3.3 員工通勤", "1.4 人為系統逸散", "冷媒 R-410A")]
    [InlineData("1.1", "electricity.grid.tw", "", "1.1 固定式燃燒", "2.1 外購電力", "台電外購電力")]
    public async Task ASourceInACategoryItsActivityCannotBelongTo_IsRefused_NamingBoth(string category, string activity, string use, string named, string allowed, string activityName)
    {
        var client = (await app.SignInAsNewCompanyUserAsync("類別檢查公司")).Client;
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var facility = OptionPattern().Match(await client.GetStringAsync("/inventory/register")).Groups[1].Value;

        var page = await (await Forms.PostAsync(client, "/inventory/register", Source(facility, category, activity, "錯置的排放源", use), handler: "Source")).Content.ReadAsStringAsync();

        var error = Regex.Match(page, "name=\"Source.Category\".*?<span class=\"field-error\">([^<]+)</span>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains(activityName, error, StringComparison.Ordinal);
        Assert.DoesNotContain(activity, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
        Assert.DoesNotContain("錯置的排放源", await client.GetStringAsync("/inventory/register"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/inventory");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
