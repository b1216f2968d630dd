using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.WorkOrders;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.WorkOrders;

public sealed class CertificateTests_Sqlite(SqliteApp app) : CertificateTests(app), IClassFixture<SqliteApp>;

public sealed class CertificateTests_Postgres(PostgresApp app) : CertificateTests(app), IClassFixture<PostgresApp>;

/// <summary>Certifying is an explicit POST; the certificate is a frozen, hashed record of everything it prints; the
/// PDF renders from it alone; the public page shows content only for the matching code and catches any edit made
/// in the database — to the certificate, to the work order behind it, or to the company.</summary>
public abstract class CertificateTests(TanpanApp app)
{
    private static object Order(string no) => new
    {
        orderNo = "PO-77",
        workOrderNo = no,
        metal = "Cr",
        date = "2024-06-05",
        startTime = "08:00",
        endTime = "11:30",
        productName = "油壓桿",
        quantity = 500,
        unit = "piece",
        processes = new object[] { new { name = "電鍍", inputs = new object[] { new { activity = "electricity.grid.tw", quantity = 1000, unit = "kWh" } } } },
    };

    private async Task<(HttpClient Erp, string OrderId, Guid CertificateId, string Hash)> CertifiedAsync(string company, string no)
    {
        var (_, erp) = await app.CreateCompanyAsync(company);
        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order(no)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var certificate = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{id}/certify", null));
        return (erp, id, Guid.Parse(certificate.GetProperty("id").GetString()!), certificate.GetProperty("hash").GetString()!);
    }

    private Task<string> VerifyPageAsync(Guid certificateId, string hash) => app.CreateClient().GetStringAsync($"/verify/{certificateId}?hash={hash}");

