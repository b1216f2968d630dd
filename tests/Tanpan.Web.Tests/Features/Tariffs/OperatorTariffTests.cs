using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Tariffs;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Tariffs;

public sealed class OperatorTariffTests_Sqlite(SqliteApp app) : OperatorTariffTests(app), IClassFixture<SqliteApp>;

public sealed class OperatorTariffTests_Postgres(PostgresApp app) : OperatorTariffTests(app), IClassFixture<PostgresApp>;

/// <summary>/operator/tariffs and the tariffs API: an added version is listed and billed from its date on, a bad file
/// stores nothing, a withdrawn or altered version is not used. Each test adds versions of its own schedule or date.</summary>
public abstract partial class OperatorTariffTests(TanpanApp app)
{
    private const string Header = "schedule_id,voltage,stages,effective_from,season,component,period,value,unit,source,verification,notes";

    [GeneratedRegex("name=\"csv64\" value=\"([^\"]*)\"")]
    private static partial Regex Csv64Pattern();

    /// <summary>The shipped rows of one version, moved to <paramref name="to"/>, with one price changed.</summary>
    private static string NewVersion(string prefix, string to, string changedRow, string oldValue, string newValue)
    {
        var lines = TariffLibrary.ShippedPricesCsv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix + ",", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        var moved = lines.Select(l => l.Replace(prefix + ",", prefix[..prefix.LastIndexOf(',')] + "," + to + ",", StringComparison.Ordinal))
            .Select(l => l.Contains("," + changedRow + "," + oldValue + ",", StringComparison.Ordinal) ? l.Replace("," + changedRow + "," + oldValue + ",", "," + changedRow + "," + newValue + ",", StringComparison.Ordinal) : l)
            .ToList();
        Assert.Single(moved, l => l.Contains("," + changedRow + "," + newValue + ",", StringComparison.Ordinal));
        return Header + "\n" + string.Join("\n", moved) + "\n";
    }

