using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Products;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Products;

public sealed class ProductFootprintTests_Sqlite(SqliteApp app) : ProductFootprintTests(app), IClassFixture<SqliteApp>;

public sealed class ProductFootprintTests_Postgres(PostgresApp app) : ProductFootprintTests(app), IClassFixture<PostgresApp>;

/// <summary>A lathe under the CNC-lathe PCR: product → BOM import (.csv, all or nothing, cell-addressed errors) →
/// the footprint by stage with its PCR checks, on both providers; another company sees nothing of it; a viewer reads
/// but cannot change.</summary>
public abstract partial class ProductFootprintTests(TanpanApp app)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    private static string Csv(params string[] rows) =>
        string.Join(",", BomSheet.Columns.Take(14)) + "\n" + string.Join("\n", rows) + "\n";

    // Bed casting 2,600 kg of grey iron (ICE 2.032), two motors with the supplier's 695 kgCO2e each, a turret of
    // 180 kg steel plate (2.415) under a sub-assembly, 1,500 kWh assembly power (0.474), 40 kg oil omitted (1.09).
    private static readonly string Bom = Csv(
        "10,,床台鑄件,main,2600,kg,material.cast_iron_general_ice2,甲鑄造,,,,,,",
        "20,,主軸馬達,main,2,piece,,乙電機,695,kgCO2e/piece,乙電機 EPD 2024,2024-01~2024-12,,",
        "30,,刀塔組,main,1,piece,,,,,,,,",
        "30.1,30,刀塔本體鋼材,main,180,kg,material.steel_plate_tw,丙鋼鐵,,,,,,",
        "40,,組裝測試用電,energy,1500,kWh,electricity.grid.tw,,,,,,,",
        "50,,潤滑油,consumables,40,kg,material.lubricating_oil_tw,,,,,,,是");

    private static async Task<string> CreateAsync(HttpClient client, string name)
    {
        var created = await Forms.PostAsync(client, "/products", [new("Name", name), new("Model", "NP20"), new("PcrId", "tmba-cnc-lathe-2024"), new("Boundary", "cradle-to-gate")]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return created.RequestMessage!.RequestUri!.AbsolutePath;
    }

    private static string Testid(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no {id} on the page");
        return match.Groups[1].Value.Trim();
    }

    [Fact]
    public async Task AnImportedBom_GivesTheFootprintByStage_WithThePcrChecks()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("車床公司");
        var url = await CreateAsync(client, "NP20 車床");
        await Forms.PostAsync(client, url, [new("Info[model]", "Vturn-NP20"), new("Info[weight]", "4000"), new("DataFrom", "2024-01-01"), new("DataTo", "2024-12-31")], handler: "Information");

        var imported = await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));
        var page = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync());

        Assert.Contains("已匯入 6 行物料清單", page, StringComparison.Ordinal);
        var total = (2600m * 2.032m) + (2m * 695m) + (180m * 2.415m) + (1500m * 0.474m);
        Assert.Equal(total.ToString("N3", Zh), Testid(page, "footprint-total"));
        Assert.Equal((2m * 695m / total * 100m).ToString("N2", Zh) + "%", Testid(page, "primary-share"));
        Assert.Contains("value=\"Vturn-NP20\"", page, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"rule-cutoff.single\"><td>單一省略源 ≤ 1%</td><td>符合</td>", page);
        Assert.Matches("data-testid=\"rule-data-period\"><td>[^<]+</td><td>符合</td>", page);
        Assert.Contains("data-testid=\"omitted\"", page, StringComparison.Ordinal);
        Assert.Contains("潤滑油 43.600 kgCO2e", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-by-stage\"", page, StringComparison.Ordinal);

        // English: names, not codes.
        var english = WebUtility.HtmlDecode(await client.GetStringAsync(url + "?lang=en"));
        Assert.Contains("raw material acquisition", english, StringComparison.Ordinal);
        Assert.Contains("primary-data 10 % rule", english, StringComparison.Ordinal);

        // The CFP study report in both languages, with the same total, the omitted line and the PCR table.
        var report = await Pdf.TextAsync(await client.GetByteArrayAsync(url + "?handler=Report&lang=zh-TW"));
        Assert.Contains("NP20 車床 產品碳足跡計算報告", report, StringComparison.Ordinal);
        Assert.Contains(total.ToString("N3", Zh) + " kgCO2e", report, StringComparison.Ordinal);
        Assert.Contains("產品類別規則符合性", report, StringComparison.Ordinal);
        Assert.Contains("潤滑油", report, StringComparison.Ordinal);
        Assert.Contains("Vturn-NP20", report, StringComparison.Ordinal);
        Assert.Contains("SHA-256", report, StringComparison.Ordinal);
        var reportEn = await Pdf.TextAsync(await client.GetByteArrayAsync(url + "?handler=Report&lang=en"));
        Assert.Contains("product carbon footprint report", reportEn, StringComparison.Ordinal);
        Assert.Contains("6. PCR compliance", reportEn, StringComparison.Ordinal);
        Assert.Contains("raw material acquisition", reportEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadBom_IsRefusedWholly_WithItsCells()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("壞物料公司");
        var url = await CreateAsync(client, "壞車床");
        await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));

        var bad = Csv(
            "10,,床台鑄件,main,2600,bushel,material.cast_iron_general_ice2,,,,,,,",
            "20,99,主軸馬達,main,2,piece,,,695,kgCO2e/piece,EPD,,,",
            "20,,重複,main,1,kg,material.steel_plate_tw,,,,,,,",
            "30,,刀塔,gizmo,-1,kg,material.steel_plate_tw,,,,,,moon,maybe");
        var refused = await Forms.PostFileAsync(client, url, "Import", "bad.csv", Encoding.UTF8.GetBytes(bad));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        foreach (var cell in new[] { "CSV!F2", "CSV!A4", "CSV!D5", "CSV!E5", "CSV!M5", "CSV!N5", "CSV!B3" })
        {
            Assert.Contains(cell, page, StringComparison.Ordinal);
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        // The earlier BOM is still there, all six lines.
        Assert.Equal(6, await db.BomLines.IgnoreQueryFilters().CountAsync(l => l.CompanyId == companyId));
    }

    [Fact]
    public async Task AnotherCompany_FindsNothing_AndAViewerCannotChangeTheBom()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("隔離車床公司");
        var url = await CreateAsync(client, "隔離車床");
        await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));

        var (_, other) = await app.SignInAsNewCompanyUserAsync("別家公司");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("隔離車床", await other.GetStringAsync("/products"), StringComparison.Ordinal);
        var token = Regex.Match(await other.GetStringAsync("/products"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var foreignLine = await other.PostAsync(url + "?handler=Line", new FormUrlEncodedContent([new("Line.LineNo", "99"), new("Line.Name", "x"), new("Line.Quantity", "1"), new("Line.Unit", "kg"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
        Assert.Equal(HttpStatusCode.NotFound, foreignLine.StatusCode);
        using (var import = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(Bom)), "file", "bom.csv" } })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(url + "?handler=Import", import)).StatusCode);
        }


        var viewer = await app.SignInAsColleagueAsync(companyId, Roles.Viewer);
        var read = await viewer.GetStringAsync(url);
        Assert.Contains("data-testid=\"footprint-total\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"bom-import\"", read, StringComparison.Ordinal);
        var viewerToken = Regex.Match(read, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var denied = await viewer.PostAsync(url + "?handler=Line", new FormUrlEncodedContent([new("Line.LineNo", "98"), new("Line.Name", "x"), new("Line.Quantity", "1"), new("Line.Unit", "kg"), new("__RequestVerificationToken", WebUtility.HtmlDecode(viewerToken.Groups[1].Value))]));
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden || denied.Headers.Location?.ToString().Contains("denied", StringComparison.OrdinalIgnoreCase) == true || denied.RequestMessage!.RequestUri!.AbsolutePath.Contains("denied", StringComparison.OrdinalIgnoreCase), $"{denied.StatusCode}");

        using var scope = app.Services.CreateScope();
        Assert.Equal(6, await scope.ServiceProvider.GetRequiredService<TanpanDb>().BomLines.IgnoreQueryFilters().CountAsync(l => l.CompanyId == companyId));
    }

    [Fact]
    public async Task AVariantWithALighterMotor_IsComparedSideBySide()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("變體車床公司");
        var url = await CreateAsync(client, "變體車床");
        await Forms.PostFileAsync(client, url, "Import", "bom.csv", Encoding.UTF8.GetBytes(Bom));

        var made = await Forms.PostAsync(client, url, [], handler: "Variant");
        var variantUrl = made.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.NotEqual(url, variantUrl);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var variantId = Guid.Parse(variantUrl.Split('/')[^1]);
            var motor = await db.BomLines.IgnoreQueryFilters().SingleAsync(l => l.ProductId == variantId && l.LineNo == "20");
            var deleted = await Forms.PostAsync(client, variantUrl, [], handler: $"DeleteLine&lineId={motor.Id}");
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await Forms.PostAsync(client, variantUrl, [new("Line.LineNo", "20"), new("Line.Name", "高效主軸馬達"), new("Line.ComponentClass", "main"), new("Line.Quantity", "2"), new("Line.Unit", "piece"), new("Line.FactorValue", "500"), new("Line.FactorUnit", "kgCO2e/piece"), new("Line.FactorSource", "丁電機 EPD 2024")], handler: "Line");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(url));

        var original = (2600m * 2.032m) + (2m * 695m) + (180m * 2.415m) + (1500m * 0.474m);
        var lighter = original - (2m * 195m);
        var totals = Regex.Matches(page, "data-testid=\"variant-total\">([^<]*)<").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([original.ToString("N3", Zh), lighter.ToString("N3", Zh)], totals);
        Assert.Contains(((lighter - original) / original * 100m).ToString("+0.00;-0.00", Zh) + "%", page, StringComparison.Ordinal);
        Assert.Contains("變體車床（變體 1）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinesAddedOneByOne_Calculate_AndALineWithLinesUnderItIsNotDeleted()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("逐行車床公司");
        var url = await CreateAsync(client, "逐行車床");
        await Forms.PostAsync(client, url, [new("Line.LineNo", "10"), new("Line.Name", "刀塔組"), new("Line.ComponentClass", "main"), new("Line.Quantity", "1"), new("Line.Unit", "piece")], handler: "Line");
        await Forms.PostAsync(client, url, [new("Line.LineNo", "10.1"), new("Line.Parent", "10"), new("Line.Name", "鋼材"), new("Line.ComponentClass", "main"), new("Line.Quantity", "100"), new("Line.Unit", "kg"), new("Line.Activity", "material.steel_plate_tw")], handler: "Line");
        var page = await Forms.PostAsync(client, url, [new("Line.LineNo", "20"), new("Line.Name", "用電"), new("Line.ComponentClass", "energy"), new("Line.Quantity", "100"), new("Line.Unit", "kWh"), new("Line.Activity", "electricity.grid.tw")], handler: "Line");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(((100m * 2.415m) + (100m * 0.474m)).ToString("N3", Zh), Testid(html, "footprint-total"));
        var invalid = await Forms.PostAsync(client, url, [new("Line.LineNo", "10"), new("Line.Name", ""), new("Line.Quantity", "-1"), new("Line.Unit", "bushel")], handler: "Line");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var assembly = await db.BomLines.IgnoreQueryFilters().SingleAsync(l => l.LineNo == "10" && l.Name == "刀塔組");
        var refused = await Forms.PostAsync(client, url, [], handler: $"DeleteLine&lineId={assembly.Id}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}
