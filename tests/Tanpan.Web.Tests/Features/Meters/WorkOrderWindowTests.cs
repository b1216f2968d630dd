using System.Net;
using System.Net.Http.Json;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

public sealed class WorkOrderWindowTests_Sqlite(SqliteApp app) : WorkOrderWindowTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderWindowTests_Postgres(PostgresApp app) : WorkOrderWindowTests(app), IClassFixture<PostgresApp>;

/// <summary>A work order's start and end slice its line's meter: the job's energy measured, not allocated, with the
/// method stored, printed on the certificate, and kept by a recalculation.</summary>
public abstract class WorkOrderWindowTests(TanpanApp app)
{
    private static object Order(string no, object window, object? allocation = null) => new
    {
        orderNo = "PO-1", workOrderNo = no, date = "2024-06-05", quantity = 100, unit = "piece",
        processes = new object[] { new { name = "前處理", inputs = new object[] { new { activity = "electricity.grid.tw", quantity = 1, unit = "kWh" } } }, new { name = "電鍍", inputs = Array.Empty<object>() } },
        meterWindow = window, allocation,
    };

    [Fact]
    public async Task WindowEnergy_MatchesTheHandComputedProfile_AndIsTheJobsOwn()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("電鍍工單廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "LINE-A");
        await PostProfileAsync(erp, "LINE-A");

        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders",
            Order("WO-M1", new { meterId = "LINE-A", from = "2024-06-05T08:07:00+08:00", to = "2024-06-05T09:22:00+08:00", process = "電鍍" })), HttpStatusCode.Created);

        // 08:07–08:15 takes 8/15 of (08:00,08:15]'s 10 kWh; 20 + 6 + 14 + 5 whole; 09:15–09:22 takes 7/15 of 5 kWh.
        var expectedKwh = (8m / 15m * 10m) + 20m + 6m + 14m + 5m + (7m / 15m * 5m); // = 158/3
        var lines = created.GetProperty("result").GetProperty("lines").EnumerateArray().ToList();
        var measured = Assert.Single(lines, l => l.GetProperty("process").GetString() == "電鍍");
        Assert.Equal(expectedKwh, measured.GetProperty("quantity").GetDecimal(), 18);
        Assert.Equal(expectedKwh * 0.474m, measured.GetProperty("kgCo2e").GetDecimal(), 15);
        Assert.Equal((1m + expectedKwh) * 0.474m, created.GetProperty("totalKgCo2e").GetDecimal(), 15);
        var method = created.GetProperty("energyMethod").GetString()!;
        Assert.StartsWith("Measured on meter LINE-A", method, StringComparison.Ordinal);
        Assert.Contains("2024-06-05 08:07", method, StringComparison.Ordinal);
        Assert.Contains("no allocation", method, StringComparison.Ordinal);

        // A recalculation keeps the measured quantity and the method; the certificate prints it in zh-TW.
        var id = created.GetProperty("id").GetString();
        var again = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{id}/calculate", null));
        Assert.Equal(method, again.GetProperty("energyMethod").GetString());
        await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{id}/certify", null));
        var pdf = await erp.GetByteArrayAsync($"/api/v1/work-orders/{id}/certificate.pdf");
        var text = await Pdf.TextAsync(pdf);
        Assert.Contains("電表 LINE-A", text.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadWindows_NameTheField()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("窗口錯誤廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "EMPTY");

        await Problem.AssertFieldAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("W1", new { meterId = "NOPE", from = "2024-06-05T08:00:00+08:00", to = "2024-06-05T09:00:00+08:00" })), "meterWindow.meterId");
        await Problem.AssertFieldAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("W2", new { meterId = "EMPTY", from = "2024-06-05T09:00:00+08:00", to = "2024-06-05T08:00:00+08:00" })), "meterWindow.to");
        await Problem.AssertFieldAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("W3", new { meterId = "EMPTY", from = "2024-06-05T08:00:00+08:00", to = "2024-06-05T09:00:00+08:00", process = "烘乾" })), "meterWindow.process");
        await Problem.AssertFieldAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("W4", new { meterId = "EMPTY", from = "2024-06-05T08:00:00+08:00", to = "2024-06-05T09:00:00+08:00" })), "meterWindow");
        await Problem.AssertFieldAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("W5", new { meterId = "EMPTY", from = "2024-06-05T08:00:00+08:00", to = "2024-06-05T09:00:00+08:00" }, new { key = "area", jobValue = 1, totalValue = 2 })), "meterWindow");

        // Another company's meter is not found either.
        var (_, other) = await app.CreateCompanyAsync("他廠");
        await Problem.AssertFieldAsync(await other.PostAsJsonAsync("/api/v1/work-orders", Order("W6", new { meterId = "EMPTY", from = "2024-06-05T08:00:00+08:00", to = "2024-06-05T09:00:00+08:00" })), "meterWindow.meterId");
    }

    [Fact]
    public async Task Import_WithMeterColumns_MeasuresTheOrder_AndNamesTheCellOfABadWindow()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("匯入電表廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "LINE-B");
        await PostProfileAsync(erp, "LINE-B");
        var header = string.Join(",", [.. Tanpan.Web.Features.WorkOrders.ImportWorkOrders.Columns, .. Tanpan.Web.Features.WorkOrders.ImportWorkOrders.MeterColumns]);

        // Times without an offset are Taipei time; the 電鍍 row only names the process the measured energy goes to.
        var good = $"{header}\nPO,WO-I1,Ni,2024-06-05,x,100,piece,,,,,前處理,electricity.grid.tw,1,kWh,LINE-B,2024-06-05 08:07,2024-06-05 09:22,電鍍\nPO,WO-I1,,,,,,,,,,電鍍,,,,,,,\n";
        var imported = await Problem.ReadJsonAsync(await UploadAsync(erp, good));
        var id = imported.GetProperty("ids")[0].GetString();
        var order = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"));
        var measured = Assert.Single(order.GetProperty("result").GetProperty("lines").EnumerateArray(), l => l.GetProperty("process").GetString() == "電鍍");
        Assert.Equal((8m / 15m * 10m) + 20m + 6m + 14m + 5m + (7m / 15m * 5m), measured.GetProperty("quantity").GetDecimal(), 18);
        Assert.StartsWith("Measured on meter LINE-B", order.GetProperty("energyMethod").GetString(), StringComparison.Ordinal);

        // Each bad window names its cell (P = meter, R = end, S = measured process) and nothing is stored.
        var bad = $"{header}\nPO,WO-I2,Ni,2024-06-05,x,1,piece,,,,,電鍍,electricity.grid.tw,1,kWh,NOPE,2024-06-05 08:00,2024-06-05 09:00,\n"
            + "PO,WO-I3,Ni,2024-06-05,x,1,piece,,,,,電鍍,electricity.grid.tw,1,kWh,LINE-B,2024-06-05 09:00,2024-06-05 08:00,\n"
            + "PO,WO-I4,Ni,2024-06-05,x,1,piece,,,,,電鍍,electricity.grid.tw,1,kWh,LINE-B,2024-06-05 08:00,2024-06-05 09:00,烘乾\n"
            + "PO,WO-I5,Ni,2024-06-05,x,1,piece,,,,,電鍍,electricity.grid.tw,1,kWh,,2024-06-05 08:00,,\n"
            + "PO,WO-I6,Ni,2024-06-05,x,1,piece,,,,,電鍍,electricity.grid.tw,1,kWh,LINE-B,not a time,2024-06-05 09:00,\n";
        var errors = await Problem.ReadErrorsAsync(await UploadAsync(erp, bad));
        Assert.Contains("CSV!P2", errors.Keys);
        Assert.Contains("CSV!R3", errors.Keys);
        Assert.Contains("CSV!S4", errors.Keys);
        Assert.Contains("CSV!P5", errors.Keys);
        Assert.Contains("CSV!Q6", errors.Keys);
        Assert.DoesNotContain("WO-I2", await erp.GetStringAsync("/api/v1/work-orders"), StringComparison.Ordinal);
    }

    // The hand-computed counter profile both the API and the import slice: 10, 20, 6, 14, 5, 5 kWh a quarter hour.
    private static async Task PostProfileAsync(HttpClient erp, string meter) =>
        await Problem.ReadJsonAsync(await erp.PostAsJsonAsync($"/api/v1/meters/{meter}/readings", MeterSetup.Readings(
            ("2024-06-05T08:00:00+08:00", 0m), ("2024-06-05T08:15:00+08:00", 10m), ("2024-06-05T08:30:00+08:00", 30m), ("2024-06-05T08:45:00+08:00", 36m),
            ("2024-06-05T09:00:00+08:00", 50m), ("2024-06-05T09:15:00+08:00", 55m), ("2024-06-05T09:30:00+08:00", 60m))));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "erp.csv" } };
        return await client.PostAsync("/api/v1/work-orders/import", form);
    }
}