    private Task<HttpClient> OperatorAsync() => app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);

    private static Task<HttpResponseMessage> UploadAsync(HttpClient op, string csv, string note = "2026-04 調整", string? handler = null, string fileName = "taipower_tou_2026.csv") =>
        Forms.PostFileAsync(op, "/operator/tariffs", handler, fileName, Encoding.UTF8.GetBytes(csv), fields: [new("Note", note)]);

    private async Task<int> StoredCountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TanpanDb>().TariffVersions.CountAsync();
    }

    // Hourly, 60 kW all day except 120 kW from 17:00 to 20:00 (as in StorageApiTests).
    private static object StudyBody(string tariff, string day) => new
    {
        interval = 60, start = day + "T00:00:00+08:00", loadKw = Enumerable.Range(0, 24).Select(h => h is >= 17 and < 20 ? 120m : 60m).ToArray(),
        tariff = new { id = tariff, contractCapacityKw = 120 },
        battery = new { powerKw = 50, energyKwh = 150, roundTripEfficiency = 0.9, depthOfDischarge = 1, stateOfHealth = 1, costNtd = 1_500_000 },
        strategy = new { type = "peak-shaving", targetKw = 100 }, gridFactorYear = 2024,
    };

    private async Task<(decimal EnergyCharge, string VersionFrom, string Origin)> StudyAsync(string tariff, string day)
    {
        var result = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/storage", StudyBody(tariff, day)));
        var version = result.GetProperty("tariff");
        return (result.GetProperty("billBefore").GetProperty("energyChargeNtd").GetDecimal(), version.GetProperty("effectiveFrom").GetString()!, version.GetProperty("origin").GetString()!);
    }

    private static decimal Price(JsonElement version, string season, string period) =>
        version.GetProperty("energyCharges").EnumerateArray().Single(e => e.GetProperty("season").GetString() == season && e.GetProperty("period").GetString() == period).GetProperty("ntdPerKwh").GetDecimal();

    [Fact]
    public async Task AnUploadedVersion_IsListed_AndBillsDatesFromItsEffectiveDate_WhileEarlierDatesKeepTheOldPrice()
    {
        var op = await OperatorAsync();
        var before = await StoredCountAsync();
        var csv = NewVersion("taipower-hv-3tou,high,3,2024-10-16", "2026-04-01", "summer,energy_charge,peak", "9.39", "10.50");
        var page = await UploadAsync(op, csv);
        Assert.Contains("data-testid=\"done\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await StoredCountAsync());

        var list = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs"));
        var hv3 = list.GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "taipower-hv-3tou");
        Assert.Equal("高壓三段式時間電價", hv3.GetProperty("nameZh").GetString());
        Assert.Equal("high", hv3.GetProperty("voltage").GetString());
        var added = hv3.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("effectiveFrom").GetString() == "2026-04-01");
        Assert.Equal("operator", added.GetProperty("origin").GetString());
        Assert.Equal("shipped", hv3.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("effectiveFrom").GetString() == "2024-10-16").GetProperty("origin").GetString());

        var after = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-hv-3tou?date=2026-07-14"));
        Assert.Equal("2026-04-01", after.GetProperty("effectiveFrom").GetString());
        Assert.Equal(10.50m, Price(after, "summer", "peak"));
        var old = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-hv-3tou?date=2025-07-15"));
        Assert.Equal("2024-10-16", old.GetProperty("effectiveFrom").GetString());
        Assert.Equal(9.39m, Price(old, "summer", "peak"));

        // Tuesdays in summer: 離峰 00–09 540 kWh × 2.53, 半尖峰 09–16 420 × 5.85, 尖峰 16–22 540 × peak, 半尖峰 22–24 120 × 5.85.
        var newer = await StudyAsync("taipower-hv-3tou", "2026-07-14");
        Assert.Equal((540m * 2.53m) + (420m * 5.85m) + (540m * 10.50m) + (120m * 5.85m), newer.EnergyCharge, 10);
        Assert.Equal(("2026-04-01", "operator"), (newer.VersionFrom, newer.Origin));
        var older = await StudyAsync("taipower-hv-3tou", "2025-07-15");
        Assert.Equal((540m * 2.53m) + (420m * 5.85m) + (540m * 9.39m) + (120m * 5.85m), older.EnergyCharge, 10);
        Assert.Equal(("2024-10-16", "shipped"), (older.VersionFrom, older.Origin));

        // The operator page names the version and who added it; the upload is in the platform's audit trail.
        var html = await op.GetStringAsync("/operator/tariffs");
        Assert.Contains("data-from=\"2026-04-01\"", html, StringComparison.Ordinal);
        Assert.Contains(TariffVersion.HashOf(csv)[..12], html, StringComparison.Ordinal);
        Assert.Contains(TanpanApp.OperatorEmail, html, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        Assert.True(await db.Audit.IgnoreQueryFilters().AnyAsync(a => a.CompanyId == AuditEntry.PlatformTrail && a.Entity == nameof(TariffVersion) && a.Action == "Added"));

        // The same version again is refused: versions are never replaced.
        var again = await UploadAsync(op, csv);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("taipower_tou_2026.csv:2:effective_from", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await StoredCountAsync());
    }

    [Fact]
    public async Task ABadFile_NamesRowAndColumn_AndStoresNothing_EvenItsValidVersion()
    {
        var op = await OperatorAsync();
        var before = await StoredCountAsync();
        var valid = NewVersion("taipower-hv-batch,high,batch,2024-10-16", "2026-08-01", "summer,energy_charge,peak", "12.47", "12.99");
        var lines = valid.TrimEnd('\n').Split('\n').ToList();
        var third = lines[2].Split(',', 9);
        third[7] = "abc";
        lines[2] = string.Join(',', third);
        lines.Add("taipower-hv-nope,high,3,2026-08-01,summer,energy_charge,peak,1.00,NT$/kWh,test source,verified,");
        var response = await UploadAsync(op, string.Join("\n", lines) + "\n", fileName: "bad.csv");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"tariff-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("bad.csv:3:value", html, StringComparison.Ordinal);
        Assert.Equal(before, await StoredCountAsync());

        // A complete version beside a row of an unknown schedule: the row is named, and the valid version is not stored either.
        var mixed = await UploadAsync(op, valid + "taipower-hv-nope,high,3,2026-08-01,summer,energy_charge,peak,1.00,NT$/kWh,test source,verified,\n", fileName: "mixed.csv");
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains($"mixed.csv:{lines.Count}:schedule_id", await mixed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredCountAsync());

        // Not UTF-8, a NUL, or no note: refused, nothing stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.PostFileAsync(op, "/operator/tariffs", null, "x.csv", [0xFF, 0xFE, 0x00, 0x41], fields: [new("Note", "x")])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(op, valid.Replace("12.99", "12.99\0", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(op, valid, note: " ")).StatusCode);
        Assert.Equal(before, await StoredCountAsync());
    }

    [Fact]
    public async Task APreview_ShowsWhatTheFileAdds_StoresNothing_AndItsConfirmationAddsIt()
    {
        var op = await OperatorAsync();
        var before = await StoredCountAsync();
        var csv = NewVersion("taipower-lv-3tou,low,3,2024-10-16", "2026-09-01", "summer,energy_charge,peak", "8.12", "8.50");
        var preview = await UploadAsync(op, csv, handler: "Preview");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("data-testid=\"tariff-preview\"", html, StringComparison.Ordinal);
        Assert.Contains("低壓電力三段式時間電價", html, StringComparison.Ordinal);
        Assert.Contains("8.12", html, StringComparison.Ordinal);
        Assert.Contains("8.5", html, StringComparison.Ordinal);
        Assert.Equal(before, await StoredCountAsync());

        var csv64 = System.Net.WebUtility.HtmlDecode(Csv64Pattern().Match(html).Groups[1].Value);
        Assert.Equal(csv, Encoding.UTF8.GetString(Convert.FromBase64String(csv64)));
        var confirmed = await Forms.PostAsync(op, "/operator/tariffs", [new("csv64", csv64), new("fileName", "lv.csv"), new("Note", "2026-09 調整")]);
        Assert.Contains("data-testid=\"done\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await StoredCountAsync());
        Assert.Equal(8.50m, Price(await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-lv-3tou?date=2026-09-02")), "summer", "peak"));
    }

    [Fact]
    public async Task AWithdrawnVersion_IsNoLongerListedOrBilled()
    {
        var op = await OperatorAsync();
        var csv = NewVersion("taipower-hv-2tou,high,2,2024-10-16", "2026-05-01", "summer,energy_charge,peak", "6.75", "7.10");
        await UploadAsync(op, csv, note: "2026-05 調整");
        Assert.Equal("2026-05-01", (await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-hv-2tou?date=2026-07-14"))).GetProperty("effectiveFrom").GetString());
        Guid id;
        using (var scope = app.Services.CreateScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<TanpanDb>().TariffVersions.SingleAsync(v => v.Note == "2026-05 調整")).Id;
        }

        var withdrawn = await Forms.PostAsync(op, "/operator/tariffs", [], handler: $"Withdraw&id={id}");
        Assert.Contains("data-testid=\"done\"", await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var now = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-hv-2tou?date=2026-07-14"));
        Assert.Equal("2024-10-16", now.GetProperty("effectiveFrom").GetString());
        Assert.Equal(6.75m, Price(now, "summer", "peak"));
        var list = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs"));
        Assert.DoesNotContain(list.GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "taipower-hv-2tou").GetProperty("versions").EnumerateArray(),
            v => v.GetProperty("effectiveFrom").GetString() == "2026-05-01");
        Assert.Contains("data-state=\"Withdrawn\"", await op.GetStringAsync("/operator/tariffs"), StringComparison.Ordinal);

        // Withdrawn, the date is free again for a corrected version.
        Assert.Contains("data-testid=\"done\"", await (await UploadAsync(op, csv.Replace("7.10", "7.05", StringComparison.Ordinal), note: "2026-05 更正")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(7.05m, Price(await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-hv-2tou?date=2026-07-14")), "summer", "peak"));
    }

    [Fact]
    public async Task AStoredTextChangedInTheDatabase_IsLeftOutAndFlagged_NeverA500()
    {
        var op = await OperatorAsync();
        await UploadAsync(op, NewVersion("taipower-ehv-3tou,extra_high,3,2024-10-16", "2026-06-01", "summer,energy_charge,peak", "8.69", "9.00"), note: "2026-06 調整");
        await UploadAsync(op, NewVersion("taipower-ehv-2tou,extra_high,2,2024-10-16", "2026-06-01", "summer,energy_charge,peak", "6.17", "6.80"), note: "2026-06 二段式");
        Assert.Equal(9.00m, Price(await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-ehv-3tou?date=2026-07-14")), "summer", "peak"));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            // One text edited behind the application (its hash no longer matches) …
            var tampered = await db.TariffVersions.SingleAsync(v => v.Note == "2026-06 調整");
            await db.TariffVersions.Where(v => v.Id == tampered.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.PricesCsv, tampered.PricesCsv.Replace(",9.00,", ",1.00,", StringComparison.Ordinal)));
            // … and one rewritten with a matching hash but no longer a valid file.
            var broken = Header + "\ntaipower-ehv-2tou,extra_high,2,2026-06-01,summer,energy_charge,peak,abc,NT$/kWh,x,verified,\n";
            await db.TariffVersions.Where(v => v.Note == "2026-06 二段式").ExecuteUpdateAsync(u => u.SetProperty(v => v.PricesCsv, broken).SetProperty(v => v.Hash, TariffVersion.HashOf(broken)));
        }

        var ehv3 = await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-ehv-3tou?date=2026-07-14"));
        Assert.Equal("2024-10-16", ehv3.GetProperty("effectiveFrom").GetString());
        Assert.Equal(8.69m, Price(ehv3, "summer", "peak"));
        Assert.Equal("2024-10-16", (await Problem.ReadJsonAsync(await app.CreateClient().GetAsync("/api/v1/tariffs/taipower-ehv-2tou?date=2026-07-14"))).GetProperty("effectiveFrom").GetString());
        var study = await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/storage", StudyBody("taipower-ehv-3tou", "2026-07-14"));
        Assert.Equal(HttpStatusCode.OK, study.StatusCode);

        var page = await op.GetAsync("/operator/tariffs");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"tariff-rejected\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "data-state=\"Rejected\""));
        Assert.Contains("SHA-256", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_IsPublic_NamesAnUnknownIdWith404_AndABadDateWith400()
    {
        var client = app.CreateClient();
        var list = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/tariffs"));
        Assert.All(list.GetProperty("schedules").EnumerateArray(), s => Assert.NotEqual(s.GetProperty("id").GetString(), s.GetProperty("nameEn").GetString()));
        var today = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/tariffs/taipower-hv-3tou"));
        Assert.NotEmpty(today.GetProperty("bands").EnumerateArray());
        Assert.Equal(8, today.GetProperty("basicCharges").GetArrayLength());
        Assert.Equal("05-16", today.GetProperty("summerFrom").GetString());

        var missing = await client.GetAsync("/api/v1/tariffs/taipower-hv-nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/tariffs/taipower-hv-3tou?date=2026-02-30"), "date");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/tariffs/taipower-hv-3tou?date=yesterday"), "date");
        await Problem.AssertFieldAsync(await client.GetAsync("/api/v1/tariffs/taipower-hv-3tou?date=2020-01-01"), "date");
    }

    [Fact]
    public async Task TheStoragePage_BillsOnTheOperatorsVersion_FromItsDate()
    {
        var op = await OperatorAsync();
        await UploadAsync(op, NewVersion("taipower-hv-3tou-variable,high,3,2024-10-16", "2026-03-01", "non_summer,energy_charge,semi_peak", "5.47", "5.60"), note: "2026-03 調整");
        var (_, client) = await app.SignInAsNewCompanyUserAsync("電價版本儲能廠");
        var load = Encoding.UTF8.GetBytes("kw\n" + string.Join("\n", Enumerable.Range(0, 96).Select(q => q is >= 68 and < 80 ? "120" : "60")));
        async Task<string> StudyPageAsync(string day) => await (await Forms.PostFileAsync(client, "/energy/storage", null, "load.csv", load, fields: new Dictionary<string, string>
        {
            ["Input.Source"] = "upload", ["Input.From"] = day, ["Input.To"] = day, ["Input.Interval"] = "15", ["Input.Tariff"] = "taipower-hv-3tou-variable", ["Input.ContractKw"] = "120",
            ["Input.PowerKw"] = "50", ["Input.EnergyKwh"] = "150", ["Input.RoundTripEfficiency"] = "0.9", ["Input.DepthOfDischarge"] = "1", ["Input.StateOfHealth"] = "1",
            ["Input.CostNtd"] = "1500000", ["Input.Strategy"] = "peak-shaving", ["Input.TargetKw"] = "100", ["Input.LifetimeYears"] = "10", ["Input.DiscountRate"] = "0.05",
        })).Content.ReadAsStringAsync();

        var after = await StudyPageAsync("2026-03-10");
        Assert.Contains("data-testid=\"storage-result\"", after, StringComparison.Ordinal);
        Assert.Contains("2026-03-01，營運者新增", after, StringComparison.Ordinal);
        var before = await StudyPageAsync("2026-02-24");
        Assert.Contains("data-testid=\"storage-result\"", before, StringComparison.Ordinal);
        Assert.Contains("2024-10-16）", before, StringComparison.Ordinal);
        Assert.DoesNotContain("營運者新增", before, StringComparison.Ordinal);
    }
}
