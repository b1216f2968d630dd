using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.WorkOrders;

public sealed class WorkOrderApiTests_Sqlite(SqliteApp app) : WorkOrderApiTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderApiTests_Postgres(PostgresApp app) : WorkOrderApiTests(app), IClassFixture<PostgresApp>;

/// <summary>Work orders posted by an ERP: calculated on arrival, searchable, recalculated on request, per company.</summary>
public abstract class WorkOrderApiTests(TanpanApp app)
{
    private static object Order(string workOrderNo, string date = "2024-06-05", string metal = "Ni", decimal mix = 100m) => new
    {
        orderNo = "PO-2024-001",
        workOrderNo,
        metal,
        date,
        startTime = "08:00",
        endTime = "17:30",
        productName = "M8 螺絲",
        quantity = 1000,
        unit = "kg",
        mixRatioPercent = mix,
        areaCm2 = 10_000,
        thicknessUm = 10,
        densityKgPerM3 = 8_908,
        processes = new object[]
        {
            new { name = "前處理", inputs = new object[] { new { activity = "fuel.fuel-oil", quantity = 3000, unit = "L" }, new { activity = "electricity.grid.tw", quantity = 400, unit = "kWh" } } },
            new { name = "電鍍", inputs = new object[] { new { activity = "electricity.grid.tw", quantity = 200, unit = "度" } } },
        },
    };

    private static readonly decimal Total = (3000m * 3.029705639568m) + (600m * 0.474m);

    [Fact]
    public async Task ErpPostsAWorkOrder_ItIsCalculatedStoredAndHashed()
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 A");

        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-1")), HttpStatusCode.Created);

