using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

public sealed class InventoryFeedTests_Sqlite(SqliteApp app) : InventoryFeedTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryFeedTests_Postgres(PostgresApp app) : InventoryFeedTests(app), IClassFixture<PostgresApp>;

/// <summary>Monthly meter totals become the activity data of the source they feed (traced by meter and month); a
/// source with a Taipower bill keeps the bill and is reconciled against its meters over the bill's period.</summary>
public abstract class InventoryFeedTests(TanpanApp app)
{
    [Fact]
    public async Task MeterTotals_BecomeEntries_AndBillsReconcile()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("電表盤查公司");
        Guid inventoryId, billed, unbilled, facilityId;
        await using (var work = app.Services.CreateAsyncScope())
        {
            work.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "test", PrincipalKind.System);
            var db = work.ServiceProvider.GetRequiredService<TanpanDb>();
            var inventory = new InventoryRecord { Id = Guid.NewGuid(), Year = 2024, CreatedAtUtc = DateTime.UtcNow };
            var facility = new Facility { Id = Guid.NewGuid(), Name = "一廠", CreatedAtUtc = DateTime.UtcNow };
            var a = new EmissionSource { Id = Guid.NewGuid(), FacilityId = facility.Id, Category = "2.1", Activity = "electricity.grid.tw", Description = "主電號", CreatedAtUtc = DateTime.UtcNow };
            var b = new EmissionSource { Id = Guid.NewGuid(), FacilityId = facility.Id, Category = "2.1", Activity = "electricity.grid.tw", Description = "二期廠房", CreatedAtUtc = DateTime.UtcNow };
            db.AddRange(inventory, facility, a, b);
            db.Entries.Add(new ActivityEntry { Id = Guid.NewGuid(), InventoryId = inventory.Id, SourceId = a.Id, Kind = EntryKind.TaipowerBill, PeriodFrom = new DateOnly(2024, 6, 5), PeriodTo = new DateOnly(2024, 7, 4), Quantity = 7000m, Unit = "kWh", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            (inventoryId, billed, unbilled, facilityId) = (inventory.Id, a.Id, b.Id, facility.Id);
        }

        // Hourly counters, 10 kWh an hour from 2024-06-01 00:00 to 07-10 00:00 (Taipei).
        var readings = Enumerable.Range(0, (39 * 24) + 1).Select(h => (new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddHours(h).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), h * 10m)).ToArray();
        var gateway = await app.CreateApiClientAsync(companyId);
        foreach (var (code, source) in new[] { ("MA", billed), ("MB", unbilled) })
        {
            await MeterSetup.MeterAsync(gateway, facilityId, code, interval: 60, extra: new { sourceId = source });
            await Problem.ReadJsonAsync(await gateway.PostAsJsonAsync($"/api/v1/meters/{code}/readings", MeterSetup.Readings(readings)));
        }

        await MeterSetup.RollUpAsync(app);
        var taken = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, $"/inventory/{inventoryId}", [], handler: "MeterTotals")).Content.ReadAsStringAsync());
        Assert.Contains("新增 2 筆、更新 0 筆；1 個已有單據的排放源改以對帳呈現", taken, StringComparison.Ordinal);
        var again = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, $"/inventory/{inventoryId}", [], handler: "MeterTotals")).Content.ReadAsStringAsync());
        Assert.Contains("新增 0 筆、更新 0 筆", again, StringComparison.Ordinal);

        await using (var check = app.Services.CreateAsyncScope())
        {
            check.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "test", PrincipalKind.System);
            var entries = await check.ServiceProvider.GetRequiredService<TanpanDb>().Entries.AsNoTracking().Where(e => e.Kind == EntryKind.MeterTotal).OrderBy(e => e.PeriodFrom).ToListAsync();
            // MB only (MA's source has its bill): June 30 × 24 × 10 and July 1–9 9 × 24 × 10, each once.
            Assert.Equal([7200m, 2160m], entries.Select(e => e.Quantity));
            Assert.All(entries, e => Assert.Equal(unbilled, e.SourceId));
            Assert.Equal(["meter MB 2024-06", "meter MB 2024-07"], entries.Select(e => e.Reference));
            Assert.Equal(new DateOnly(2024, 6, 30), entries[0].PeriodTo);
        }

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/inventory/{inventoryId}"));
        // The bill's 06-05 … 07-04 is 30 days: 7,200 kWh metered against 7,000 billed, +2.9 %.
        Assert.Contains("data-testid=\"reconciliation\"", page, StringComparison.Ordinal);
        Assert.Contains("+2.9 %", page, StringComparison.Ordinal);
        Assert.Contains("7,200.0", page, StringComparison.Ordinal);
    }
}
