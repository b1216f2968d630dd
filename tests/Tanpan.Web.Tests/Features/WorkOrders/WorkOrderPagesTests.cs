using System.Net;
using System.Net.Http.Json;
using MiniExcelLibs;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.WorkOrders;

public sealed class WorkOrderPagesTests_Sqlite(SqliteApp app) : WorkOrderPagesTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderPagesTests_Postgres(PostgresApp app) : WorkOrderPagesTests(app), IClassFixture<PostgresApp>;

public abstract class WorkOrderPagesTests(TanpanApp app)
{
    private static List<KeyValuePair<string, string>> Form(string workOrderNo, string fuelOil = "3000") =>
    [
        new("Input.OrderNo", "PO-1"), new("Input.WorkOrderNo", workOrderNo), new("Input.Date", "2024-06-05"), new("Input.Quantity", "1000"),
        new("Input.Unit", "kg"), new("Input.MixRatioPercent", "100"), new("Input.Metal", "Ni"), new("Input.AreaCm2", "10000"), new("Input.ThicknessUm", "10"),
        new("Input.Energy[0]", fuelOil), new("Input.Energy[1]", "400"), new("Input.Energy[2]", ""),
        new("Input.Energy[3]", ""), new("Input.Energy[4]", "200"), new("Input.Energy[5]", ""),
        new("Input.Energy[6]", ""), new("Input.Energy[7]", ""), new("Input.Energy[8]", ""),
    ];

    [Fact]
    public async Task FormCreatesAWorkOrder_UsingTheTemplateDensity_AndHistoryExportsIt()
    {
        var client = (await app.SignInAsNewCompanyUserAsync("電鍍頁面公司")).Client;

        var detail = await (await Forms.PostAsync(client, "/work-orders/new", Form("WO-PAGE-1"))).Content.ReadAsStringAsync();

        Assert.Contains("鍍層質量 0.08908 kg", detail, StringComparison.Ordinal);
        Assert.Contains("已建立並計算工單 WO-PAGE-1", detail, StringComparison.Ordinal);
        Assert.Contains(((3000m * 3.029705639568m) + (600m * 0.474m)).ToString("N3", System.Globalization.CultureInfo.GetCultureInfo("zh-TW")), detail, StringComparison.Ordinal);
        var xlsx = await client.GetByteArrayAsync("/work-orders?handler=Export&q=WO-PAGE");
        using var stream = new MemoryStream(xlsx);
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("WO-PAGE-1", Assert.Single(rows)["工單編號 work_order_no"]);
    }

