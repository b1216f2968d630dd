using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Features.Inventory;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Exposure;

public sealed class ExposurePageTests_Sqlite(SqliteApp app) : ExposurePageTests(app), IClassFixture<SqliteApp>;

public sealed class ExposurePageTests_Postgres(PostgresApp app) : ExposurePageTests(app), IClassFixture<PostgresApp>;

/// <summary>/exposure as a company uses it: goods and assumptions through the forms with errors per field, the CBAM
/// cost in the table and the API, the communication an EU importer receives, and no other company's goods.</summary>
public abstract partial class ExposurePageTests(TanpanApp app)
{
    [Fact]
    public async Task AGood_IsPricedUnderCbam_AndItsCommunicationDownloads()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("碳價曝險公司");
        var empty = WebUtility.HtmlDecode(await client.GetStringAsync("/exposure"));
        Assert.Contains("data-testid=\"no-goods\"", empty, StringComparison.Ordinal);
        Assert.Contains("2034 年以前沒有可計算的盤查", empty, StringComparison.Ordinal);

        var bad = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, "/exposure", Good("", "8458", "", "abc", "0"), handler: "Good")).Content.ReadAsStringAsync());
        Assert.Contains("請輸入數字", bad, StringComparison.Ordinal);
        var bad2 = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, "/exposure", Good("", "84581100", "", "", "100"), handler: "Good")).Content.ReadAsStringAsync());
        Assert.Contains("必填：貨品名稱", bad2, StringComparison.Ordinal);
        Assert.Contains("此 CN 碼不在 CBAM 範圍", bad2, StringComparison.Ordinal);
        Assert.Contains("未選產品碳足跡時必填", bad2, StringComparison.Ordinal);

        var settings = await Forms.PostAsync(client, "/exposure", [new("Input.Plan", "none"), new("Input.Period", "1"), new("Input.EuaPrices", "60, 80, 100"), new("Input.CarbonPricePaidEurPerT", "0"), new("Input.NtdPerEur", "35"), new("Input.NtdPerUsd", "32")], handler: "Settings");
        Assert.Contains("已儲存碳價假設", WebUtility.HtmlDecode(await settings.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var added = await Forms.PostAsync(client, "/exposure", Good("M12 螺栓", "7318 15 90", "", "2", "1000"), handler: "Good");
        var page = WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync());
        Assert.Contains("已新增貨品「M12 螺栓」", page, StringComparison.Ordinal);
        // 1,000 t × 2 tCO2e/t × EUR 80 in 2026 (no benchmark, nothing paid at home).
        Assert.Contains("data-testid=\"cbam-2026-eua-80\">€ 160,000<", page, StringComparison.Ordinal);

        var api = await app.CreateApiClientAsync(companyId);
        var view = await Problem.ReadJsonAsync(await api.GetAsync("/api/v1/exposure"));
        var cbam2026 = view.GetProperty("cbam").EnumerateArray().Single(c => c.GetProperty("year").GetInt32() == 2026 && c.GetProperty("scenario").GetString() == "eua-100");
        Assert.Equal(200_000m, cbam2026.GetProperty("costEur").GetDecimal());
        Assert.Equal(160_000m * 35m, view.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("year").GetInt32() == 2026).GetProperty("totalNtd").GetDecimal());

        var csv = Encoding.UTF8.GetString(await api.GetByteArrayAsync("/api/v1/exposure/cbam-communication.csv"));
        Assert.Contains("\"73181590\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"碳價曝險公司\"", csv, StringComparison.Ordinal);
        Assert.Contains(",2,", csv, StringComparison.Ordinal);
        var xlsx = await client.GetAsync("/exposure?handler=Communication&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var row = (IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true).First();
        Assert.Equal("73181590", row["CN 碼 cn_code"]?.ToString());
        Assert.Equal(2m, Convert.ToDecimal(row["直接隱含排放 see_direct_tco2e_per_t"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AnotherCompany_NeverSeesOrDeletesTheGoods_AndAViewerCannotChangeThem()
    {
        var (companyId, owner) = await app.SignInAsNewCompanyUserAsync("出口鋼件公司");
        await Forms.PostAsync(owner, "/exposure", Good("不鏽鋼板", "72193400", "", "2.8", "500"), handler: "Good");
        var id = Regex.Match(await owner.GetStringAsync("/exposure"), "id=([0-9a-f-]{36})&amp;handler=DeleteGood").Groups[1].Value;
        Assert.NotEmpty(id);

        var (_, stranger) = await app.SignInAsNewCompanyUserAsync("另一家出口公司");
        Assert.DoesNotContain("不鏽鋼板", await stranger.GetStringAsync("/exposure"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Forms.PostAsync(stranger, "/exposure", [], handler: $"DeleteGood&id={id}")).StatusCode);
        Assert.DoesNotContain("72193400", Encoding.UTF8.GetString(await stranger.GetByteArrayAsync("/exposure?handler=Communication&format=csv")), StringComparison.Ordinal);

        var viewer = await app.SignInAsColleagueAsync(companyId, Roles.Viewer);
        var seen = await viewer.GetStringAsync("/exposure");
        Assert.Contains("不鏽鋼板", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"good-form\"", seen, StringComparison.Ordinal);
        Assert.Contains("不鏽鋼板", await owner.GetStringAsync("/exposure"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AContractOver5000Kw_ShowsTheLargePowerUserObligation()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("用電大戶公司");
        var facility = await InventorySetup.FacilityAsync(client);
        await InventorySetup.SourceAsync(client, facility, "2.1", "electricity.grid.tw", "特高壓用電");
        var month = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-1);
        var from = new DateOnly(month.Year, month.Month, 1);
        var (url, source) = await InventorySetup.InventoryAsync(client, from.Year, "特高壓用電");
        var bill = await Forms.PostAsync(client, url,
        [
            new("Entry.SourceId", source), new("Entry.From", InventorySetup.Day(from)), new("Entry.To", InventorySetup.Day(from.AddMonths(1).AddDays(-1))),
            new("Entry.PeakKwh", "900000"), new("Entry.SemiPeakKwh", "700000"), new("Entry.SaturdaySemiPeakKwh", "100000"), new("Entry.OffPeakKwh", "1500000"),
            new("Entry.ContractCapacityKw", "6000"), new("Entry.Reference", "BILL-6000"),
        ], handler: "Bill");
        Assert.Equal(HttpStatusCode.OK, bill.StatusCode);

        // The site's own SEE from the same inventory: scope 2 ÷ tonnes produced is the indirect part.
        var site = await Forms.PostAsync(client, "/exposure",
        [
            new("Good.Name", "鋼製螺栓"), new("Good.CnCode", "73181590"), new("Good.Product", ""), new("Good.SiteYear", from.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Good.SiteProductionTonnes", "1000"), new("Good.EuTonnesPerYear", "100"),
        ], handler: "Good");
        Assert.Contains("已新增貨品", WebUtility.HtmlDecode(await site.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var goods = (await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/exposure"))).GetProperty("goods")[0];
        Assert.Equal("site-inventory", goods.GetProperty("seeSource").GetString());
        Assert.Equal(0m, goods.GetProperty("seeDirectTPerT").GetDecimal());
        Assert.True(goods.GetProperty("seeIndirectTPerT").GetDecimal() > 0m);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/exposure"));
        // 6,000 kW × 10 % = 600 kW; storage 600 × 2 h; substitute fee 600 × 2,500 × NT$4.06 a year.
        Assert.Contains("data-testid=\"obligation-kw\">600<", page, StringComparison.Ordinal);
        Assert.Contains("NT$ 6,090,000", page, StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Good(string name, string cn, string product, string see, string euTonnes) =>
    [
        new("Good.Name", name), new("Good.CnCode", cn), new("Good.Product", product), new("Good.SeeDirectTPerT", see), new("Good.SeeIndirectTPerT", ""),
        new("Good.BenchmarkTPerT", ""), new("Good.EuTonnesPerYear", euTonnes), new("Good.UsTonnesPerYear", ""), new("Good.UsBaselineTPerT", ""),
    ];
}
