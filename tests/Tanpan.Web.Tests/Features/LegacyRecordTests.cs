using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.WorkOrders;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features;

public sealed class LegacyRecordTests_Sqlite(SqliteApp app) : LegacyRecordTests(app), IClassFixture<SqliteApp>;

public sealed class LegacyRecordTests_Postgres(PostgresApp app) : LegacyRecordTests(app), IClassFixture<PostgresApp>;

/// <summary>Rows written before stored records of their own (an API response kept as the result) are converted at
/// start-up on both providers; a certificate printed then still verifies with its old code; and the stored
/// records do not depend on any API contract type, so a contract can change without touching them.</summary>
public abstract class LegacyRecordTests(TanpanApp app)
{
    private static readonly object Order = new
    {
        orderNo = "PO-OLD",
        workOrderNo = "WO-OLD",
        metal = "Zn",
        date = "2024-06-05",
        quantity = 100,
        unit = "kg",
        mixRatioPercent = 50,
        processes = new[] { new { name = "電鍍", inputs = new[] { new { activity = "electricity.grid.tw", quantity = 200, unit = "kWh" } } } },
    };

    private async Task UpgradeAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        foreach (var upgrade in scope.ServiceProvider.GetServices<IStoredRecordUpgrade>())
        {
            await upgrade.UpgradeAsync(db, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ASchema0WorkOrder_IsConverted_AndItsOldCertificateCodeStillVerifies()
    {
        var (_, erp) = await app.CreateCompanyAsync("舊資料電鍍廠");
        var created = await Problem.ReadJsonAsync(await erp.PostAsJsonAsync("/api/v1/work-orders", Order), HttpStatusCode.Created);
        var id = Guid.Parse(created.GetProperty("id").GetString()!);
        var oldHash = new string('c', 64);

        // Turn the row back into what the first release wrote: the API response as the result, the inputs as received.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var row = await db.WorkOrders.IgnoreQueryFilters().SingleAsync(w => w.Id == id);
            row.ResultJson = created.GetProperty("result").GetRawText();
            row.InputsJson = """{"processes":[{"name":"電鍍","inputs":[{"activity":"electricity.grid.tw","quantity":200,"unit":"kWh","use":null,"technology":null,"heatValue":null}]}],"allocation":null}""";
            row.RecordJson = null;
            row.SchemaVersion = 0;
            row.ContentHash = oldHash;
            row.CertifiedAtUtc = new DateTime(2024, 7, 1, 2, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        }

        await UpgradeAsync();

        var read = await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"));
        Assert.Equal("intact", read.GetProperty("integrity").GetString());
        Assert.Equal(created.GetProperty("result").GetProperty("totalKgCo2e").GetDecimal(), read.GetProperty("result").GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(created.GetProperty("result").GetProperty("lines").GetArrayLength(), read.GetProperty("result").GetProperty("lines").GetArrayLength());
        Assert.Equal(0.474m, read.GetProperty("result").GetProperty("factors").GetProperty("tw-grid:2024").GetProperty("value").GetDecimal());
        Assert.Equal("batch × mix ratio", read.GetProperty("energyMethod").GetString());
        Assert.Equal(100m * 0.474m, read.GetProperty("totalKgCo2e").GetDecimal());
        var page = await app.CreateClient().GetStringAsync($"/verify/{id}?hash={oldHash}");
        Assert.Contains("data-testid=\"valid\"", page, StringComparison.Ordinal);
        Assert.Contains("WO-OLD", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync($"/api/v1/work-orders/{id}/certificate.pdf")).StatusCode);

        // Converting twice changes nothing.
        await UpgradeAsync();
        Assert.Equal(read.GetProperty("contentHash").GetString(), (await Problem.ReadJsonAsync(await erp.GetAsync($"/api/v1/work-orders/{id}"))).GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task ASchema0LockedInventory_IsConverted_WithTheNumbersItWasApprovedWith()
    {
        var (companyId, admin) = await app.SignInAsNewCompanyUserAsync("舊盤查公司");
        await Forms.PostAsync(admin, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var created = await Forms.PostAsync(admin, "/inventory", [new("Year", "2023"), new("Boundary", "OperationalControl")]);
        var inventoryId = Guid.Parse(created.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1]);
        // The first release's snapshot: {result: the API's inventory response, byFacility, byMonth, sourceByLine}.
        var response = await Problem.ReadJsonAsync(await app.PostInventoryAsync(new { reportingYear = 2023, lines = new[] { new { id = "line-1", category = "2.1", activity = "electricity.grid.tw", quantity = 1000, unit = "kWh" } } }));
        var snapshot = new JsonObject
        {
            ["result"] = JsonNode.Parse(response.GetRawText()),
            ["byFacility"] = new JsonObject { ["一廠"] = 494m },
            ["byMonth"] = new JsonArray([.. Enumerable.Range(0, 12).Select(m => (JsonNode)JsonValue.Create(m == 0 ? 494m : 0m))]),
            ["sourceByLine"] = new JsonObject { ["line-1"] = "全廠用電" },
        };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var row = await db.Inventories.IgnoreQueryFilters().SingleAsync(i => i.Id == inventoryId);
            row.Status = InventoryStatus.Locked;
            row.LockedResultJson = snapshot.ToJsonString();
            row.LockedAtUtc = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            row.LockedBy = "reviewer@old";
            await db.SaveChangesAsync();
        }

        await UpgradeAsync();

        var page = await admin.GetStringAsync($"/inventory/{inventoryId}");
        Assert.DoesNotContain("data-testid=\"tampered\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"total\">0.494<", page, StringComparison.Ordinal);
        Assert.Contains("全廠用電", page, StringComparison.Ordinal);
        using var check = app.Services.CreateScope();
        var upgraded = await check.ServiceProvider.GetRequiredService<TanpanDb>().Inventories.IgnoreQueryFilters().SingleAsync(i => i.Id == inventoryId);
        Assert.Null(upgraded.LockedResultJson);
        Assert.Equal(StoredInventory.CurrentVersion, upgraded.LockedSchemaVersion);
        Assert.Equal(companyId, CanonicalJson.Deserialize<StoredInventory>(upgraded.LockedRecordJson!).CompanyId);
    }

    [Fact]
    public async Task AV1LockedInventory_GetsTheStatementsItWasLockedWith_AndAnAlteredOneStaysAltered()
    {
        var (companyId, admin) = await app.SignInAsNewCompanyUserAsync("v1 盤查公司");
        var reviewer = await app.SignInAsColleagueAsync(companyId, Tanpan.Web.Platform.Security.Roles.Reviewer);
        await Forms.PostAsync(admin, "/inventory/register", [new("FacilityName", "一廠")], handler: "Facility");
        var facility = System.Text.RegularExpressions.Regex.Match(await admin.GetStringAsync("/inventory/register"), "<option value=\"([0-9a-f-]{36})\">").Groups[1].Value;
        await Forms.PostAsync(admin, "/inventory/register", [new("Source.FacilityId", facility), new("Source.Category", "2.1"), new("Source.Activity", "electricity.grid.tw"), new("Source.Description", "全廠用電"), new("Source.Measurement", "PeriodicOrInvoiced"), new("Source.Calibration", "External")], handler: "Source");
        var ids = new List<Guid>();
        foreach (var year in new[] { "2023", "2024" })
        {
            var created = await Forms.PostAsync(admin, "/inventory", [new("Year", year), new("Boundary", "OperationalControl")]);
            var url = created.RequestMessage!.RequestUri!.AbsolutePath;
            var source = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "<option value=\"([0-9a-f-]{36})\">全廠用電").Groups[1].Value;
            await Forms.PostAsync(admin, url, [new("Entry.SourceId", source), new("Entry.From", $"{year}-03-01"), new("Entry.To", $"{year}-03-31"), new("Entry.Quantity", "1000"), new("Entry.Unit", "kWh")], handler: "Entry");
            await Forms.PostAsync(admin, url, [new("Comment", "")], handler: "Submit");
            await Forms.PostAsync(reviewer, url, [new("Comment", "")], handler: "Approve");
            ids.Add(Guid.Parse(url.Split('/')[^1]));
        }

        // Both written back as v1 records (no statements), sealed; the second then edited behind the application.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            foreach (var id in ids)
            {
                var row = await db.Inventories.IgnoreQueryFilters().SingleAsync(i => i.Id == id);
                var v1 = JsonNode.Parse(row.LockedRecordJson!)!.AsObject();
                Assert.NotNull(v1["statements"]);
                v1.Remove("statements");
                v1["schemaVersion"] = 1;
                var json = v1.ToJsonString(CanonicalJson.Options);
                row.LockedRecordJson = json;
                row.LockedRecordHash = CanonicalJson.Hash(json);
                row.LockedSchemaVersion = 1;
                if (id == ids[1])
                {
                    row.LockedRecordJson = json.Replace("\"全廠用電\"", "\"竄改用電\"", StringComparison.Ordinal);
                }
            }

            await db.SaveChangesAsync();
        }

        await UpgradeAsync();

        using var check = app.Services.CreateScope();
        var rows = await check.ServiceProvider.GetRequiredService<TanpanDb>().Inventories.IgnoreQueryFilters().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id);
        Assert.Equal(StoredInventory.CurrentVersion, rows[ids[0]].LockedSchemaVersion);
        var statement = Assert.Single(CanonicalJson.Deserialize<StoredInventory>(rows[ids[0]].LockedRecordJson!).Statements!);
        Assert.Equal(("PeriodicOrInvoiced", "External"), (statement.Measurement, statement.Calibration));
        Assert.DoesNotContain("data-testid=\"tampered\"", await admin.GetStringAsync($"/inventory/{ids[0]}"), StringComparison.Ordinal);
        Assert.Equal(1, rows[ids[1]].LockedSchemaVersion);
        Assert.Contains("data-testid=\"tampered\"", await admin.GetStringAsync($"/inventory/{ids[1]}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(StoredWorkOrder))]
    [InlineData(typeof(StoredCertificate))]
    [InlineData(typeof(StoredInventory))]
    public void StoredRecords_UseNoApiContractType(Type record)
    {
        // Every type a stored record reaches must be a stored type or a plain value: changing a response record
        // (Platform.Contracts, a feature's *Response) can then never change what is stored or its hash.
        var reached = Reached(record);

        Assert.All(reached, t => Assert.True(
            t.Namespace is "System" || t.Namespace?.StartsWith("System.", StringComparison.Ordinal) == true || t.Name.StartsWith("Stored", StringComparison.Ordinal),
            $"{record.Name} reaches {t.FullName}"));
    }

    [Fact]
    public void AV1WorkOrderRecord_StillReadsAndHashesTheSame()
    {
        // A v1 record as written by this version: if StoredWorkOrder's shape changes without a new schema version,
        // this golden record stops round-tripping and the test fails.
        var record = new StoredWorkOrder(
            1, Guid.Parse("11111111-1111-1111-1111-111111111111"), Guid.Parse("22222222-2222-2222-2222-222222222222"), "PO", "WO", "Ni", "2024-06-05", "08:00", null, "螺絲",
            1000m, "kg", null, null, null, null, new StoredAllocation(StoredAllocation.DirectMethod, null, null, null, null), "direct per process", "AR5",
            [new StoredProcess("電鍍", [new StoredInput("electricity.grid.tw", 200m, "kWh", null, null, null)])],
            new StoredJobResult("2024-06-05", "AR5", 94.8m, [new StoredShare("電鍍", 94.8m, 1m)], [new StoredActivityTotal("electricity.grid.tw", 200m, "kWh", 94.8m, 1m)], 0.0948m, "kgCO2e/kg", 1000m,
                [new StoredJobLine("電鍍", 0, 0, "electricity.grid.tw", 200m, 200m, "kWh", 94.8m, [new StoredGas("CO2", 94.8m, 1m, 94.8m)], "tw-grid:2024")],
                [new StoredFactor("tw-grid:2024", 0.474m, "kgCO2e/kWh", "能源署", "2024", "tw-grid", 2024, "secondary", null, false, null, [new StoredGasFactor("CO2", 0.474m, null, 1m, "none")], [])], []),
            "api-key:test", new DateTime(2024, 6, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 6, 5, 0, 0, 0, DateTimeKind.Utc));
        const string Golden = """{"schemaVersion":1,"id":"11111111-1111-1111-1111-111111111111","companyId":"22222222-2222-2222-2222-222222222222","orderNo":"PO","workOrderNo":"WO","metal":"Ni","date":"2024-06-05","startTime":"08:00","endTime":null,"productName":"螺絲","quantity":1000,"unit":"kg","areaCm2":null,"thicknessUm":null,"densityKgPerM3":null,"platedMassKg":null,"allocation":{"method":"direct","mixRatioPercent":null,"key":null,"jobValue":null,"totalValue":null},"energyMethod":"direct per process","gwpSet":"AR5","processes":[{"name":"電鍍","inputs":[{"activity":"electricity.grid.tw","quantity":200,"unit":"kWh","use":null,"technology":null,"heatValue":null}]}],"result":{"date":"2024-06-05","gwpSet":"AR5","totalKgCo2e":94.8,"byProcess":[{"name":"電鍍","kgCo2e":94.8,"share":1}],"byActivity":[{"activity":"electricity.grid.tw","quantity":200,"unit":"kWh","kgCo2e":94.8,"share":1}],"kgCo2ePerUnit":0.0948,"intensityUnit":"kgCO2e/kg","outputQuantity":1000,"lines":[{"process":"電鍍","processIndex":0,"inputIndex":0,"activity":"electricity.grid.tw","enteredQuantity":200,"quantity":200,"unit":"kWh","kgCo2e":94.8,"gases":[{"gas":"CO2","kg":94.8,"gwp":1,"kgCo2e":94.8}],"factorId":"tw-grid:2024"}],"factors":[{"id":"tw-grid:2024","value":0.474,"unit":"kgCO2e/kWh","source":"能源署","version":"2024","factorSet":"tw-grid","year":2024,"verification":"secondary","gwpSet":null,"gwpApplied":false,"heatValue":null,"gases":[{"gas":"CO2","kgPerUnit":0.474,"kgPerTj":null,"gwp":1,"gwpBasis":"none"}],"notes":[]}],"warnings":[]},"createdBy":"api-key:test","createdAtUtc":"2024-06-05T00:00:00Z","calculatedAtUtc":"2024-06-05T00:00:00Z"}""";

        Assert.Equal(Golden, CanonicalJson.Serialize(record));
        Assert.True(CanonicalJson.Verify<StoredWorkOrder>(Golden, CanonicalJson.Hash(Golden), out var read));
        Assert.Equal(record.Result.TotalKgCo2e, read!.Result.TotalKgCo2e);
    }

    private static HashSet<Type> Reached(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            var next = type.IsGenericType ? type.GetGenericArguments() : [];
            if (type.IsArray)
            {
                next = [type.GetElementType()!];
            }

            if (type.Namespace?.StartsWith("Tanpan", StringComparison.Ordinal) == true)
            {
                next = [.. next, .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)];
            }

            foreach (var t in next)
            {
                queue.Enqueue(Nullable.GetUnderlyingType(t) ?? t);
            }
        }

        return seen;
    }
}