    [Fact]
    public async Task FormAllocatesMeteredEnergyByKey()
    {
        var client = (await app.SignInAsNewCompanyUserAsync("電鍍頁面分攤")).Client;
        var form = Form("WO-ALLOC").Append(new("Input.AllocationKey", "rack-hours")).Append(new("Input.AllocationJobValue", "2")).Append(new("Input.AllocationTotalValue", "8")).ToList();

        var detail = await (await Forms.PostAsync(client, "/work-orders/new", form)).Content.ReadAsStringAsync();

        Assert.Contains("量測能源依掛架時數分攤：2 / 8", detail, StringComparison.Ordinal);
        Assert.Contains((((3000m * 3.029705639568m) + (600m * 0.474m)) / 4m).ToString("N3", System.Globalization.CultureInfo.GetCultureInfo("zh-TW")), detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadForm_ShowsErrors_AndSavesNothing()
    {
        var client = (await app.SignInAsNewCompanyUserAsync("電鍍頁面公司 2")).Client;

        var page = await (await Forms.PostAsync(client, "/work-orders/new", Form("WO-BAD", fuelOil: "-5").Where(f => f.Key != "Input.Quantity").ToList())).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"errors\"", page, StringComparison.Ordinal);
        // Each error stands next to its own field: the missing output quantity and the negative fuel-oil energy.
        Assert.Matches("data-testid=\"job-quantity\"><span class=\"field-error\">[^<]+</span>", page);
        Assert.Matches("data-testid=\"energy-[0-9]+-[0-9]+\"><span class=\"field-error\">[^<]+</span>", page);
        Assert.Contains("共 0 筆", await client.GetStringAsync("/work-orders"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageImport_ReportsCellErrors_OrImportsEverything()
    {
        var client = (await app.SignInAsNewCompanyUserAsync("電鍍頁面匯入")).Client;
        var header = string.Join(",", Tanpan.Web.Features.WorkOrders.ImportWorkOrders.Columns);
        var bad = System.Text.Encoding.UTF8.GetBytes($"{header}\nPO,WO-P1,Ni,2024-06-05,x,10,kg,100,,,,電鍍,electricity.grid.tw,-1,kWh\n");
        var good = System.Text.Encoding.UTF8.GetBytes($"{header}\nPO,WO-P1,Ni,2024-06-05,x,10,kg,100,,,,電鍍,electricity.grid.tw,10,kWh\n");

        var badPage = await (await Forms.PostFileAsync(client, "/work-orders", "Import", "erp.csv", bad)).Content.ReadAsStringAsync();
        var goodPage = await (await Forms.PostFileAsync(client, "/work-orders", "Import", "erp.csv", good)).Content.ReadAsStringAsync();

        Assert.Contains("<code>CSV!N2</code>", badPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"import-notice\"", goodPage, StringComparison.Ordinal);
        Assert.Contains("WO-P1", goodPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCompany_GetsNotFound_ForTheWorkOrderPage()
    {
        var (_, erp) = await app.CreateCompanyAsync("工單 A");
        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", new { orderNo = "P", workOrderNo = "W-A", date = "2024-01-01", quantity = 1, unit = "kg", processes = new[] { new { name = "電鍍", inputs = new[] { new { activity = "electricity.grid.tw", quantity = 1, unit = "kWh" } } } } }), HttpStatusCode.Created);
        var other = (await app.SignInAsNewCompanyUserAsync("工單 B")).Client;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/work-orders/{created.GetProperty("id").GetString()}")).StatusCode);
        Assert.DoesNotContain("W-A", await other.GetStringAsync("/work-orders"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/jobs", "/work-orders")]
    [InlineData("/jobs/new", "/work-orders/new")]
    [InlineData("/jobs?q=WO-1&page=2", "/work-orders?q=WO-1&page=2")]
    [InlineData("/jobs/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "/work-orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    // 308, not 301: a form posted to a former address is re-posted, not turned into a GET.
    public async Task FormerJobLinks_RedirectPermanentlyToTheWorkOrderPages(string former, string current)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(former);

        Assert.Equal(System.Net.HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(current, response.Headers.Location!.OriginalString);
    }

}

public sealed class ProcessTemplateTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<HttpClient> OperatorAsync()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        await Forms.PostAsync(client, "/login", [new("Account", TanpanApp.OperatorEmail), new("Password", TanpanApp.OperatorPassword)]);
        return client;
    }

    [Fact]
    public async Task OperatorTemplate_AndCompanyUnits_ShapeTheWorkOrderForm()
    {
        var op = await OperatorAsync();
        var saved = await (await Forms.PostAsync(op, "/operator/template", [
            new("Processes", "脫脂\n電鍍"),
            new("Inputs", "electricity.grid.tw | 電力 | kWh\nfuel.lpg | 液化石油氣 | L"),
            new("Metals", "Ni | 鎳 | 8908")])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"saved\"", saved, StringComparison.Ordinal);

        var member = (await app.SignInAsNewCompanyUserAsync("範本會員")).Client;
        await Forms.PostAsync(member, "/work-orders/units", [new("Name", "除氫烘烤")]);
        var form = await member.GetStringAsync("/work-orders/new");

        Assert.Contains("脫脂", form, StringComparison.Ordinal);
        Assert.Contains("液化石油氣", form, StringComparison.Ordinal);
        Assert.Contains("除氫烘烤", form, StringComparison.Ordinal);
        Assert.DoesNotContain("前處理", form, StringComparison.Ordinal);
        var other = (await app.SignInAsNewCompanyUserAsync("另一會員")).Client;
        Assert.DoesNotContain("除氫烘烤", await other.GetStringAsync("/work-orders/new"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateWithAnUnknownActivityOrAWrongUnit_IsRejectedByLine()
    {
        var op = await OperatorAsync();

        var page = await (await Forms.PostAsync(op, "/operator/template", [
            new("Processes", "電鍍"),
            new("Inputs", "electricity.grid.tw | 電力 | L\nfuel.unobtainium | ? | L"),
            new("Metals", "Ni | 鎳 | -1")])).Content.ReadAsStringAsync();

        Assert.Contains("inputs line 1", page, StringComparison.Ordinal);
        Assert.Contains("inputs line 2", page, StringComparison.Ordinal);
        Assert.Contains("metals line 1", page, StringComparison.Ordinal);
    }
}
