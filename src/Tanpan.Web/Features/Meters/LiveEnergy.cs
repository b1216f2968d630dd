using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>One line (or meter) on the live dashboard: power now, today's quantity and CO2e.</summary>
public sealed record LiveLine(string Code, string Name, string? Line, string Unit, decimal? KwNow, decimal Today, decimal? KgCo2eToday, DateTimeOffset? LastReading, bool IsTotal);

/// <summary>An hour of today above a meter's alarm: in kW (average) or in kgCO2e/h.</summary>
public sealed record LiveAlarm(string Code, string Name, DateTimeOffset Hour, string Kind, decimal Value, decimal Limit);

public sealed record LiveSnapshot(DateTimeOffset At, IReadOnlyList<LiveLine> Lines, IReadOnlyList<LiveAlarm> Alarms, decimal KgCo2eToday);

/// <summary>The live dashboard's numbers from the roll-ups: kW now is the latest quarter-hour's average (if it is
/// at most 30 minutes old), today is since local midnight of each meter's zone. Sub-meters show by line; meters
/// without a parent are the site's totals (so a main meter and its sub-meters are never added together).</summary>
public static class LiveEnergy
{
    public static async Task<LiveSnapshot> SnapshotAsync(TanpanDb db, MeterQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var meters = await db.Meters.AsNoTracking().OrderBy(m => m.ParentId == null ? 0 : 1).ThenBy(m => m.Line).ThenBy(m => m.Code).ToListAsync(ct);
        var lines = new List<LiveLine>();
        var alarms = new List<LiveAlarm>();
        decimal total = 0;
        foreach (var meter in meters.Where(m => m.Carrier == EnergyCarrier.Electricity))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
            var localNow = TimeZoneInfo.ConvertTime(now, zone);
            var midnight = Rollups.LocalDayStartUtc(DateOnly.FromDateTime(localNow.DateTime), zone);
            var hours = await queries.BucketsAsync(meter, RollupGrainCode.Hour, midnight, now.UtcDateTime.AddHours(1), ct);
            var quarters = await queries.BucketsAsync(meter, RollupGrainCode.QuarterHour, now.UtcDateTime.AddMinutes(-45), now.UtcDateTime.AddMinutes(15), ct);
            var factor = await queries.FactorAsync(meter, localNow.Year, ct);
            var today = hours.Sum(h => h.Quantity);
            var latest = quarters.Count > 0 ? quarters[^1] : (Bucket?)null;
            var (kw, lastReading) = await PowerNowAsync(db, meter, latest, now.UtcDateTime, ct);
            var kg = factor is null ? (decimal?)null : MeterQueries.KgCo2e(meter, today, factor);
            var isTotal = meter.ParentId is null;
            if (isTotal && kg is { } k)
            {
                total += k;
            }

            lines.Add(new LiveLine(meter.Code, meter.Name, meter.Line, meter.Unit, kw, today, kg, lastReading is { } l ? MeterEndpoints.Local(l, zone) : null, isTotal));
            foreach (var h in hours)
            {
                if (meter.AlarmKw is { } limitKw && h.Quantity > limitKw)
                {
                    alarms.Add(new LiveAlarm(meter.Code, meter.Name, MeterEndpoints.Local(h.StartUtc, zone), "kW", h.Quantity, limitKw));
                }

                if (meter.AlarmKgCo2ePerHour is { } limitKg && factor is not null && MeterQueries.KgCo2e(meter, h.Quantity, factor) is var kgh && kgh > limitKg)
                {
                    alarms.Add(new LiveAlarm(meter.Code, meter.Name, MeterEndpoints.Local(h.StartUtc, zone), "kgCO2e/h", kgh, limitKg));
                }
            }
        }

        return new LiveSnapshot(now, lines, alarms.OrderByDescending(a => a.Hour).ToList(), total);
    }

    /// <summary>Power now: a meter's last interval between readings (its average kW), if it ended at most 30 minutes
    /// ago; a virtual meter's latest quarter-hour. A partial quarter-hour would understate it.</summary>
    private static async Task<(decimal? Kw, DateTime? LastUtc)> PowerNowAsync(TanpanDb db, Meter meter, Bucket? latestQuarter, DateTime nowUtc, CancellationToken ct)
    {
        var kwh = Engine.Quantities.Units.KilowattHour;
        var unit = Engine.Quantities.Units.Parse(meter.Unit);
        if (unit.Dimension != kwh.Dimension)
        {
            return (null, null);
        }

        if (meter.Kind == MeterKind.Virtual)
        {
            return latestQuarter is { } q && nowUtc - q.StartUtc <= TimeSpan.FromMinutes(30) ? (unit.Convert(q.Quantity, kwh) * 4m, q.StartUtc.AddMinutes(15)) : (null, null);
        }

        var last = await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meter.Id).OrderByDescending(r => r.TUtc).Take(2)
            .Select(r => new RawReading(r.TUtc, r.Value)).ToListAsync(ct);
        if (last.Count == 0)
        {
            return (null, null);
        }

        last.Reverse();
        var intervals = MeterIntervals.FromReadings(meter.Profile(), last).Intervals;
        if (intervals.Count == 0 || nowUtc - intervals[^1].EndUtc > TimeSpan.FromMinutes(30))
        {
            return (null, last[^1].TUtc);
        }

        var i = intervals[^1];
        return (unit.Convert(i.Quantity, kwh) / (decimal)(i.EndUtc - i.StartUtc).TotalHours, last[^1].TUtc);
    }

    /// <summary>GET /api/v1/meters/live: server-sent events, a snapshot at once and then after every roll-up pass (at
    /// most every 2 s) or every 15 s; closed after 10 minutes (the browser's EventSource reconnects).</summary>
    internal static async Task Stream(HttpContext http, TanpanDb db, MeterQueries queries, RollupWorker rollups, TimeProvider clock, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        using var changed = new SemaphoreSlim(0);
        void Signal()
        {
            if (changed.CurrentCount == 0)
            {
                changed.Release();
            }
        }

        rollups.RolledUp += Signal;
        try
        {
            var until = DateTime.UtcNow.AddMinutes(10);
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            while (!ct.IsCancellationRequested && DateTime.UtcNow < until)
            {
                var snapshot = await SnapshotAsync(db, queries, clock, ct);
                db.ChangeTracker.Clear();
                await http.Response.WriteAsync("event: snapshot\ndata: " + JsonSerializer.Serialize(snapshot, json) + "\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                await changed.WaitAsync(TimeSpan.FromSeconds(15), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left.
        }
        finally
        {
            rollups.RolledUp -= Signal;
        }
    }
}
