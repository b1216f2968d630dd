using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Meters;

/// <summary>Keeps the roll-ups current: takes the dirty ranges readings left behind (leased per meter: a meter with a
/// live lease is left to the pass that holds it), recomputes the 15-min buckets they touch from the raw readings (with the
/// reading before and after, so a late reading fixes both intervals next to it), then the hours, local days and
/// local months above them, and the anomalies found on the way — all in one transaction, then deletes the ranges.
/// Woken by this node's ingestion at once; other nodes' work is found by polling. Ingestion comes first: while this
/// node is writing readings the next pass waits, for at most <see cref="MaxDeferral"/> after it was woken, so a burst
/// keeps the cores for the writes being acknowledged and the pass then takes the whole burst at once; under a steady
/// stream a pass starts at most that long after the last one ended (bench/README.md measures the staleness). On
/// PostgreSQL a pass recomputes meters on every core (each meter is leased on its own); SQLite has one writer, so one
/// at a time.</summary>
public sealed class RollupWorker : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDeferral = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan YieldStep = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    /// <summary>Dirty ranges of one meter closer than this are recomputed as one span.</summary>
    private static readonly TimeSpan MergeGap = TimeSpan.FromDays(1);

    private readonly IServiceScopeFactory scopes;
    private readonly MeterIngestion ingestion;
    private readonly TimeProvider clock;
    private readonly ILogger<RollupWorker> logger;
    private readonly SemaphoreSlim wake = new(0);

    public RollupWorker(IServiceScopeFactory scopes, MeterIngestion ingestion, TimeProvider clock, ILogger<RollupWorker> logger)
    {
        (this.scopes, this.ingestion, this.clock, this.logger) = (scopes, ingestion, clock, logger);
        ingestion.Stored += Wake;
    }

    /// <summary>Raised after a pass that recomputed something: the live dashboard sends a new snapshot.</summary>
    public event Action? RolledUp;

    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var any = false;
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                    any = true;
                }

                if (any)
                {
                    RolledUp?.Invoke();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The ranges stay in the table; the next pass takes them again.
                logger.LogError(e, "Meter roll-up pass failed");
            }

            try
            {
                await wake.WaitAsync(Poll, stoppingToken);
                // Readings come in bursts: a short pause lets one pass take many batches' ranges at once, instead of
                // recomputing the same hours after every batch while the stream still runs; while this node is still
                // writing, the pass waits longer (up to MaxDeferral from the wake). Real elapsed time, not the
                // injected clock: this is about cores, not about the readings' time.
                var since = System.Diagnostics.Stopwatch.GetTimestamp();
                await Task.Delay(Coalesce, stoppingToken);
                while (ingestion.InFlight > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(since) < MaxDeferral)
                {
                    await Task.Delay(YieldStep, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over the meters with dirty ranges; returns how many meters it recomputed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> meterIds;
        int cores;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            cores = db is PostgresTanpanDb ? Environment.ProcessorCount : 1;
            // Across companies, before a tenant is entered: ids only.
            meterIds = await db.MeterDirtyRanges.IgnoreQueryFilters()
                .Where(d => d.LeaseUntilUtc == null || d.LeaseUntilUtc < now)
                .Select(d => d.MeterId).Distinct().Take(100).ToListAsync(ct);
        }

        var done = 0;
        // The host's token, not the loop's: when one meter fails the loop cancels its own token, and a sibling that
        // is half-way should still finish (or give its lease back) rather than be cut off.
        await Parallel.ForEachAsync(meterIds, new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = ct }, async (meterId, _) =>
        {
            if (await RecomputeMeterAsync(meterId, ct))
            {
                Interlocked.Increment(ref done);
            }
        });

        return done;
    }

    private async Task<bool> RecomputeMeterAsync(Guid meterId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        // A lease value of our own marks the rows this pass took: whole microseconds (PostgreSQL keeps no finer), made
        // unique by a random part.
        var lease = Floor(now, TimeSpan.FromSeconds(1)) + Lease + TimeSpan.FromTicks(10L * Random.Shared.Next(1, 1_000_000));
        var claimed = await db.MeterDirtyRanges.IgnoreQueryFilters()
            .Where(d => d.MeterId == meterId && (d.LeaseUntilUtc == null || d.LeaseUntilUtc < now)
                && !db.Set<MeterDirtyRange>().IgnoreQueryFilters().Any(o => o.MeterId == meterId && o.LeaseUntilUtc >= now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntilUtc, lease), ct);
        if (claimed == 0)
        {
            return false;
        }

        var meter = await db.Meters.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.Id == meterId, ct);
        var ranges = await db.MeterDirtyRanges.IgnoreQueryFilters().Where(d => d.MeterId == meterId && d.LeaseUntilUtc == lease).ToListAsync(ct);
        if (meter is null)
        {
            await db.MeterDirtyRanges.IgnoreQueryFilters().Where(d => d.MeterId == meterId && d.LeaseUntilUtc == lease).ExecuteDeleteAsync(ct);
            return true;
        }

        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(meter.CompanyId, "meter-rollups", PrincipalKind.System);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (from, to) in Merge(ranges))
            {
                await RecomputeAsync(db, meter, zone, from, to, ct);
            }

            var ids = ranges.Select(r => r.Id).ToList();
            await db.MeterDirtyRanges.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // Give the ranges back at once rather than when the lease ends; the next pass tries again.
            db.ChangeTracker.Clear();
            await db.MeterDirtyRanges.IgnoreQueryFilters().Where(d => d.MeterId == meterId && d.LeaseUntilUtc == lease).ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntilUtc, (DateTime?)null), ct);
            throw;
        }
    }

    internal static IEnumerable<(DateTime From, DateTime To)> Merge(IEnumerable<MeterDirtyRange> ranges)
    {
        DateTime? from = null, to = null;
        foreach (var r in ranges.OrderBy(r => r.FromUtc))
        {
            if (from is null)
            {
                (from, to) = (r.FromUtc, r.ToUtc);
            }
            else if (r.FromUtc <= to!.Value + MergeGap)
            {
                to = r.ToUtc > to ? r.ToUtc : to;
            }
            else
            {
                yield return (from.Value, to.Value);
                (from, to) = (r.FromUtc, r.ToUtc);
            }
        }

        if (from is not null)
        {
            yield return (from.Value, to!.Value);
        }
    }

    private static async Task RecomputeAsync(TanpanDb db, Meter meter, TimeZoneInfo zone, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var readings = db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meter.Id);
        DateTime a, b;
        var length = TimeSpan.FromMinutes(meter.IntervalMinutes);
        if (meter.Semantics == MeterSemantics.Counter)
        {
            // The intervals that change are those ending at the new readings and the one after the last of them.
            var prev = await readings.Where(r => r.TUtc < fromUtc).OrderByDescending(r => r.TUtc).Select(r => (DateTime?)r.TUtc).FirstOrDefaultAsync(ct);
            var next = await readings.Where(r => r.TUtc > toUtc).OrderBy(r => r.TUtc).Select(r => (DateTime?)r.TUtc).FirstOrDefaultAsync(ct);
            (a, b) = (prev ?? fromUtc, next ?? toUtc);
        }
        else
        {
            (a, b) = (fromUtc - length, toUtc);
        }

        var qStart = Floor(a, Quarter);
        var qEnd = Ceiling(b, Quarter);
        if (qEnd <= qStart)
        {
            qEnd = qStart + Quarter;
        }

        // Every reading whose interval can overlap [qStart, qEnd), and for a counter the one before (its baseline).
        var rows = await ReadingSpans.AroundAsync(db, meter.Id, qStart, qEnd + length, withNext: false, ct);
        var series = MeterIntervals.FromReadings(meter.Profile(), rows);
        var quarters = Covered(Rollups.Fixed(series.Intervals, RollupGrain.QuarterHour, qStart, qEnd), series.Intervals);
        await RollupStore.ReplaceAsync(db, meter.CompanyId, meter.Id, RollupGrainCode.QuarterHour, qStart, qEnd, quarters, ct);

        var hStart = Floor(qStart, TimeSpan.FromHours(1));
        var hEnd = Ceiling(qEnd, TimeSpan.FromHours(1));
        var quarterRows = await Load(db, meter.Id, RollupGrainCode.QuarterHour, hStart, hEnd, ct);
        var hours = quarterRows.GroupBy(q => Floor(q.StartUtc, TimeSpan.FromHours(1))).Select(g => new Bucket(g.Key, g.Sum(x => x.Quantity))).OrderBy(x => x.StartUtc).ToList();
        await RollupStore.ReplaceAsync(db, meter.CompanyId, meter.Id, RollupGrainCode.Hour, hStart, hEnd, hours, ct);

        var dStart = Rollups.LocalDayStartUtc(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(hStart, zone)), zone);
        var dEnd = Rollups.LocalDayStartUtc(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(hEnd.AddTicks(-1), zone)).AddDays(1), zone);
        var hourRows = await Load(db, meter.Id, RollupGrainCode.Hour, dStart, dEnd, ct);
        await RollupStore.ReplaceAsync(db, meter.CompanyId, meter.Id, RollupGrainCode.Day, dStart, dEnd, Rollups.Calendar(hourRows, RollupGrain.Day, zone), ct);

        var firstDay = TimeZoneInfo.ConvertTimeFromUtc(dStart, zone);
        var lastDay = TimeZoneInfo.ConvertTimeFromUtc(dEnd.AddTicks(-1), zone);
        var mStart = Rollups.LocalMonthStartUtc(firstDay.Year, firstDay.Month, zone);
        var afterLast = new DateTime(lastDay.Year, lastDay.Month, 1).AddMonths(1);
        var mEnd = Rollups.LocalMonthStartUtc(afterLast.Year, afterLast.Month, zone);
        var dayRows = await Load(db, meter.Id, RollupGrainCode.Day, mStart, mEnd, ct);
        await RollupStore.ReplaceAsync(db, meter.CompanyId, meter.Id, RollupGrainCode.Month, mStart, mEnd, Rollups.Calendar(dayRows, RollupGrain.Month, zone), ct);

        // Anomalies are found again over the same span, so a late reading that fills a gap removes the gap.
        var spanFrom = rows.Count > 0 ? rows[0].TUtc : qStart;
        var spanTo = rows.Count > 0 ? rows[^1].TUtc : qEnd;
        await db.MeterAnomalies.Where(x => x.MeterId == meter.Id && x.ToUtc > spanFrom && x.FromUtc < spanTo).ExecuteDeleteAsync(ct);
        db.MeterAnomalies.AddRange(series.Events.Select(e => new MeterAnomaly { MeterId = meter.Id, Kind = e.Kind, FromUtc = e.FromUtc, ToUtc = e.ToUtc, Quantity = e.Quantity, Detail = e.Detail.Length > 300 ? e.Detail[..300] : e.Detail }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Only the buckets some interval reaches: a bucket with no data is absent, not zero.</summary>
    private static List<Bucket> Covered(IReadOnlyList<Bucket> buckets, IReadOnlyList<EnergyInterval> intervals)
    {
        var result = new List<Bucket>(buckets.Count);
        var j = 0;
        foreach (var b in buckets)
        {
            var end = b.StartUtc + Quarter;
            while (j < intervals.Count && intervals[j].EndUtc <= b.StartUtc)
            {
                j++;
            }

            if (j < intervals.Count && intervals[j].StartUtc < end)
            {
                result.Add(b);
            }
        }

        return result;
    }

    private static async Task<List<Bucket>> Load(TanpanDb db, Guid meterId, RollupGrainCode grain, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        await db.MeterRollups.AsNoTracking().Where(r => r.MeterId == meterId && r.Grain == grain && r.StartUtc >= fromUtc && r.StartUtc < toUtc)
            .OrderBy(r => r.StartUtc).Select(r => new Bucket(r.StartUtc, r.Quantity)).ToListAsync(ct);

    internal static DateTime Floor(DateTime t, TimeSpan step) => new(t.Ticks - (t.Ticks % step.Ticks), DateTimeKind.Utc);

    internal static DateTime Ceiling(DateTime t, TimeSpan step) => t.Ticks % step.Ticks == 0 ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : Floor(t, step) + step;
}
