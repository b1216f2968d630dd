using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

public sealed class MeterRetentionTests_Sqlite(SqliteApp app) : MeterRetentionTests(app), IClassFixture<SqliteApp>;

public sealed class MeterRetentionTests_Postgres(PostgresApp app) : MeterRetentionTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task ThisMonthAndTheNextTwo_AreMadeAhead_SoAMonthsFirstReadingCreatesNoPartition()
    {
        var retention = Retention(months: null, new DateTimeOffset(2031, 11, 20, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, await retention.PrepareAheadAsync(CancellationToken.None));
        // Again: the partitions exist, nothing fails.
        Assert.Equal(3, await retention.PrepareAheadAsync(CancellationToken.None));
        var partitions = await PartitionsAsync();
        Assert.Contains("MeterReadings_p203111", partitions);
        Assert.Contains("MeterReadings_p203112", partitions);
        Assert.Contains("MeterReadings_p203201", partitions);
        Assert.DoesNotContain("MeterReadings_p203202", partitions);
    }

    private async Task<List<string>> PartitionsAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'MeterReadings'""", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>Raw-reading retention: months wholly before the cut-off go (PostgreSQL: their partitions are dropped;
/// SQLite: their rows deleted), the roll-ups made from them stay, newer readings stay, and no setting keeps everything.</summary>
public abstract class MeterRetentionTests(TanpanApp app)
{
    protected TanpanApp App => app;

    protected MeterRetention Retention(int? months, DateTimeOffset now) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new MeterOptions { RawRetentionMonths = months }), new FakeClock(now), NullLogger<MeterRetention>.Instance);

    [Fact]
    public async Task OldMonthsGo_TheirRollupsStay_NewerReadingsStay()
    {
        var (companyId, erp) = await app.CreateCompanyAsync("保存期限廠");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        await MeterSetup.MeterAsync(erp, facility, "OLD");
        // 2019-03 (old) and 2019-09 (kept): a cut-off of 12 months before 2020-08-15 is 2019-08-01.
        foreach (var body in new[]
        {
            MeterSetup.Readings(("2019-03-05T08:00:00+08:00", 100m), ("2019-03-05T08:15:00+08:00", 110m)),
            MeterSetup.Readings(("2019-09-05T08:00:00+08:00", 500m), ("2019-09-05T08:15:00+08:00", 520m)),
        })
        {
            var response = await erp.PostAsJsonAsync("/api/v1/meters/OLD/readings", body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await MeterSetup.RollUpAsync(app);
        Guid meterId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            meterId = await db.Meters.IgnoreQueryFilters().Where(m => m.CompanyId == companyId && m.Code == "OLD").Select(m => m.Id).SingleAsync();
        }

        // No setting: nothing is removed.
        Assert.Equal(0, await Retention(null, new DateTimeOffset(2020, 8, 15, 0, 0, 0, TimeSpan.Zero)).ApplyAsync(CancellationToken.None));
        Assert.Equal(4, await ReadingsAsync(meterId));

        var removed = await Retention(12, new DateTimeOffset(2020, 8, 15, 0, 0, 0, TimeSpan.Zero)).ApplyAsync(CancellationToken.None);
        Assert.True(removed >= 1, $"removed {removed}");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var left = await db.MeterReadings.IgnoreQueryFilters().Where(r => r.MeterId == meterId).OrderBy(r => r.TUtc).Select(r => r.Value).ToListAsync();
            Assert.Equal([500m, 520m], left);
            // The March roll-ups were made from the removed readings and are kept.
            var march = new DateTime(2019, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            Assert.True(await db.MeterRollups.IgnoreQueryFilters().AnyAsync(r => r.MeterId == meterId && r.Grain == RollupGrainCode.Hour && r.StartUtc >= march && r.StartUtc < march.AddMonths(1)));
        }

        // A reading of a month retention removed can still arrive late, and is stored again.
        var late = await erp.PostAsJsonAsync("/api/v1/meters/OLD/readings", MeterSetup.Readings(("2019-03-05T08:30:00+08:00", 120m)));
        Assert.True(late.IsSuccessStatusCode, await late.Content.ReadAsStringAsync());
        Assert.Equal(3, await ReadingsAsync(meterId));
        await MeterSetup.RollUpAsync(app);
    }

    private async Task<int> ReadingsAsync(Guid meterId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        return await db.MeterReadings.IgnoreQueryFilters().CountAsync(r => r.MeterId == meterId);
    }
}
