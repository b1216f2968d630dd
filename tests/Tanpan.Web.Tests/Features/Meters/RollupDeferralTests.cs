using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

/// <summary>The roll-up worker lets ingestion have the cores while it is writing, but only for a bounded time: with a
/// write held open (its bookkeeping blocked by a table lock, so the node is "busy" for as long as the test likes), the
/// readings stored before it are still rolled up by the app's own worker, and the held write completes afterwards.
/// PostgreSQL only: the lock that holds the write open is PostgreSQL's.</summary>
public sealed class RollupDeferralTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task AWriteHeldOpen_DoesNotHoldBackTheRollupsOfReadingsAlreadyStored()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("延後彙總廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "MAIN");
        await MeterSetup.MeterAsync(erp, facility, "LINE-1");
        var ingestion = app.Services.GetRequiredService<MeterIngestion>();

        string connectionString;
        Guid mainId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            connectionString = db.Database.GetConnectionString()!;
            mainId = await db.Meters.IgnoreQueryFilters().Where(m => m.CompanyId == companyId && m.Code == "MAIN").Select(m => m.Id).SingleAsync();
        }

        var stored = await erp.PostAsJsonAsync("/api/v1/meters/MAIN/readings", MeterSetup.Readings(
            ("2024-06-05T08:00:00+08:00", 1000m), ("2024-06-05T08:15:00+08:00", 1012.5m), ("2024-06-05T08:30:00+08:00", 1030m)));
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());

        // Hold the next write open: its readings are copied, its batch row waits for the lock.
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockBatches = new NpgsqlCommand("""LOCK TABLE "MeterBatches" IN EXCLUSIVE MODE""", holder, hold))
        {
            await lockBatches.ExecuteNonQueryAsync();
        }

        var held = erp.PostAsJsonAsync("/api/v1/meters/LINE-1/readings", MeterSetup.Readings(("2024-06-05T08:00:00+08:00", 5m), ("2024-06-05T08:15:00+08:00", 7m)));
        var until = DateTime.UtcNow.AddSeconds(20);
        while (ingestion.InFlight == 0)
        {
            Assert.True(DateTime.UtcNow < until, "the held write never started");
            await Task.Delay(20);
        }

        // Only the app's worker runs here (the test does not call a pass itself).
        var rolledUp = false;
        while (!rolledUp && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            rolledUp = await db.MeterRollups.IgnoreQueryFilters().AnyAsync(r => r.MeterId == mainId && r.Grain == RollupGrainCode.Hour);
        }

        Assert.True(rolledUp, "no hour roll-up of MAIN while another write was held open");
        Assert.Equal(1, ingestion.InFlight);
        Assert.False(held.IsCompleted);

        await hold.RollbackAsync();
        var response = await held;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await Problem.ReadJsonAsync(response, response.StatusCode)).GetProperty("inserted").GetInt32());
        Assert.Equal(0, ingestion.InFlight);
        await MeterSetup.RollUpAsync(app);
    }
}
