using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Inventory;

public sealed class InventoryExcelTests_Sqlite(SqliteApp app) : InventoryExcelTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryExcelTests_Postgres(PostgresApp app) : InventoryExcelTests(app), IClassFixture<PostgresApp>;

/// <summary>Template download, all-or-nothing import (xlsx and csv) with sheet/row/column errors, and the xlsx export.</summary>
public abstract partial class InventoryExcelTests(TanpanApp app)
{
    private static readonly string[] Columns =
    [
        "排放源 source", "期間起 from", "期間迄 to", "數量 quantity", "單位 unit",
        "尖峰度數 peak_kwh", "半尖峰度數 semi_peak_kwh", "週六半尖峰度數 saturday_semi_peak_kwh", "離峰度數 off_peak_kwh",
        "契約容量 contract_kw", "單據 reference",
    ];

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\">")]
    private static partial Regex OptionPattern();

    private static Dictionary<string, object?> Row(params object?[] values) => Columns.Select((c, i) => (c, i < values.Length ? values[i] : null)).ToDictionary(x => x.c, x => x.Item2);

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["活動數據"] = rows });
        return stream.ToArray();
    }

    private async Task<(HttpClient Client, string Url)> InventoryAsync()
    {
        var client = (await app.SignInAsNewCompanyUserAsync("匯入測試公司")).Client;
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var facility = OptionPattern().Match(await client.GetStringAsync("/inventory/register")).Groups[1].Value;
        foreach (var (category, activity, description, use) in new[] { ("2.1", "electricity.grid.tw", "一廠用電", ""), ("1.1", "fuel.diesel", "鍋爐柴油", "stationary") })
        {
            await Forms.PostAsync(client, "/inventory/register", [new("Source.FacilityId", facility), new("Source.Category", category), new("Source.Activity", activity), new("Source.Use", use), new("Source.Description", description)], handler: "Source");
        }

        var created = await Forms.PostAsync(client, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        return (client, created.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Template_HasTheImportColumns_AndTheCompanysSources()
    {
        var (client, url) = await InventoryAsync();

        var bytes = await client.GetByteArrayAsync($"{url}?handler=Template");

        using var stream = new MemoryStream(bytes);
        var header = ((IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true, sheetName: "活動數據").First()).Keys;
        Assert.Equal(Columns, header);
        stream.Position = 0;
        Assert.Contains(MiniExcel.Query(stream, useHeaderRow: true, sheetName: "排放源 sources").Cast<IDictionary<string, object>>(), r => (string)r["排放源 source"] == "鍋爐柴油");
    }

    [Fact]
    public async Task ValidXlsx_IsImported_AndCalculated_AndExportedLikeTheMoenvList()
    {
        var (client, url) = await InventoryAsync();
        var file = Xlsx(
            Row("一廠用電", "2023-12-15", "2024-02-14", null, "kWh", 5000, 2000, 640, 1000, 300, "BILL-9"),
            Row("鍋爐柴油", new DateTime(2024, 3, 1), new DateTime(2024, 3, 31), 1.5, "公秉"));

        var response = await Forms.PostFileAsync(client, url, "Import", "data.xlsx", file);
        var page = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("data-testid=\"import-errors\"", page, StringComparison.Ordinal);
        var electricity = 8640m * 45m / 62m * 0.474m;
        var diesel = 1500m * 2.6858562615396m;
        Assert.Contains(((electricity + diesel) / 1000m).ToString("N3", CultureInfo.GetCultureInfo("zh-TW")), page, StringComparison.Ordinal);

        var export = await client.GetByteArrayAsync($"{url}?handler=Export");
        using var stream = new MemoryStream(export);
        var list = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "2024 盤查清冊").Cast<IDictionary<string, object>>().ToList();
        var dieselRow = list.Single(r => (string)r["排放源 source"] == "鍋爐柴油");
        Assert.Equal((double)diesel, Convert.ToDouble(dieselRow["排放量 kgCO2e"], CultureInfo.InvariantCulture), 6);
        Assert.Contains("1139101231", (string)dieselRow["係數來源 factor_source"], StringComparison.Ordinal);
        Assert.Equal((double)(electricity + diesel), Convert.ToDouble(list.Last()["排放量 kgCO2e"], CultureInfo.InvariantCulture), 6);
        stream.Position = 0;
        Assert.Equal(2, MiniExcel.Query(stream, useHeaderRow: true, sheetName: "活動數據").Count());
    }

    [Fact]
    public async Task FileWithErrors_ImportsNothing_AndNamesEachCell()
    {
        var (client, url) = await InventoryAsync();
        var file = Xlsx(
            Row("鍋爐柴油", "2024-01-01", "2024-01-31", 100, "L"),
            Row("不存在的排放源", "2024-01-01", "2024-01-31", 100, "L"),
            Row("鍋爐柴油", "2024-13-01", "2024-01-31", 100, "L"),
            Row("鍋爐柴油", "2024-01-01", "2024-01-31", 100, "kg"),
            Row("一廠用電", "2024-01-01", "2024-01-31", null, "kWh", -5),
            Row("鍋爐柴油", "2024-01-01", "2024-01-31", "很多", "L"));

        var page = await (await Forms.PostFileAsync(client, url, "Import", "bad.xlsx", file)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"import-errors\"", page, StringComparison.Ordinal);
        foreach (var cell in new[] { "活動數據!A3", "活動數據!B4", "活動數據!E5", "活動數據!F6", "活動數據!D7" })
        {
            Assert.Contains($"<code translate=\"no\">{cell}</code>", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("2024-01-01 –", page, StringComparison.Ordinal);

        // Each message in the reader's language: zh-TW by default, the API's English on the English page.
        var zh = ImportMessages(page);
        Assert.Equal(5, zh.Count);
        Assert.All(zh, m => Assert.DoesNotMatch("[A-Za-z]{3,} [A-Za-z]{3,}", m));
        Assert.Contains(zh, m => m.Contains("「不存在的排放源」不是排放源清冊中的排放源", StringComparison.Ordinal));
        Assert.Contains(zh, m => m.Contains("單位「公斤」不適用於柴油（係數以公升計）", StringComparison.Ordinal));
        await client.GetAsync(url + "?lang=en");
        var english = ImportMessages(await (await Forms.PostFileAsync(client, url, "Import", "bad.xlsx", file)).Content.ReadAsStringAsync());
        Assert.Contains(english, m => m.Contains("is not a source in your register", StringComparison.Ordinal));
        Assert.All(english, m => Assert.DoesNotMatch(@"[\p{IsCJKUnifiedIdeographs}]{3,}.*[\p{IsCJKUnifiedIdeographs}]{3,}", m.Replace("不存在的排放源", "", StringComparison.Ordinal).Replace("鍋爐柴油", "", StringComparison.Ordinal).Replace("一廠用電", "", StringComparison.Ordinal)));
    }

    private static List<string> ImportMessages(string page) =>
        ImportErrorPattern().Matches(page).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();

    [GeneratedRegex(@"<li><code translate=""no"">[^<]*</code>([^<]*)</li>")]
    private static partial Regex ImportErrorPattern();

    [Fact]
    public async Task Csv_IsImportedToo_AndErrorsNameTheCsvCell()
    {
        var (client, url) = await InventoryAsync();
        var header = string.Join(",", Columns);
        var good = Encoding.UTF8.GetBytes($"{header}\n鍋爐柴油,2024-05-01,2024-05-31,200,L,,,,,,INV-1\n");
        var bad = Encoding.UTF8.GetBytes($"{header}\n鍋爐柴油,2024-05-01,2024-04-30,200,L,,,,,,INV-2\n");

        var badPage = await (await Forms.PostFileAsync(client, url, "Import", "bad.csv", bad)).Content.ReadAsStringAsync();
        var goodPage = await (await Forms.PostFileAsync(client, url, "Import", "good.csv", good)).Content.ReadAsStringAsync();

        Assert.Contains("<code translate=\"no\">CSV!C2</code>", badPage, StringComparison.Ordinal);
        Assert.Contains("INV-1", goodPage, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-2", goodPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAnExcelFile_IsAClearError()
    {
        var (client, url) = await InventoryAsync();

        var page = await (await Forms.PostFileAsync(client, url, "Import", "photo.xlsx", Encoding.UTF8.GetBytes("not a zip"))).Content.ReadAsStringAsync();

        Assert.Contains("<code translate=\"no\">file</code>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALargeImport_IsListedAHundredEntriesAPage_InPeriodOrder_EveryEntryOnExactlyOnePage()
    {
        var (client, url) = await InventoryAsync();
        // 250 rows, written out of period order: day d of 2024 carries reference R-d.
        var days = Enumerable.Range(0, 250).Select(i => (i * 97) % 250).ToArray();
        var csv = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var d in days)
        {
            var day = new DateOnly(2024, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"鍋爐柴油,{day},{day},1,L,,,,,,R-{d}\n");
        }

        var imported = await Forms.PostFileAsync(client, url, "Import", "year.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        Assert.DoesNotContain("import-errors", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var seen = new List<int>();
        foreach (var page in new[] { 1, 2, 3 })
        {
            var html = await client.GetStringAsync($"{url}?entries={page}");
            Assert.Contains("data-testid=\"entry-count\">250<", html, StringComparison.Ordinal);
            var references = ReferencePattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(page < 3 ? 100 : 50, references.Count);
            Assert.Equal(page < 3, html.Contains("data-testid=\"entry-next\"", StringComparison.Ordinal));
            Assert.Equal(page > 1, html.Contains("data-testid=\"entry-prev\"", StringComparison.Ordinal));
            seen.AddRange(references);
        }

        Assert.Equal(Enumerable.Range(0, 250), seen);
        // The calculation's lines (one per entry, each with its factor trace) are paged the same way.
        var traces = new List<int>();
        foreach (var page in new[] { 1, 2, 3 })
        {
            var html = await client.GetStringAsync($"{url}?lines={page}");
            traces.Add(TracePattern().Count(html));
            Assert.Equal(page < 3, html.Contains("data-testid=\"line-next\"", StringComparison.Ordinal));
        }

        Assert.Equal([100, 100, 50], traces);
        // Out-of-range and non-numeric pages show the nearest page rather than an error or an empty list.
        Assert.Equal(50, ReferencePattern().Count(await client.GetStringAsync($"{url}?entries=99")));
        Assert.Equal(0, ReferencePattern().Matches(await client.GetStringAsync($"{url}?entries=abc")).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).First());
        // The totals cover every entry whichever page is shown: those of one 250 L entry in another company.
        var (single, singleUrl) = await InventoryAsync();
        await Forms.PostFileAsync(single, singleUrl, "Import", "one.csv", Encoding.UTF8.GetBytes($"{string.Join(",", Columns)}\n鍋爐柴油,2024-06-01,2024-06-01,250,L,,,,,,ONE\n"));
        var expected = TotalPattern().Match(await single.GetStringAsync(singleUrl)).Groups[1].Value;
        Assert.NotEqual(string.Empty, expected);
        foreach (var page in new[] { 1, 3 })
        {
            Assert.Equal(expected, TotalPattern().Match(await client.GetStringAsync($"{url}?entries={page}")).Groups[1].Value);
        }
    }

    [Fact]
    public async Task ASuccessfulImport_SaysHowManyEntriesItAdded_Once()
    {
        var (client, url) = await InventoryAsync();
        var csv = Encoding.UTF8.GetBytes($"{string.Join(",", Columns)}\n鍋爐柴油,2024-05-01,2024-05-31,200,L,,,,,,A\n鍋爐柴油,2024-06-01,2024-06-30,150,L,,,,,,B\n");

        var after = await (await Forms.PostFileAsync(client, url, "Import", "two.csv", csv)).Content.ReadAsStringAsync();
        var again = await client.GetStringAsync(url);

        Assert.Contains("data-testid=\"done\">已匯入 2 筆活動數據。<", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"done\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportLargerThanOneSaveSlice_StoresEveryRowOnce()
    {
        var (client, url) = await InventoryAsync();
        var rows = Tanpan.Web.Features.Inventory.ImportActivityData.SaveSlice + 1;
        var csv = new StringBuilder(string.Join(",", Columns)).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"鍋爐柴油,2024-03-01,2024-03-31,1,L,,,,,,S-{i}\n");
        }

        var imported = await Forms.PostFileAsync(client, url, "Import", "slices.csv", Encoding.UTF8.GetBytes(csv.ToString()));

        Assert.DoesNotContain("import-errors", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await client.GetStringAsync($"{url}?entries=51");
        Assert.Contains($"data-testid=\"entry-count\">{rows.ToString("N0", CultureInfo.InvariantCulture)}<", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "<td>S-[0-9]+</td>"));
    }

    [GeneratedRegex("data-testid=\"total\">([^<]+)<")]
    private static partial Regex TotalPattern();

    [GeneratedRegex("data-testid=\"trace\"")]
    private static partial Regex TracePattern();

    [GeneratedRegex("<td>R-([0-9]+)</td>")]
    private static partial Regex ReferencePattern();
}
