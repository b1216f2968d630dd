using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Inventory;

public sealed class InventoryEditTests_Sqlite(SqliteApp app) : InventoryEditTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryEditTests_Postgres(PostgresApp app) : InventoryEditTests(app), IClassFixture<PostgresApp>;

/// <summary>Correcting and deleting entries and sources: the result follows, the audit log reads "數量 120 → 130",
/// and nothing a submitted or locked inventory was reviewed with can change; another company's rows are not found.</summary>
public abstract partial class InventoryEditTests(TanpanApp app)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    [Fact]
    public async Task CorrectingAnEntry_ChangesTheResult_AndTheAuditLogSaysWhatChanged()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("修正測試 A");
        var (url, sources) = await SetUpAsync(client, 2024);
        await AddDieselAsync(client, url, sources["緊急發電機"], "120");
        var entryId = EntryIds(await client.GetStringAsync(url)).Single();

        var form = await client.GetStringAsync($"{url}?edit={entryId}");
        Assert.Contains("data-testid=\"edit-entry-form\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"120\"", form, StringComparison.Ordinal);

        var saved = await Forms.PostAsync(client, $"{url}?edit={entryId}", DieselFields(sources["緊急發電機"], "130"), handler: $"UpdateEntry&entryId={entryId}");
        var page = await saved.Content.ReadAsStringAsync();
        Assert.Contains("已更新一筆活動數據", page, StringComparison.Ordinal);
        Assert.Equal((130m * 2.6858562615396m / 1000m).ToString("N3", Zh), Testid(page, "total"));
        Assert.Single(EntryIds(page));

        var audit = WebUtility.HtmlDecode(await client.GetStringAsync("/inventory/audit"));
        Assert.Contains("數量 120 → 130", audit, StringComparison.Ordinal);
        Assert.Contains("修改 活動數據", audit, StringComparison.Ordinal);

        // Another company finds neither the entry nor the inventory.
        var (_, other) = await app.SignInAsNewCompanyUserAsync("修正測試 B");
        var (otherUrl, otherSources) = await SetUpAsync(other, 2024);
        var foreign = await Forms.PostAsync(other, otherUrl, DieselFields(otherSources["緊急發電機"], "999"), handler: $"UpdateEntry&entryId={entryId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal((130m * 2.6858562615396m / 1000m).ToString("N3", Zh), Testid(await client.GetStringAsync(url), "total"));
    }

    [Fact]
    public async Task ASubmittedInventory_RefusesCorrections_OfItsEntriesAndItsSources()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("修正測試 C");
        var (url, sources) = await SetUpAsync(client, 2024);
        await AddDieselAsync(client, url, sources["緊急發電機"], "50");
        var entryId = EntryIds(await client.GetStringAsync(url)).Single();
        await Forms.PostAsync(client, url, [new("Comment", "")], handler: "Submit");

        var entry = await Forms.PostAsync(client, url, DieselFields(sources["緊急發電機"], "500"), handler: $"UpdateEntry&entryId={entryId}");
        Assert.Equal(HttpStatusCode.Conflict, entry.StatusCode);
        var deleted = await Forms.PostAsync(client, url, [], handler: $"Delete&entryId={entryId}");
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);

        var register = await client.GetStringAsync("/inventory/register");
        var facility = FacilityPattern().Match(register).Groups[1].Value;
        var source = await Forms.PostAsync(client, "/inventory/register", SourceFields(facility, "1.1", "fuel.diesel", "改名的發電機", "stationary"), handler: $"UpdateSource&sourceId={sources["緊急發電機"]}");
        Assert.Equal(HttpStatusCode.Conflict, source.StatusCode);
        Assert.Contains("已送審或已鎖定的 2024 年盤查", WebUtility.HtmlDecode(await source.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var removed = await Forms.PostAsync(client, "/inventory/register", [], handler: $"DeleteSource&sourceId={sources["緊急發電機"]}");
        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);

        var after = await client.GetStringAsync(url);
        Assert.Equal((50m * 2.6858562615396m / 1000m).ToString("N3", Zh), Testid(after, "total"));
        Assert.Contains("緊急發電機", await client.GetStringAsync("/inventory/register"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASourceIsEditedInPlace_AndDeletedOnlyWhenItHasNoEntries()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("修正測試 D");
        var (url, sources) = await SetUpAsync(client, 2024);
        await AddDieselAsync(client, url, sources["緊急發電機"], "10");
        var register = await client.GetStringAsync("/inventory/register");
        var facility = FacilityPattern().Match(register).Groups[1].Value;

        var form = await client.GetStringAsync($"/inventory/register?edit={sources["緊急發電機"]}");
        Assert.Contains("data-testid=\"save-source\"", form, StringComparison.Ordinal);
        var renamed = await Forms.PostAsync(client, "/inventory/register", SourceFields(facility, "1.1", "fuel.diesel", "備用發電機", "stationary"), handler: $"UpdateSource&sourceId={sources["緊急發電機"]}");
        Assert.Contains("已更新排放源", await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("備用發電機", await client.GetStringAsync(url), StringComparison.Ordinal);

        // A category that cannot hold the activity is refused here too.
        var misfit = await (await Forms.PostAsync(client, "/inventory/register", SourceFields(facility, "2.1", "fuel.diesel", "備用發電機", "stationary"), handler: $"UpdateSource&sourceId={sources["緊急發電機"]}")).Content.ReadAsStringAsync();
        Assert.Contains("不適用於燃料燃燒", WebUtility.HtmlDecode(misfit), StringComparison.Ordinal);

        var withEntries = await Forms.PostAsync(client, "/inventory/register", [], handler: $"DeleteSource&sourceId={sources["緊急發電機"]}");
        Assert.Equal(HttpStatusCode.Conflict, withEntries.StatusCode);
        Assert.Contains("1 筆活動數據", await withEntries.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var empty = await Forms.PostAsync(client, "/inventory/register", [], handler: $"DeleteSource&sourceId={sources["全廠用電"]}");
        Assert.Contains("已刪除排放源「全廠用電」", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain("全廠用電", await client.GetStringAsync("/inventory/register"), StringComparison.Ordinal);
        Assert.Contains("刪除 排放源", WebUtility.HtmlDecode(await client.GetStringAsync("/inventory/audit")), StringComparison.Ordinal);
    }

    private static async Task<(string Url, Dictionary<string, string> Sources)> SetUpAsync(HttpClient client, int year)
    {
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", "一廠"), new("FacilityAddress", "")], handler: "Facility");
        var registerPage = await client.GetStringAsync("/inventory/register");
        var facility = FacilityPattern().Match(registerPage).Groups[1].Value;
        Assert.NotEmpty(facility);
        await Forms.PostAsync(client, "/inventory/register", SourceFields(facility, "2.1", "electricity.grid.tw", "全廠用電"), handler: "Source");
        await Forms.PostAsync(client, "/inventory/register", SourceFields(facility, "1.1", "fuel.diesel", "緊急發電機", "stationary"), handler: "Source");
        var created = await Forms.PostAsync(client, "/inventory", [new("Year", year.ToString(CultureInfo.InvariantCulture)), new("Boundary", "OperationalControl")]);
        var html = await created.Content.ReadAsStringAsync();
        var sources = SourceOption().Matches(html).GroupBy(m => m.Groups[2].Value.Split('（')[0].Trim()).ToDictionary(g => g.Key, g => g.First().Groups[1].Value);
        Assert.True(sources.ContainsKey("緊急發電機"), "sources on the page: " + string.Join(" / ", sources.Keys));
        return (created.RequestMessage!.RequestUri!.AbsolutePath, sources);
    }

    private static Task AddDieselAsync(HttpClient client, string url, string sourceId, string litres) =>
        Forms.PostAsync(client, url, DieselFields(sourceId, litres), handler: "Entry");

    private static List<KeyValuePair<string, string>> DieselFields(string sourceId, string litres) =>
        [new("Entry.SourceId", sourceId), new("Entry.From", "2024-03-01"), new("Entry.To", "2024-03-31"), new("Entry.Quantity", litres), new("Entry.Unit", "L"), new("Entry.Reference", "R-1")];

    private static List<KeyValuePair<string, string>> SourceFields(string facilityId, string category, string activity, string description, string use = "") =>
    [
        new("Source.FacilityId", facilityId), new("Source.Category", category), new("Source.Activity", activity), new("Source.Use", use),
        new("Source.Technology", ""), new("Source.Description", description), new("Source.MeterNumber", ""), new("Source.DataOwner", ""),
    ];

    private static List<string> EntryIds(string html) => EditLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

    private static string Testid(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no {id} on page");
        return match.Groups[1].Value.Trim();
    }

    [GeneratedRegex("name=\"Source.FacilityId\"[^>]*>\\s*<option value=\"([0-9a-f-]{36})\"")]
    private static partial Regex FacilityPattern();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\">([^<]*)")]
    private static partial Regex SourceOption();

    [GeneratedRegex(@"\?edit=([0-9a-f-]{36})#edit-entry")]
    private static partial Regex EditLink();
}