    [Fact]
    public async Task Certificate_CarriesTheNumbersAndItsCode_AndThePublicPageVerifiesIt()
    {
        var (erp, id, certificateId, hash) = await CertifiedAsync("鍍鉻廠", "WO-77");

        var pdf = await erp.GetAsync($"/api/v1/work-orders/{id}/certificate.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await Pdf.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("工單碳排放計算證明", text, StringComparison.Ordinal);
        Assert.Contains("WO-77", text, StringComparison.Ordinal);
        Assert.Contains("474.000", text, StringComparison.Ordinal);
        Assert.Contains("0.948 kgCO2e/piece", text, StringComparison.Ordinal);
        Assert.Contains(hash, text, StringComparison.Ordinal);
        Assert.Contains("ISO 14067", text, StringComparison.Ordinal);
        Assert.Contains("08:00–11:30", text, StringComparison.Ordinal);

        var read = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"));
        Assert.Equal("certified", read.GetProperty("status").GetString());
        Assert.Equal(hash, read.GetProperty("certificate").GetProperty("hash").GetString());
        var page = await VerifyPageAsync(certificateId, hash);
        Assert.Contains("data-testid=\"valid\"", page, StringComparison.Ordinal);
        Assert.Contains("鍍鉻廠", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertifyingTwice_ReturnsTheSameCertificate()
    {
        var (erp, id, certificateId, hash) = await CertifiedAsync("鍍鉻廠 二次", "WO-TWICE");

        var again = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{id}/certify", null));

        Assert.Equal(certificateId.ToString(), again.GetProperty("id").GetString());
        Assert.Equal(hash, again.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task ReadingTheCertificate_ChangesNothing_AndWithoutCertifyingThereIsNone()
    {
        var (_, erp) = await app.CreateCompanyAsync("鍍鉻廠 未核發");
        var id = (await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order("WO-NONE")), HttpStatusCode.Created)).GetProperty("id").GetString();

        var problem = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}/certificate.pdf"), HttpStatusCode.Conflict);

        Assert.Equal("work-order.not-certified", problem.GetProperty("code").GetString());
        Assert.Equal("calculated", (await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WrongOrMissingCode_ShowsNoContent()
    {
        var (_, _, certificateId, _) = await CertifiedAsync("鍍鉻廠 秘密", "WO-SECRET-CODE");

        foreach (var url in new[] { $"/verify/{certificateId}?hash={new string('0', 64)}", $"/verify/{certificateId}", $"/verify/{Guid.NewGuid()}?hash=abc" })
        {
            var page = await app.CreateClient().GetStringAsync(url);
            Assert.Contains("data-testid=\"invalid\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("WO-SECRET-CODE", page, StringComparison.Ordinal);
            Assert.DoesNotContain("鍍鉻廠 秘密", page, StringComparison.Ordinal);
            Assert.DoesNotContain("474", page, StringComparison.Ordinal);
        }
    }

    // Every field the certificate prints, edited inside its stored record.
    public static TheoryData<string> PrintedFields => new()
    {
        "companyName", "companyTaxId", "associationName", "disclaimer", "issuedBy", "issuedAtUtc", "workOrderHash",
        "workOrder.orderNo", "workOrder.workOrderNo", "workOrder.metal", "workOrder.date", "workOrder.startTime", "workOrder.endTime",
        "workOrder.productName", "workOrder.quantity", "workOrder.unit", "workOrder.energyMethod", "workOrder.platedMassKg",
        "workOrder.result.totalKgCo2e", "workOrder.result.kgCo2ePerUnit", "workOrder.result.byProcess.0.kgCo2e", "workOrder.result.byProcess.0.share",
        "workOrder.result.lines.0.quantity", "workOrder.result.factors.0.value", "workOrder.result.factors.0.source",
    };

    [Theory]
    [MemberData(nameof(PrintedFields))]
    public async Task AnyPrintedFieldEditedInTheStoredCertificate_FailsVerification_AndThePdfIsRefused(string field)
    {
        var (erp, id, certificateId, hash) = await CertifiedAsync("鍍鉻廠 竄改 " + field, "WO-T-" + field.GetHashCode(StringComparison.Ordinal));

        await EditAsync<WorkOrderCertificate>(certificateId, row => row.RecordJson = Edit(row.RecordJson, field));

        var page = await VerifyPageAsync(certificateId, hash);
        Assert.Contains("data-testid=\"invalid\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"valid\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await erp.GetAsync($"/api/v1/work-orders/{id}/certificate.pdf")).StatusCode);
    }

    public static TheoryData<string> WorkOrderColumns => new()
    {
        "TotalKgCo2e", "EnergyMethod", "StartTime", "EndTime", "ProductName", "Metal", "Quantity", "OrderNo", "ProcessedOn", "RecordJson", "ContentHash",
    };

    [Theory]
    [MemberData(nameof(WorkOrderColumns))]
    public async Task WorkOrderEditedInTheDatabase_AfterIssue_FailsVerification_AndShowsAsAltered(string column)
    {
        var (erp, id, certificateId, hash) = await CertifiedAsync("鍍鉻廠 工單 " + column, "WO-C-" + column);

        await EditAsync<WorkOrder>(Guid.Parse(id), row =>
        {
            switch (column)
            {
                case "TotalKgCo2e": row.TotalKgCo2e += 1; break;
                case "EnergyMethod": row.EnergyMethod = "batch × mix ratio"; break;
                case "StartTime": row.StartTime = new TimeOnly(7, 0); break;
                case "EndTime": row.EndTime = new TimeOnly(23, 0); break;
                case "ProductName": row.ProductName = "改過的品名"; break;
                case "Metal": row.Metal = "Ni"; break;
                case "Quantity": row.Quantity = 5000; break;
                case "OrderNo": row.OrderNo = "PO-FAKE"; break;
                case "ProcessedOn": row.ProcessedOn = new DateOnly(2023, 1, 1); break;
                case "RecordJson": row.RecordJson = Edit(row.RecordJson!, "result.totalKgCo2e"); break;
                case "ContentHash": row.ContentHash = new string('a', 64); break;
            }
        });

        Assert.Contains("data-testid=\"invalid\"", await VerifyPageAsync(certificateId, hash), StringComparison.Ordinal);
        var read = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"));
        Assert.Equal("altered", read.GetProperty("integrity").GetString());
    }

    [Fact]
    public async Task CompanyRenamedInTheDatabase_FailsVerification()
    {
        var (_, _, certificateId, hash) = await CertifiedAsync("鍍鉻廠 原名", "WO-NAME");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var certificate = await db.Certificates.IgnoreQueryFilters().SingleAsync(c => c.Id == certificateId);
            var company = await db.Companies.SingleAsync(c => c.Id == certificate.CompanyId);
            company.Name = "冒名公司";
            await db.SaveChangesAsync();
        }

        var page = await VerifyPageAsync(certificateId, hash);

        Assert.Contains("data-testid=\"invalid\"", page, StringComparison.Ordinal);
        Assert.Contains("冒名公司", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recalculation_SupersedesTheCertificate()
    {
        var (erp, id, certificateId, hash) = await CertifiedAsync("鍍鉻廠 重算", "WO-RECALC");

        await erp.PostAsync($"/api/v1/work-orders/{id}/calculate", null);

        Assert.Contains("data-testid=\"invalid\"", await VerifyPageAsync(certificateId, hash), StringComparison.Ordinal);
        Assert.Equal("calculated", (await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"))).GetProperty("status").GetString());
        var next = await Problem.ReadJsonAsync(await erp.PostAsync($"/api/v1/work-orders/{id}/certify", null));
        Assert.NotEqual(hash, next.GetProperty("hash").GetString());
        Assert.Contains("data-testid=\"valid\"", await VerifyPageAsync(Guid.Parse(next.GetProperty("id").GetString()!), next.GetProperty("hash").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCompany_CannotCertifyOrDownload()
    {
        var (_, id, _, _) = await CertifiedAsync("鍍鉻廠 3", "WO-OWN");
        var (_, b) = await app.CreateCompanyAsync("鍍鉻廠 4");

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/work-orders/{id}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/v1/work-orders/{id}/certify", null)).StatusCode);
    }

    private async Task EditAsync<T>(Guid id, Action<T> edit)
        where T : class, ITenantOwned
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var row = await db.Set<T>().IgnoreQueryFilters().SingleAsync(e => EF.Property<Guid>(e, "Id") == id);
        edit(row);
        await db.SaveChangesAsync();
    }

    /// <summary>Changes one field of a stored JSON record (a dotted path, array indices as numbers).</summary>
    internal static string Edit(string json, string path)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node![index] : node![part];
        }

        var last = parts[^1];
        var current = node is JsonArray array ? array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] : node![last];
        JsonNode replacement = current is JsonValue value && value.TryGetValue<decimal>(out var number) ? JsonValue.Create(number + 1)! : JsonValue.Create("tampered " + current)!;
        if (node is JsonArray a)
        {
            a[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = replacement;
        }
        else
        {
            node![last] = replacement;
        }

        return root.ToJsonString(Tanpan.Web.Platform.Records.CanonicalJson.Options);
    }
}
