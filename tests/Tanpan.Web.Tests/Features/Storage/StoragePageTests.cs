using System.Net.Http.Json;
using Tanpan.Web.Tests.Features.Meters;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Storage;

public sealed class StoragePageTests_Sqlite(SqliteApp app) : StoragePageTests(app), IClassFixture<SqliteApp>;

public sealed class StoragePageTests_Postgres(PostgresApp app) : StoragePageTests(app), IClassFixture<PostgresApp>;

/// <summary>/energy/storage on the company's own meter data, an uploaded profile, and bad input shown by its field.</summary>
public abstract class StoragePageTests(TanpanApp app)
{
    private static Dictionary<string, string> Fields(string source, string? meter = null) => new()
    {
        ["Input.Source"] = source, ["Input.Meter"] = meter ?? "", ["Input.From"] = "2025-07-15", ["Input.To"] = "2025-07-15", ["Input.Interval"] = "15",
        ["Input.Tariff"] = "taipower-hv-3tou", ["Input.ContractKw"] = "120", ["Input.PowerKw"] = "50", ["Input.EnergyKwh"] = "150", ["Input.RoundTripEfficiency"] = "0.9",
        ["Input.DepthOfDischarge"] = "1", ["Input.StateOfHealth"] = "1", ["Input.CostNtd"] = "1500000", ["Input.Strategy"] = "peak-shaving", ["Input.TargetKw"] = "100",
        ["Input.LifetimeYears"] = "10", ["Input.DiscountRate"] = "0.05",
    };

    [Fact]
    public async Task MeterProfile_IsShavedToTheTarget_WithBillsAndCarbon()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("儲能試算廠");
        var erp = await app.CreateApiClientAsync(companyId);
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "MAIN", semantics: "Interval");
        // 60 kW all day (15 kWh a quarter hour) and 120 kW from 17:00 to 20:00.
        var readings = Enumerable.Range(1, 96).Select(q => ($"{new DateTimeOffset(2025, 7, 15, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(15 * q):yyyy-MM-ddTHH:mm:sszzz}", q is > 68 and <= 80 ? 30m : 15m)).ToArray();
        await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(readings)));
        await MeterSetup.RollUpAsync(app);

        var page = await (await Forms.PostAsync(client, "/energy/storage", Fields("meter", "MAIN"))).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"storage-result\"", page, StringComparison.Ordinal);
        Assert.Contains("120.0 → 100.0 kW", page, StringComparison.Ordinal);
        Assert.Contains("100.0 kW 達成", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-peak-day\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("taipower-hv-3tou<", page, StringComparison.Ordinal);

        // Another company sees none of this meter.
        var (_, other) = await app.SignInAsNewCompanyUserAsync("他廠儲能");
        var theirs = await (await Forms.PostAsync(other, "/energy/storage", Fields("meter", "MAIN"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"storage-result\"", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadedProfile_Runs_AndBadInputIsShownByItsField()
    {
        var (_, client) = await app.SignInAsNewCompanyUserAsync("儲能上傳廠");
        var csv = System.Text.Encoding.UTF8.GetBytes("kw\n" + string.Join("\n", Enumerable.Range(0, 96).Select(q => q is >= 68 and < 80 ? "120" : "60")));
        var page = await (await Forms.PostFileAsync(client, "/energy/storage", null, "load.csv", csv, fields: Fields("upload"))).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"storage-result\"", page, StringComparison.Ordinal);

        var bad = Fields("upload");
        bad["Input.RoundTripEfficiency"] = "1.5";
        var badPage = await (await Forms.PostFileAsync(client, "/energy/storage", null, "load.csv", csv, fields: bad)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"storage-result\"", badPage, StringComparison.Ordinal);
        Assert.Matches("往返效率[^<]*<input[^>]*>\\s*<span class=\"field-error\">[^<]+</span>", badPage);

        var noBills = await (await Forms.PostAsync(client, "/energy/storage", Fields("bills"))).Content.ReadAsStringAsync();
        Assert.Contains("這段期間沒有資料", noBills, StringComparison.Ordinal);
    }
}
