using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>Applies <see cref="MeterOptions.RawRetentionMonths"/> once a day: PostgreSQL drops whole monthly
/// partitions; SQLite deletes the rows. Roll-ups, anomalies and batch audit are kept.</summary>
public sealed class MeterRetention(IServiceScopeFactory scopes, IOptions<MeterOptions> options, TimeProvider clock, ILogger<MeterRetention> logger) : BackgroundService
{
    private static readonly ConcurrentDictionary<string, bool> Known = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RawRetentionMonths is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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
