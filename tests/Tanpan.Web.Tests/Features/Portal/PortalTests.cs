using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Portal;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Portal;

public sealed class PortalTests_Sqlite(SqliteApp app) : PortalTests(app), IClassFixture<SqliteApp>;

public sealed class PortalTests_Postgres(PostgresApp app) : PortalTests(app), IClassFixture<PostgresApp>;

/// <summary>The service portal end to end: the operator publishes cases, vendors and notices; members read them
/// with filters; a member's requests reach the operator and come back with a status, and stay the company's own.</summary>
public abstract partial class PortalTests(TanpanApp app)
{
    [GeneratedRegex("data-testid=\"(?:match|consultation)-([0-9a-f-]{36})\"")]
    private static partial Regex RequestRow();

    private Task<HttpClient> OperatorAsync() => app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);

    private static List<KeyValuePair<string, string>> CaseFields(string title, string sector = "SurfaceTreatment", string measure = "FuelSwitch", string published = "true") =>
    [
        new("Input.TitleZh", title), new("Input.TitleEn", "Case " + title), new("Input.Sector", sector), new("Input.Measure", measure),
        new("Input.SummaryZh", "以熱泵取代燃油鍋爐"), new("Input.SummaryEn", "Heat pumps replace a boiler"), new("Input.InvestmentNtd", "1000000"),
        new("Input.AnnualSavingNtd", "400000"), new("Input.AnnualAbatementT", "120.5"), new("Input.CompanyName", ""), new("Input.Year", "2024"),
        new("Input.Published", published), new("Input.Published", "false"),
    ];

    private async Task<Guid> CaseIdAsync(string title)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<TanpanDb>().PortalCases.SingleAsync(c => c.TitleZh == title)).Id;
    }

    private async Task<Guid> VendorAsync(HttpClient op, string name, params string[] categories)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.NameZh", name), new("Input.NameEn", "Vendor " + name), new("Input.ContactName", "王經理"), new("Input.Email", "sales@example.com"),
            new("Input.Phone", "04-1234-5678"), new("Input.Website", "https://example.com/"), new("Input.DescriptionZh", "熱泵系統"), new("Input.DescriptionEn", "Heat pump systems"),
            new("Input.Listed", "true"), new("Input.Listed", "false"), .. categories.Select(c => new KeyValuePair<string, string>("Input.Categories", c)),
        ];
        var response = await Forms.PostAsync(op, "/operator/portal/vendors", fields);
        Assert.Contains("data-testid=\"done\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<TanpanDb>().PortalVendors.SingleAsync(v => v.NameZh == name)).Id;
    }

    [Fact]
    public async Task OperatorPublishesACase_MembersSeeIt_FiltersNarrow_AndUnpublishingHidesIt()
    {
        var op = await OperatorAsync();
        var title = "熱泵案例-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await Forms.PostAsync(op, "/operator/portal/cases", CaseFields(title));
        Assert.Contains("data-testid=\"done\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var id = await CaseIdAsync(title);

        var (_, viewer) = await app.SignInAsNewCompanyUserAsync("案例讀者廠", Roles.Viewer);
        Assert.Contains(title, await viewer.GetStringAsync("/portal/cases"), StringComparison.Ordinal);
        Assert.Contains(title, await viewer.GetStringAsync("/portal/cases?sector=SurfaceTreatment&measure=FuelSwitch"), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await viewer.GetStringAsync("/portal/cases?sector=Textiles"), StringComparison.Ordinal);
        Assert.DoesNotContain(title, await viewer.GetStringAsync("/portal/cases?measure=GreenPower"), StringComparison.Ordinal);
        // A filter the address got wrong shows everything instead of failing.
        Assert.Contains(title, await viewer.GetStringAsync("/portal/cases?sector=99&measure=abc"), StringComparison.Ordinal);

        var detail = await viewer.GetStringAsync($"/portal/cases/{id}");
        // 1,000,000 / 400,000 a year = 2.5 years; blank company name = anonymous.
        Assert.Contains("data-testid=\"payback\">2.5 年", detail, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"anonymous\"", detail, StringComparison.Ordinal);
        Assert.Contains("120.5", detail, StringComparison.Ordinal);

        // Edited, then unpublished: gone from the list and the detail page.
        List<KeyValuePair<string, string>> edited = [new("Input.Id", id.ToString()), .. CaseFields(title, measure: "EquipmentEfficiency")];
        await Forms.PostAsync(op, $"/operator/portal/cases?edit={id}", edited);
        Assert.Contains(title, await viewer.GetStringAsync("/portal/cases?measure=EquipmentEfficiency"), StringComparison.Ordinal);
        await Forms.PostAsync(op, "/operator/portal/cases", [], handler: $"Publish&id={id}&published=false");
        Assert.DoesNotContain(title, await viewer.GetStringAsync("/portal/cases"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/portal/cases/{id}")).StatusCode);
        Assert.Contains(title, await op.GetStringAsync("/operator/portal/cases"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadCase_IsRefusedFieldByField_InBothLanguages_AndNothingIsSaved()
    {
        var op = await OperatorAsync();
        var title = "壞案例-" + Guid.NewGuid().ToString("N")[..8];
        List<KeyValuePair<string, string>> bad = [.. CaseFields(title).Where(f => f.Key is not ("Input.TitleEn" or "Input.Sector" or "Input.InvestmentNtd" or "Input.Year")),
            new("Input.TitleEn", ""), new("Input.Sector", "99"), new("Input.InvestmentNtd", "abc"), new("Input.Year", "1800")];
        var response = await Forms.PostAsync(op, "/operator/portal/cases", bad);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("請填英文標題（200 字以內）", page, StringComparison.Ordinal);
        Assert.Matches("請選擇產業：機械設備業、", page);
        Assert.Contains("投資金額須為 0 到 1000 億之間的數字（NT$）", page, StringComparison.Ordinal);
        Assert.Matches("完成年度須為 2000 到 \\d{4} 之間的整數", page);

        await op.GetAsync("/?lang=en");
        var english = await (await Forms.PostAsync(op, "/operator/portal/cases", bad)).Content.ReadAsStringAsync();
        Assert.Contains("English title is required (up to 200 characters)", english, StringComparison.Ordinal);
        Assert.Contains("choose a sector: Machinery, ", english, StringComparison.Ordinal);
        Assert.Contains("Investment must be a number from 0 to 100 billion (NT$)", english, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TanpanDb>().PortalCases.AnyAsync(c => c.TitleZh == title));
    }

    [Fact]
    public async Task Matchmaking_ReachesTheOperator_ComesBackWithItsStatus_AndStaysTheCompanysOwn()
    {
        var op = await OperatorAsync();
        var name = "熱泵廠商-" + Guid.NewGuid().ToString("N")[..8];
        var vendorId = await VendorAsync(op, name, "HeatPump", "BoilerFuelSwitch");

        var (companyA, admin) = await app.SignInAsNewCompanyUserAsync("媒合甲廠");
        Assert.Contains(name, await admin.GetStringAsync("/portal/vendors?category=HeatPump"), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await admin.GetStringAsync("/portal/vendors?category=Solar"), StringComparison.Ordinal);

        var need = "清洗槽加熱改熱泵-" + Guid.NewGuid().ToString("N")[..6];
        var sent = await Forms.PostAsync(admin, $"/portal/vendors/{vendorId}",
            [new("Input.Need", need), new("Input.Site", "台南廠"), new("Input.Budget", "From2mTo10m"), new("Input.ContactName", "陳先生"), new("Input.ContactPhone", "06-000-0000")]);
        var mine = await sent.Content.ReadAsStringAsync();
        Assert.Contains(need, mine, StringComparison.Ordinal);
        Assert.Contains("新申請", mine, StringComparison.Ordinal);
        var requestId = Guid.Parse(RequestRow().Match(mine[mine.IndexOf("my-matches", StringComparison.Ordinal)..]).Groups[1].Value);

        // The clerk may send one too; the viewer may not.
        var clerk = await app.SignInAsColleagueAsync(companyA, Roles.DataClerk);
        Assert.Contains("data-testid=\"send-match\"", await clerk.GetStringAsync($"/portal/vendors/{vendorId}"), StringComparison.Ordinal);
        var viewer = await app.SignInAsColleagueAsync(companyA, Roles.Viewer);
        Assert.DoesNotContain("data-testid=\"send-match\"", await viewer.GetStringAsync($"/portal/vendors/{vendorId}"), StringComparison.Ordinal);
        Assert.Contains(need, await viewer.GetStringAsync("/portal/requests"), StringComparison.Ordinal);

        // Company B sees none of it, not even by id.
        var (_, other) = await app.SignInAsNewCompanyUserAsync("媒合乙廠");
        Assert.DoesNotContain(need, await other.GetStringAsync("/portal/requests"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/portal/requests/{requestId}")).StatusCode);
        Assert.Contains(need, await admin.GetStringAsync($"/portal/requests/{requestId}"), StringComparison.Ordinal);

        // The operator sees it with the company's name, and moves it along with a note.
        var operatorPage = await op.GetStringAsync("/operator/portal/requests");
        Assert.Contains(need, operatorPage, StringComparison.Ordinal);
        Assert.Contains("媒合甲廠", operatorPage, StringComparison.Ordinal);
        await Forms.PostAsync(op, "/operator/portal/requests", [new("status", "Matched"), new("note", "已安排廠商下週到廠")], handler: $"Match&id={requestId}");
        var after = await admin.GetStringAsync($"/portal/requests/{requestId}");
        Assert.Contains("data-testid=\"status\">已媒合", after, StringComparison.Ordinal);
        Assert.Contains("已安排廠商下週到廠", after, StringComparison.Ordinal);

        // A status that is not one of the operator's steps is refused by name.
        var refused = await (await Forms.PostAsync(op, "/operator/portal/requests", [new("status", "New"), new("note", "")], handler: $"Match&id={requestId}")).Content.ReadAsStringAsync();
        Assert.Contains("請選擇狀態：媒合中、已媒合、已結案", refused, StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var row = await db.MatchmakingRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == requestId);
        Assert.Equal((companyA, MatchmakingStatus.Matched), (row.CompanyId, row.Status));
        // The operator's change is in the company's audit trail.
        Assert.True(await db.Audit.IgnoreQueryFilters().AnyAsync(a => a.CompanyId == companyA && a.Entity == nameof(MatchmakingRequest) && a.Action == "Modified" && a.User == TanpanApp.OperatorEmail));
    }

    [Fact]
    public async Task Consultation_FromAnyRole_IsAnswered_AndBadInputIsNamedByField()
    {
        var (companyA, _) = await app.SignInAsNewCompanyUserAsync("諮詢甲廠");
        var viewer = await app.SignInAsColleagueAsync(companyA, Roles.Viewer);
        var bad = await (await Forms.PostAsync(viewer, "/portal/requests", [new("Input.Topic", "Tax"), new("Input.Message", ""), new("Input.PreferredContact", "7"), new("Input.ContactDetail", new string('x', 101))], handler: "Consult")).Content.ReadAsStringAsync();
        Assert.Contains("請選擇諮詢主題：溫室氣體盤查、", bad, StringComparison.Ordinal);
        Assert.Contains("請填問題說明（2000 字以內）", bad, StringComparison.Ordinal);
        Assert.Contains("請選擇聯絡方式：電話、", bad, StringComparison.Ordinal);
        Assert.Contains("聯絡電話或電子郵件須為 100 字以內的文字（目前 101 字）", bad, StringComparison.Ordinal);

        var question = "CBAM 申報要準備什麼-" + Guid.NewGuid().ToString("N")[..6];
        var sent = await (await Forms.PostAsync(viewer, "/portal/requests", [new("Input.Topic", "Cbam"), new("Input.Message", question), new("Input.PreferredContact", "Email"), new("Input.ContactDetail", "a@example.com")], handler: "Consult")).Content.ReadAsStringAsync();
        Assert.Contains(question, sent, StringComparison.Ordinal);
        var id = Guid.Parse(RequestRow().Match(sent).Groups[1].Value);

        var (_, other) = await app.SignInAsNewCompanyUserAsync("諮詢乙廠");
        Assert.DoesNotContain(question, await other.GetStringAsync("/portal/requests"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/portal/requests/{id}")).StatusCode);

        var op = await OperatorAsync();
        Assert.Contains(question, await op.GetStringAsync("/operator/portal/requests"), StringComparison.Ordinal);
        // Answered needs a reply.
        var noReply = await (await Forms.PostAsync(op, "/operator/portal/requests", [new("status", "Answered"), new("note", "")], handler: $"Consult&id={id}")).Content.ReadAsStringAsync();
        Assert.Contains("請填回覆（2000 字以內）", noReply, StringComparison.Ordinal);
        await Forms.PostAsync(op, "/operator/portal/requests", [new("status", "Answered"), new("note", "顧問將寄送檢核表")], handler: $"Consult&id={id}");
        var mine = await viewer.GetStringAsync("/portal/requests");
        Assert.Contains("顧問將寄送檢核表", mine, StringComparison.Ordinal);
        Assert.Contains("已回覆", mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notices_OpenDeadlinesFirst_PastOnesShownClosed_AndADeadlineIsRequired()
    {
        var op = await OperatorAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        List<KeyValuePair<string, string>> Notice(string title, DateOnly? date, string kind = "Subsidy") =>
            [new("Input.Kind", kind), new("Input.TitleZh", title), new("Input.TitleEn", "Notice " + title), new("Input.BodyZh", "內容"), new("Input.BodyEn", "Text"),
             new("Input.Date", date is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : ""), new("Input.Link", "https://example.com/x"), new("Input.Location", "台中")];
        await Forms.PostAsync(op, "/operator/portal/announcements", Notice("已截止補助" + tag, today.AddDays(-3)));
        await Forms.PostAsync(op, "/operator/portal/announcements", Notice("遠期課程" + tag, today.AddDays(90), "Training"));
        await Forms.PostAsync(op, "/operator/portal/announcements", Notice("近期補助" + tag, today.AddDays(5)));
        var refused = await (await Forms.PostAsync(op, "/operator/portal/announcements", [.. Notice("無日期" + tag, null).Where(f => f.Key != "Input.Link"), new("Input.Link", "javascript:alert(1)")])).Content.ReadAsStringAsync();
        Assert.Contains("申請截止日或活動日期須為 2000 到 2100 年間的日期", refused, StringComparison.Ordinal);
        Assert.Contains("相關連結須為 http:// 或 https:// 開頭的網址", refused, StringComparison.Ordinal);

        var (_, member) = await app.SignInAsNewCompanyUserAsync("公告讀者廠", Roles.Reviewer);
        var page = await member.GetStringAsync("/portal/announcements");
        var near = page.IndexOf("近期補助" + tag, StringComparison.Ordinal);
        var far = page.IndexOf("遠期課程" + tag, StringComparison.Ordinal);
        var closed = page.IndexOf("已截止補助" + tag, StringComparison.Ordinal);
        Assert.True(near >= 0 && near < far && far < closed, $"order {near} {far} {closed}");
        Assert.Contains("data-testid=\"closed\">已截止", page[closed..], StringComparison.Ordinal);
        Assert.DoesNotContain("無日期" + tag, page, StringComparison.Ordinal);
        Assert.DoesNotContain("遠期課程" + tag, await member.GetStringAsync("/portal/announcements?kind=Subsidy"), StringComparison.Ordinal);
        Assert.Contains("近期補助" + tag, await member.GetStringAsync("/portal"), StringComparison.Ordinal);
    }
}
