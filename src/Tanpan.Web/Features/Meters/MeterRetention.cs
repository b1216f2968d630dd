using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>The raw readings' daily upkeep. Applies <see cref="MeterOptions.RawRetentionMonths"/>: PostgreSQL drops
/// whole monthly partitions; SQLite deletes the rows. Roll-ups, anomalies and batch audit are kept. On PostgreSQL it
/// also makes this month's and the next two months' partitions ahead of time: <c>CREATE TABLE … PARTITION OF</c>
/// takes an ACCESS EXCLUSIVE lock on <c>MeterReadings</c>, and left to the first reading of a month it would stall
/// every gateway's write and every roll-up at midnight of the 1st, when they all cross into the new month at once.</summary>
public sealed class MeterRetention(IServiceScopeFactory scopes, IOptions<MeterOptions> options, TimeProvider clock, ILogger<MeterRetention> logger) : BackgroundService
{
    private static readonly ConcurrentDictionary<string, bool> Known = new();

    /// <summary>Months made ahead of the current one.</summary>
    public const int MonthsAhead = 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PrepareAheadAsync(stoppingToken);
                await ApplyAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Meter reading retention failed");
            }

            try
            {
                await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>PostgreSQL: makes the partitions of this month and the next <see cref="MonthsAhead"/> (those that exist are
    /// left alone); returns the months checked. SQLite has no partitions: 0.</summary>
    public async Task<int> PrepareAheadAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        if (db is not PostgresTanpanDb)
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(ct);
        var npgsql = (NpgsqlConnection)db.Database.GetDbConnection();
        var now = clock.GetUtcNow().UtcDateTime;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i <= MonthsAhead; i++)
        {
            // Not this process's cache of known partitions: another node (or retention) may have dropped one.
            await ReadingPartitions.EnsureAsync(npgsql, month.AddMonths(i), new ConcurrentDictionary<string, bool>(), ct);
        }

        return MonthsAhead + 1;
    }

    /// <summary>Returns the number of partitions dropped (PostgreSQL) or rows deleted (SQLite).</summary>
    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        if (options.Value.RawRetentionMonths is not { } months || months < 1)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-months);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            return (await ReadingPartitions.DropBeforeAsync(npgsql, cutoff, Known, ct)).Count;
        }

        // Retention is a platform rule over every company: the one place that deletes across tenants.
        return await db.MeterReadings.IgnoreQueryFilters().Where(r => r.TUtc < cutoff).ExecuteDeleteAsync(ct);
    }
}
