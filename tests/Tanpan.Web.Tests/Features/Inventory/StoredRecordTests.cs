using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Inventory;

public sealed class StoredRecordTests_Sqlite(SqliteApp app) : StoredRecordTests(app), IClassFixture<SqliteApp>;

public sealed class StoredRecordTests_Postgres(PostgresApp app) : StoredRecordTests(app), IClassFixture<PostgresApp>;

/// <summary>A locked inventory is its own hashed record: later factor changes leave it alone, an edit in the
/// database shows as tampering, and a value stored before the limits never breaks the inventory's pages.</summary>
public abstract partial class StoredRecordTests(TanpanApp app)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\">([^<]*)")]
    private static partial Regex OptionPattern();

    private static string Testid(string html, string id) => Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<").Groups[1].Value.Trim();

    /// <summary>A company with one steam source on its own factor (custom.steam, 200 kg/t) and 10 t entered in 2024.</summary>
    private async Task<(Guid CompanyId, HttpClient Admin, HttpClient Reviewer, string Url, Guid InventoryId)> SetUpAsync(string name)
    {
        var (companyId, admin) = await app.SignInAsNewCompanyUserAsync(name);
        var reviewer = await app.SignInAsColleagueAsync(companyId, Roles.Reviewer);
        var key = "key-" + Guid.NewGuid().ToString("N");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), CompanyId = companyId, Name = "t", KeyHash = ApiKeys.Hash(key), Prefix = key[..8], Scopes = "factors:write factors:read", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var erp = app.CreateClient();
        erp.DefaultRequestHeaders.Add("X-Api-Key", key);
        await erp.PostAsync("/api/v1/custom-factors", System.Net.Http.Json.JsonContent.Create(new { code = "steam", name = "蒸汽", value = 200, unit = "kgCO2e/t", source = "supplier 2024" }));
        await Forms.PostAsync(admin, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var facility = OptionPattern().Match(await admin.GetStringAsync("/inventory/register")).Groups[1].Value;
        await Forms.PostAsync(admin, "/inventory/register", [new("Source.FacilityId", facility), new("Source.Category", "2.2"), new("Source.Activity", "custom.steam"), new("Source.Description", "外購蒸汽")], handler: "Source");
        var created = await Forms.PostAsync(admin, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        var url = created.RequestMessage!.RequestUri!.AbsolutePath;
        var html = await created.Content.ReadAsStringAsync();
        var source = OptionPattern().Matches(html).First(m => m.Groups[2].Value.StartsWith("外購蒸汽", StringComparison.Ordinal)).Groups[1].Value;
        await Forms.PostAsync(admin, url, [new("Entry.SourceId", source), new("Entry.From", "2024-03-01"), new("Entry.To", "2024-03-31"), new("Entry.Quantity", "10"), new("Entry.Unit", "t")], handler: "Entry");
        return (companyId, admin, reviewer, url, Guid.Parse(url.Split('/')[^1]));
    }

    private static async Task LockAsync(HttpClient admin, HttpClient reviewer, string url)
    {
        await Forms.PostAsync(admin, url, [new("Comment", "")], handler: "Submit");
        var locked = await (await Forms.PostAsync(reviewer, url, [new("Comment", "")], handler: "Approve")).Content.ReadAsStringAsync();
        Assert.Equal("已核准鎖定", Testid(locked, "status"));
    }

    private async Task ChangeSteamFactorAsync(Guid companyId, decimal value)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var factor = await db.Set<Tanpan.Web.Features.Factors.CompanyFactor>().IgnoreQueryFilters().SingleAsync(f => f.CompanyId == companyId && f.Code == "steam");
        factor.KgCo2ePerUnit = value;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Lock_FreezesTheResult_AgainstALaterFactorChange_AndUnlockLetsItChange()
    {
        var (companyId, admin, reviewer, url, _) = await SetUpAsync("凍結公司");
        Assert.Equal((2000m / 1000m).ToString("N3", Zh), Testid(await admin.GetStringAsync(url), "total"));
        await LockAsync(admin, reviewer, url);

        await ChangeSteamFactorAsync(companyId, 300m);

        var locked = await admin.GetStringAsync(url);
        Assert.Equal((2000m / 1000m).ToString("N3", Zh), Testid(locked, "total"));
        Assert.DoesNotContain("data-testid=\"tampered\"", locked, StringComparison.Ordinal);
        var pdf = await Pdf.TextAsync(await admin.GetByteArrayAsync($"{url}?handler=Pdf"));
        Assert.Contains("2.000", pdf, StringComparison.Ordinal);
        Assert.Contains("核准", pdf, StringComparison.Ordinal);

        await Forms.PostAsync(admin, url, [new("Comment", "補正蒸汽係數")], handler: "Unlock");
        Assert.Equal((3000m / 1000m).ToString("N3", Zh), Testid(await admin.GetStringAsync(url), "total"));
    }

    public static TheoryData<string> LockedFields => new()
    {
        "companyName", "year", "boundary", "result.totalKgCo2e", "result.scope2KgCo2e", "result.lines.0.kgCo2e", "result.lines.0.quantity",
        "result.factors.0.value", "result.factors.0.source", "byMonth.2", "entries.0.quantity", "review.approvedBy", "review.singlePersonReview", "facilities.0.name",
        "statements.0.measurement",
    };

    [Fact]
    public async Task ALockedYear_KeepsTheDataQualityItWasApprovedWith_WhileTheRegisterStatesBetterForLaterYears()
    {
        var (_, admin, reviewer, url, _) = await SetUpAsync("品質凍結公司");
        await LockAsync(admin, reviewer, url);
        var register = await admin.GetStringAsync("/inventory/register");
        var facility = OptionPattern().Match(register).Groups[1].Value;
        var sourceId = Regex.Match(register, @"\?edit=([0-9a-f-]{36})").Groups[1].Value;
        // Unstated = the worst case: A1 3 (estimated) × A2 3 (not calibrated) × A3 1 (own factor) = 9.
        Assert.Equal("9.00", Testid(await admin.GetStringAsync(url), "quality-score"));
        var edit = await admin.GetStringAsync($"/inventory/register?edit={sourceId}");
        Assert.Contains("data-testid=\"source-locked-years\"", edit, StringComparison.Ordinal);

        List<KeyValuePair<string, string>> Fields(string description) =>
        [
            new("Source.FacilityId", facility), new("Source.Category", "2.2"), new("Source.Activity", "custom.steam"), new("Source.Description", description),
            new("Source.Measurement", "Continuous"), new("Source.Calibration", "External"), new("Source.ActivityUncertaintyPercent", "2"), new("Source.FactorUncertaintyPercent", "5"),
        ];

        // What identifies the source cannot change under a locked year; its statements can.
        var renamed = await Forms.PostAsync(admin, "/inventory/register", Fields("改名蒸汽"), handler: $"UpdateSource&sourceId={sourceId}");
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.Contains("已鎖定的 2024 年盤查", WebUtility.HtmlDecode(await renamed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var improved = await Forms.PostAsync(admin, "/inventory/register", Fields("外購蒸汽"), handler: $"UpdateSource&sourceId={sourceId}");
        Assert.Contains("已更新排放源", await improved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var locked = await admin.GetStringAsync(url);
        Assert.Equal("9.00", Testid(locked, "quality-score"));
        Assert.DoesNotContain("data-testid=\"quality-uncertainty\"", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"tampered\"", locked, StringComparison.Ordinal);
        Assert.Contains("9.00 分", await Pdf.TextAsync(await admin.GetByteArrayAsync($"{url}?handler=Pdf")), StringComparison.Ordinal);

        // Unlocked, the year is live again and takes the register's statements: 1 × 1 × 1 = 1, ±√(2² + 5²) %.
        await Forms.PostAsync(admin, url, [new("Comment", "重新檢視")], handler: "Unlock");
        var live = await admin.GetStringAsync(url);
        Assert.Equal("1.00", Testid(live, "quality-score"));
        Assert.Equal(Math.Sqrt(29).ToString("N2", Zh), Testid(live, "quality-uncertainty"));
    }

    [Theory]
    [MemberData(nameof(LockedFields))]
    public async Task ALockedRecordEditedInTheDatabase_ShowsATamperWarning_AndWithholdsTheReport(string field)
    {
        var (_, admin, reviewer, url, id) = await SetUpAsync("竄改盤查 " + field);
        await LockAsync(admin, reviewer, url);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var row = await db.Inventories.IgnoreQueryFilters().SingleAsync(i => i.Id == id);
            row.LockedRecordJson = WorkOrders.CertificateTests.Edit(row.LockedRecordJson!, field);
            await db.SaveChangesAsync();
        }

        var page = await admin.GetStringAsync(url);
        Assert.Contains("data-testid=\"tampered\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync($"{url}?handler=Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync($"{url}?handler=Export")).StatusCode);
    }

    [Fact]
    public async Task AValueStoredBeforeTheLimits_NeverBreaksTheInventory_AndCanBeDeleted()
    {
        var (_, admin, _, url, id) = await SetUpAsync("舊資料公司");
        Guid entryId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var entry = await db.Entries.IgnoreQueryFilters().FirstAsync(e => e.InventoryId == id);
            entry.Quantity = 9e17m;
            entryId = entry.Id;
            await db.SaveChangesAsync();
        }

        var page = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("1e15", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((int)(await admin.GetAsync($"{url}?handler=Pdf")).StatusCode < 500);
        Assert.True((int)(await admin.GetAsync($"{url}?handler=Export")).StatusCode < 500);
        var deleted = await Forms.PostAsync(admin, $"{url}?entryId={entryId}", [], handler: "Delete");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using (var check = app.Services.CreateScope())
        {
            Assert.Equal(0, await check.ServiceProvider.GetRequiredService<TanpanDb>().Entries.IgnoreQueryFilters().CountAsync(e => e.InventoryId == id));
        }

        Assert.True((int)(await Forms.PostAsync(admin, url, [new("Comment", "")], handler: "Submit")).StatusCode < 500);
        Assert.Equal("已送審", Testid(await admin.GetStringAsync(url), "status"));
    }
}
