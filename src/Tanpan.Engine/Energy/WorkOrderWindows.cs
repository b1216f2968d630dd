using static Tanpan.Engine.Energy.EnergyMath;

namespace Tanpan.Engine.Energy;

/// <summary>The metered energy of a work order's time window, before any allocation among jobs.</summary>
public static class WorkOrderWindows
{
    /// <summary>Sums the parts of the intervals that overlap [fromUtc, toUtc), prorated linearly by time;
    /// CoveredMinutes = minutes of the window covered by intervals that do not span a gap (overlapping intervals
    /// count once); Events = events of the series overlapping the window.</summary>
    public static WindowEnergy Slice(IntervalSeries series, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(series);
        RequireUtc(fromUtc, nameof(fromUtc));
        RequireUtc(toUtc, nameof(toUtc));
        if (toUtc < fromUtc)
        {
            throw new ArgumentException("must not be before fromUtc", nameof(toUtc));
        }

        var from = fromUtc.Ticks;
        var to = toUtc.Ticks;
        var quantity = 0m;
        var covered = new List<(long Lo, long Hi)>();
        foreach (var interval in series.Intervals)
        {
            var start = interval.StartUtc.Ticks;
            var end = interval.EndUtc.Ticks;
            var lo = Math.Max(start, from);
            var hi = Math.Min(end, to);
            if (hi <= lo)
            {
                continue;
            }

            quantity += Prorate(interval.Quantity, hi - lo, end - start);
            if (!interval.SpansGap)
            {
                covered.Add((lo, hi));
            }
        }

        var events = new List<MeterEvent>();
        foreach (var meterEvent in series.Events)
        {
            var overlaps = meterEvent.FromUtc == meterEvent.ToUtc
                ? meterEvent.FromUtc >= fromUtc && meterEvent.FromUtc < toUtc
                : meterEvent.FromUtc < toUtc && meterEvent.ToUtc > fromUtc;
            if (overlaps)
            {
                events.Add(meterEvent);
            }
        }

        return new WindowEnergy(fromUtc, toUtc, quantity, Minutes(UnionTicks(covered)), Minutes(to - from), events);
    }

    private static long UnionTicks(List<(long Lo, long Hi)> spans)
    {
        spans.Sort();
        long total = 0;
        long reach = long.MinValue;
        foreach (var (lo, hi) in spans)
        {
            var start = Math.Max(lo, reach);
            if (hi > start)
            {
                total += hi - start;
                reach = hi;
            }
        }

        return total;
    }
}
