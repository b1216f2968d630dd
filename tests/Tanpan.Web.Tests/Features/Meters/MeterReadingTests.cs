using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

public sealed class MeterReadingTests_Sqlite(SqliteApp app) : MeterReadingTests(app), IClassFixture<SqliteApp>;

public sealed class MeterReadingTests_Postgres(PostgresApp app) : MeterReadingTests(app), IClassFixture<PostgresApp>;

/// <summary>REST ingestion end to end: readings in (JSON and CSV), idempotent on (meter, time), late and out of
/// order, counter resets found, roll-ups by 15 min / hour / local day, CO2e from the year's grid factor, errors
/// that name the field, and one company's meters invisible to another.</summary>
public abstract class MeterReadingTests(TanpanApp app)
{
    [Fact]
    public async Task CounterReadings_RollUpByHourAndLocalDay_LateAndRepeatedReadingsChangeNothingTwice()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("量測一廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "MAIN");

        // 08:30 arrives late, after 09:15.
        var first = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(
            ("2024-06-05T09:15:00+08:00", 1062m), ("2024-06-05T08:00:00+08:00", 1000m), ("2024-06-05T08:15:00+08:00", 1012.5m),
            ("2024-06-05T08:45:00+08:00", 1040m), ("2024-06-05T09:00:00+08:00", 1050m))));
        Assert.Equal(5, first.GetProperty("inserted").GetInt32());
        await MeterSetup.RollUpAsync(app);
        var late = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(("2024-06-05T08:30:00+08:00", 1030m))));
        Assert.Equal(1, late.GetProperty("inserted").GetInt32());
        var again = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(
            ("2024-06-05T08:30:00+08:00", 1030m), ("2024-06-05T09:00:00+08:00", 1050m))));
        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(2, again.GetProperty("repeated").GetInt32());
        await MeterSetup.RollUpAsync(app);

        var quarters = await Series(erp, "MAIN", "15min");
        // (08:00,08:15] 12.5, (08:15,08:30] 17.5, (08:30,08:45] 10, (08:45,09:00] 10, (09:00,09:15] 12 — each in the quarter it ends.
        Assert.Equal([12.5m, 17.5m, 10m, 10m, 12m], quarters.Select(q => q.Quantity));
        Assert.Equal("2024-06-05T08:00:00+08:00", quarters[0].Start);
        var hours = await Series(erp, "MAIN", "hour");
        Assert.Equal([50m, 12m], hours.Select(h => h.Quantity));
        var days = await Series(erp, "MAIN", "day");
        Assert.Equal("2024-06-05T00:00:00+08:00", Assert.Single(days).Start);
        Assert.Equal(62m, days[0].Quantity);

        // CO2e per bucket is the quantity × the same grid factor of 2024.
        Assert.All(hours, h => Assert.Equal(hours[0].KgCo2e!.Value / hours[0].Quantity, h.KgCo2e!.Value / h.Quantity, 12));
        // data/factors/grid_tw.csv: 2024, 0.474 kgCO2e/kWh.
        Assert.Equal(50m * 0.474m, hours[0].KgCo2e!.Value, 9);
    }

    [Fact]
    public async Task CounterReset_IsCountedFromZero_AndShownAsAnAnomaly()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("重置廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "L1");
        await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/meters/L1/readings", MeterSetup.Readings(
            ("2024-06-05T08:00:00+08:00", 500m), ("2024-06-05T08:15:00+08:00", 520m), ("2024-06-05T08:30:00+08:00", 4m))));
        await MeterSetup.RollUpAsync(app);

        Assert.Equal([20m, 4m], (await Series(erp, "L1", "15min")).Select(q => q.Quantity));
        var anomalies = await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/meters/L1/anomalies"));
        var reset = Assert.Single(anomalies.EnumerateArray());
        Assert.Equal("CounterReset", reset.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task IntervalMeter_TakesCsv_AndAGapIsShown()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("區間廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "M-15", semantics: "Interval");
        var csv = "\uFEFFkwh,t\n3.5,2024-06-05T08:15:00+08:00\n4.25,2024-06-05T08:30:00+08:00\n5,2024-06-05T09:15:00+08:00\n";
        var posted = await Problem.ReadJsonAsync(await erp.PostAsync("/api/v1/meters/M-15/readings", new StringContent(csv, Encoding.UTF8, "text/csv")));
        Assert.Equal(3, posted.GetProperty("inserted").GetInt32());
        await MeterSetup.RollUpAsync(app);

        Assert.Equal([7.75m, 5m], (await Series(erp, "M-15", "hour")).Select(h => h.Quantity));
        var anomalies = await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/meters/M-15/anomalies"));
        Assert.Contains(anomalies.EnumerateArray(), a => a.GetProperty("kind").GetString() == "Gap");
    }

    [Fact]
    public async Task BadReadings_Are400WithTheFieldPath_AndNothingIsStored()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("錯誤廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "BAD");

        var noOffset = await erp.PostAsync("/api/v1/meters/BAD/readings", new StringContent("""{"readings":[{"t":"2024-06-05T08:00:00+08:00","kwh":1},{"t":"2024-06-05T08:15:00","kwh":2}]}""", Encoding.UTF8, "application/json"));
        await Problem.AssertFieldAsync(noOffset, "readings[1].t");
        var text = await erp.PostAsync("/api/v1/meters/BAD/readings", new StringContent("""{"readings":[{"t":"2024-06-05T08:00:00+08:00","kwh":"many"}]}""", Encoding.UTF8, "application/json"));
        await Problem.AssertFieldAsync(text, "readings[0].kwh");
        var csv = await erp.PostAsync("/api/v1/meters/BAD/readings", new StringContent("t,kwh\n2024-06-05T08:00:00+08:00,1\n2024-06-05T08:15:00+08:00,x\n", Encoding.UTF8, "text/csv"));
        await Problem.AssertFieldAsync(csv, "rows[3].kwh");
        var xml = await erp.PostAsync("/api/v1/meters/BAD/readings", new StringContent("<r/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erp.PostAsJsonAsync("/api/v1/meters/NOPE/readings", MeterSetup.Readings(("2024-06-05T08:00:00+08:00", 1m)))).StatusCode);

        await MeterSetup.RollUpAsync(app);
        var series = await Series(erp, "BAD", "15min");
        Assert.Empty(series);
    }

    [Fact]
    public async Task MeterDefinitions_NameTheFieldThatIsWrong()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("定義廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        var bad = await erp.PostAsJsonAsync("/api/v1/meters", new { code = "a/b", name = "x", facilityId = facility, kind = "Physical", carrier = "Electricity", unit = "m3", semantics = "Counter", intervalMinutes = 7, timeZone = "Mars/Olympus" });
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var field in new[] { "code", "unit", "intervalMinutes", "timeZone" })
        {
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        }

        await MeterSetup.MeterAsync(erp, facility, "DUP");
        var dup = await erp.PostAsJsonAsync("/api/v1/meters", new { code = "DUP", name = "x", facilityId = facility, kind = "Physical", carrier = "Electricity", unit = "kWh", semantics = "Counter", intervalMinutes = 15, timeZone = "Asia/Taipei" });
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
        var virtualBad = await erp.PostAsJsonAsync("/api/v1/meters", new { code = "V", name = "x", facilityId = facility, kind = "Virtual", carrier = "Electricity", unit = "kWh", semantics = "Interval", intervalMinutes = 15, timeZone = "Asia/Taipei", formula = "+DUP -GHOST" });
        await Problem.AssertFieldAsync(virtualBad, "formula");
    }

    [Fact]
    public async Task VirtualMeter_IsMainMinusItsSubMeters()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("虛擬廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "MAIN", semantics: "Interval");
        await MeterSetup.MeterAsync(erp, facility, "SUB", semantics: "Interval");
        await MeterSetup.MeterAsync(erp, facility, "REST", semantics: "Interval", extra: new { kind = "Virtual", formula = "+MAIN -SUB" });
        await erp.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(("2024-06-05T08:15:00+08:00", 10m), ("2024-06-05T08:30:00+08:00", 12m)));
        await erp.PostAsJsonAsync("/api/v1/meters/SUB/readings", MeterSetup.Readings(("2024-06-05T08:15:00+08:00", 4m), ("2024-06-05T08:30:00+08:00", 5m)));
        await MeterSetup.RollUpAsync(app);

        Assert.Equal([6m, 7m], (await Series(erp, "REST", "15min")).Select(q => q.Quantity));
        var refused = await erp.PostAsJsonAsync("/api/v1/meters/REST/readings", MeterSetup.Readings(("2024-06-05T08:15:00+08:00", 1m)));
        await Problem.AssertFieldAsync(refused, "meter");
    }

    [Fact]
    public async Task AnotherCompany_CannotSeeOrFeedTheMeters()
    {
        var (companyId, owner) = await app.CreateCompanyAsync("甲廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(owner, facility, "SECRET");
        await owner.PostAsJsonAsync("/api/v1/meters/SECRET/readings", MeterSetup.Readings(("2024-06-05T08:00:00+08:00", 1m), ("2024-06-05T08:15:00+08:00", 2m)));
        var (otherId, other) = await app.CreateCompanyAsync("乙廠");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/meters/SECRET")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/meters/SECRET/series?grain=15min&from=2024-06-05T00:00:00%2B08:00&to=2024-06-06T00:00:00%2B08:00")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/meters/SECRET/readings", MeterSetup.Readings(("2024-06-05T08:30:00+08:00", 99m)))).StatusCode);
        Assert.Empty((await Problem.ReadJsonAsync(await other.GetAsync("/api/v1/meters"))).EnumerateArray());
        // The other company's facility id is not a facility of this one.
        var foreign = await other.PostAsJsonAsync("/api/v1/meters", new { code = "X", name = "x", facilityId = facility, kind = "Physical", carrier = "Electricity", unit = "kWh", semantics = "Counter", intervalMinutes = 15, timeZone = "Asia/Taipei" });
        await Problem.AssertFieldAsync(foreign, "facilityId");
        _ = otherId;
    }

    internal sealed record Point(string Start, decimal Quantity, decimal? KgCo2e);

    internal static async Task<List<Point>> Series(HttpClient client, string code, string grain)
    {
        var json = await Problem.ReadJsonAsync(await client.GetAsync($"/api/v1/meters/{code}/series?grain={grain}&from=2024-06-04T00:00:00%2B08:00&to=2024-06-07T00:00:00%2B08:00"));
        return json.GetProperty("buckets").EnumerateArray().Select(b => new Point(
            b.GetProperty("start").GetString()!, b.GetProperty("quantity").GetDecimal(),
            b.GetProperty("kgCo2e").ValueKind == System.Text.Json.JsonValueKind.Null ? null : b.GetProperty("kgCo2e").GetDecimal())).ToList();
    }
}