        Assert.Equal(Total, created.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(Total / 1000m, created.GetProperty("result").GetProperty("intensity").GetProperty("kgCo2ePerUnit").GetDecimal());
        Assert.Equal(0.08908m, created.GetProperty("platedMassKg").GetDecimal());
        Assert.Equal("direct per process", created.GetProperty("energyMethod").GetString());
        Assert.Matches("^[0-9a-f]{64}$", created.GetProperty("contentHash").GetString()!);
        var id = created.GetProperty("id").GetString();

        var read = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"));
        Assert.Equal(created.GetProperty("contentHash").GetString(), read.GetProperty("contentHash").GetString());
        Assert.Equal("intact", read.GetProperty("integrity").GetString());
        var recalculated = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{id}/calculate", null));
        // The same inputs and library give the same result; the record (and so its hash) also holds when it was calculated.
        Assert.Equal(created.GetProperty("result").GetRawText(), recalculated.GetProperty("result").GetRawText());
        Assert.NotEqual(created.GetProperty("contentHash").GetString(), recalculated.GetProperty("contentHash").GetString());
        Assert.Equal(recalculated.GetProperty("contentHash").GetString(), (await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"))).GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task MixRatio_TakesTheJobsShareOfTheBatchEnergy()
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 B");

        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-MIX", mix: 25m)), HttpStatusCode.Created);

        Assert.Equal(Total * 25m / 100m, created.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("batch × mix ratio", created.GetProperty("energyMethod").GetString());
    }

    [Fact]
    public async Task MeteredEnergy_IsAllocatedByTheStatedKey_AndRecalculatesTheSame()
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 H");
        var body = new
        {
            orderNo = "PO-M",
            workOrderNo = "WO-METER",
            date = "2024-06-05",
            quantity = 300,
            unit = "piece",
            allocation = new { key = "area", jobValue = 1200, totalValue = 6000 },
            processes = new[] { new { name = "電鍍", inputs = new[] { new { activity = "electricity.grid.tw", quantity = 900, unit = "kWh" } } } },
        };

        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", body), HttpStatusCode.Created);
        var recalculated = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{created.GetProperty("id").GetString()}/calculate", null));

        Assert.Equal(900m * 1200m / 6000m * 0.474m, created.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal("metered energy allocated by area: 1200 of 6000", created.GetProperty("energyMethod").GetString());
        Assert.Equal(created.GetProperty("totalKgCo2e").GetDecimal(), recalculated.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(created.GetProperty("result").GetRawText(), recalculated.GetProperty("result").GetRawText());
        Assert.Equal("metered energy allocated by area: 1200 of 6000", recalculated.GetProperty("energyMethod").GetString());
    }

    [Theory]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","allocation":{"key":"colour","jobValue":1,"totalValue":2},"processes":[{"name":"a","inputs":[]}]}""", "allocation.key")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","allocation":{"key":"area","jobValue":5,"totalValue":2},"processes":[{"name":"a","inputs":[]}]}""", "allocation.jobValue")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","allocation":{"key":"area","jobValue":1},"processes":[{"name":"a","inputs":[]}]}""", "allocation.totalValue")]
    [InlineData("""{"workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","processes":[{"name":"a","inputs":[]}]}""", "orderNo")]
    [InlineData("""{"orderNo":"P","date":"2024-01-01","quantity":1,"unit":"kg","processes":[{"name":"a","inputs":[]}]}""", "workOrderNo")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":0,"unit":"kg","processes":[{"name":"a","inputs":[]}]}""", "quantity")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"lb","processes":[{"name":"a","inputs":[]}]}""", "unit")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","mixRatioPercent":150,"processes":[{"name":"a","inputs":[]}]}""", "mixRatioPercent")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","thicknessUm":-1,"processes":[{"name":"a","inputs":[]}]}""", "thicknessUm")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","startTime":"10:00","endTime":"09:00","quantity":1,"unit":"kg","processes":[{"name":"a","inputs":[]}]}""", "endTime")]
    [InlineData("""{"orderNo":"P","workOrderNo":"W","date":"2024-01-01","quantity":1,"unit":"kg","processes":[{"name":"a","inputs":[{"activity":"fuel.fuel-oil","quantity":1,"unit":"kg"}]}]}""", "processes[0].inputs[0].unit")]
    public async Task BadWorkOrder_Returns400NamingTheField_AndStoresNothing(string body, string field)
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 C");

        var errors = await Problem.ReadErrorsAsync(await erp.PostAsync("/api/v1/work-orders", new StringContent(body, Encoding.UTF8, "application/json")));

        Assert.True(errors.ContainsKey(field), $"expected {field}, got {string.Join(", ", errors.Keys)}");
        Assert.Equal(0, (await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/work-orders"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DuplicateWorkOrderNumber_IsAConflict()
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 D");
        await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-DUP"));

        var problem = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-DUP")), HttpStatusCode.Conflict);

        Assert.Equal("work-order.duplicate-number", problem.GetProperty("code").GetString());
        Assert.Contains("already exists", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelIdenticalCreations_GiveOneCreatedAndConflictsNeverA500()
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 P");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-RACE"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task History_IsSearchedSortedAndPagedOnTheServer()
    {
        var (_, erp) = await app.CreateCompanyAsync("電鍍廠 E");
        await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-A1", "2024-01-10", "Ni"));
        await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-A2", "2024-02-10", "Cr", 50m));
        await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-B1", "2024-03-10", "Ni", 10m));

        var nickel = await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/work-orders?metal=Ni&sort=date"));
        Assert.Equal(2, nickel.GetProperty("total").GetInt32());
        Assert.Equal("WO-A1", nickel.GetProperty("items")[0].GetProperty("workOrderNo").GetString());

        var search = await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/work-orders?q=wo-a"));
        Assert.Equal(2, search.GetProperty("total").GetInt32());

        var range = await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/work-orders?from=2024-02-01&to=2024-03-31&sort=-total&pageSize=1&page=1"));
        Assert.Equal(2, range.GetProperty("total").GetInt32());
        Assert.Equal("WO-A2", range.GetProperty("items")[0].GetProperty("workOrderNo").GetString());
        Assert.Equal(1, range.GetProperty("items").GetArrayLength());

        var bad = await Problem.ReadErrorsAsync(await erp.GetAsync("/api/v1/work-orders?sort=colour&pageSize=0"));
        Assert.True(bad.ContainsKey("sort") && bad.ContainsKey("pageSize"));
    }

    [Fact]
    public async Task AnotherCompany_GetsNothing()
    {
        var (_, a) = await app.CreateCompanyAsync("電鍍廠 F");
        var (_, b) = await app.CreateCompanyAsync("電鍍廠 G");
        var created = await Problem.ReadJsonAsync(await a.PostAsJsonAsync("/api/v1/work-orders", Order("WO-SECRET")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/work-orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/v1/work-orders/{id}/calculate", null)).StatusCode);
        Assert.Equal(0, (await Problem.ReadJsonAsync(await b.GetAsync("/api/v1/work-orders?q=WO-SECRET"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/work-orders", Order("WO-SECRET"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/work-orders")).StatusCode);
    }
}

public sealed class CertificateSettingsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static byte[] SealPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 64);
        bitmap.Erase(SkiaSharp.SKColors.Red);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private async Task<HttpClient> OperatorAsync()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        await Forms.PostAsync(client, "/login", [new("Account", TanpanApp.OperatorEmail), new("Password", TanpanApp.OperatorPassword)]);
        return client;
    }

    [Fact]
    public async Task OperatorsSealAndDisclaimer_ArePrintedOnCertificates()
    {
        var op = await OperatorAsync();
        var saved = await (await Forms.PostFileAsync(op, "/operator/certificate", null, "seal.png", SealPng(), "seal", [new("AssociationName", "台灣表面處理公會"), new("Disclaimer", "本會僅就計算方法背書 TEST-DISCLAIMER")])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"saved\"", saved, StringComparison.Ordinal);

        var (_, erp) = await app.CreateCompanyAsync("有印章的廠");
        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", new { orderNo = "P", workOrderNo = "W-SEAL", date = "2024-01-01", quantity = 1, unit = "kg", processes = new[] { new { name = "電鍍", inputs = new[] { new { activity = "electricity.grid.tw", quantity = 10, unit = "kWh" } } } } }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync($"/api/v1/work-orders/{id}/certify", null)).StatusCode);
        var pdf = await erp.GetByteArrayAsync($"/api/v1/work-orders/{id}/certificate.pdf");

        var text = await Pdf.TextAsync(pdf);
        Assert.Contains("TEST-DISCLAIMER", text, StringComparison.Ordinal);
        Assert.Contains("台灣表面處理公會", text, StringComparison.Ordinal);
        Assert.Equal(2, await ImageCountAsync(pdf));
    }

    [Fact]
    public async Task NotAnImage_IsRejected()
    {
        var op = await OperatorAsync();

        var page = await (await Forms.PostFileAsync(op, "/operator/certificate", null, "seal.png", Encoding.UTF8.GetBytes("not an image"), "seal", [new("Disclaimer", "x")])).Content.ReadAsStringAsync();

        Assert.Contains("PNG 或 JPEG", page, StringComparison.Ordinal);
    }

    private static async Task<int> ImageCountAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tanpan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdfimages", ["-list", file]) { RedirectStandardOutput = true })!;
            var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await process.WaitForExitAsync();
            return lines.Length - 2; // header and separator lines
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class WorkOrderImportTests_Sqlite(SqliteApp app) : WorkOrderImportTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderImportTests_Postgres(PostgresApp app) : WorkOrderImportTests(app), IClassFixture<PostgresApp>;

/// <summary>ERP bulk import: one row per process input, grouped by work order; all or nothing, errors by cell.</summary>
public abstract class WorkOrderImportTests(TanpanApp app)
{
    private static readonly string[] Columns =
    [
        "訂單編號 order_no", "工單編號 work_order_no", "加工金屬 metal", "加工日期 date", "品名 product", "加工數量 quantity", "單位 unit",
        "混料比例 mix_ratio_percent", "面積 area_cm2", "厚度 thickness_um", "密度 density_kg_m3", "製程 process", "能源 activity", "用量 energy_quantity", "能源單位 energy_unit",
    ];

    private static Dictionary<string, object?> Row(params object?[] values) => Columns.Select((c, i) => (c, i < values.Length ? values[i] : null)).ToDictionary(x => x.c, x => x.Item2);

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["工單"] = rows });
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        return await client.PostAsync("/api/v1/work-orders/import", form);
    }

    [Fact]
    public async Task ValidFile_ImportsEveryOrder_WithItsProcesses()
    {
        var (_, erp) = await app.CreateCompanyAsync("匯入電鍍廠");
        var file = Xlsx(
            Row("PO-1", "WO-I1", "Ni", "2024-06-05", "螺絲", 1000, "kg", 100, null, null, null, "前處理", "fuel.fuel-oil", 3000, "L"),
            Row("PO-1", "WO-I1", "Ni", "2024-06-05", "螺絲", 1000, "kg", 100, null, null, null, "前處理", "electricity.grid.tw", 400, "kWh"),
            Row("PO-1", "WO-I1", "Ni", "2024-06-05", "螺絲", 1000, "kg", 100, null, null, null, "電鍍", "electricity.grid.tw", 200, "度"),
            Row("PO-2", "WO-I2", "Cr", "2024-06-06", "油壓桿", 500, "piece", 50, null, null, null, "電鍍", "electricity.grid.tw", 1000, "kWh"));

        var imported = await Problem.ReadJsonAsync(await UploadAsync(erp, file, "erp.xlsx"));

        Assert.Equal(2, imported.GetProperty("count").GetInt32());
        var first = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{imported.GetProperty("ids")[0].GetString()}"));
        Assert.Equal((3000m * 3.029705639568m) + (600m * 0.474m), first.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(2, first.GetProperty("result").GetProperty("byProcess").GetArrayLength());
        var second = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{imported.GetProperty("ids")[1].GetString()}"));
        Assert.Equal(1000m * 0.474m * 50m / 100m, second.GetProperty("totalKgCo2e").GetDecimal());
    }

    [Fact]
    public async Task FileWithErrors_ImportsNothing_AndNamesTheCells()
    {
        var (_, erp) = await app.CreateCompanyAsync("匯入電鍍廠 2");
        var file = Xlsx(
            Row("PO-1", "WO-OK", "Ni", "2024-06-05", "螺絲", 1000, "kg", 100, null, null, null, "電鍍", "electricity.grid.tw", 200, "kWh"),
            Row("PO-2", "WO-BAD", "Ni", "2024-13-40", "螺絲", 1000, "kg", 100, null, null, null, "電鍍", "electricity.grid.tw", 200, "kWh"),
            Row("PO-3", "WO-BAD2", "Ni", "2024-06-05", "螺絲", 1000, "kg", 100, null, null, null, "電鍍", "fuel.fuel-oil", 5, "kWh"),
            Row("PO-4", "WO-BAD3", "Ni", "2024-06-05", "螺絲", 1000, "kg", 100, null, null, null, "電鍍", "electricity.grid.tw", "很多", "kWh"));

        var errors = await Problem.ReadErrorsAsync(await UploadAsync(erp, file, "erp.xlsx"));

        Assert.Contains("工單!D3", errors.Keys);
        Assert.Contains("工單!O4", errors.Keys);
        Assert.Contains("工單!N5", errors.Keys);
        Assert.Equal(0, (await Problem.ReadJsonAsync(await erp.GetAsync("/api/v1/work-orders"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Csv_IsImportedToo()
    {
        var (_, erp) = await app.CreateCompanyAsync("匯入電鍍廠 3");
        var csv = Encoding.UTF8.GetBytes(string.Join(",", Columns) + "\nPO-9,WO-CSV,Zn,2024-02-01,墊片,200,kg,100,,,,電鍍,electricity.grid.tw,100,kWh\n");

        var imported = await Problem.ReadJsonAsync(await UploadAsync(erp, csv, "erp.csv"));

        Assert.Equal(1, imported.GetProperty("count").GetInt32());
    }
}
