using static Tanpan.Engine.Energy.EnergyMath;

namespace Tanpan.Engine.Energy;

/// <summary>Roll-ups of consumption intervals into fixed UTC slots and then into local calendar days and months.</summary>
public static class Rollups
{
    /// <summary>Fixed-length buckets (QuarterHour = 15 min, Hour = 60 min) aligned to UTC multiples of the bucket
    /// length, covering [fromUtc, toUtc) (both must be aligned; <see cref="ArgumentException"/> otherwise). Every
    /// interval's quantity is spread over the buckets it overlaps in proportion to the overlap time (linear in time),
    /// so a gap-spanning interval's energy is spread evenly over the gap; a part outside the range is left out.
    /// Buckets with no overlapping interval have quantity 0 but are still returned (one per slot, ascending).</summary>
    /// <remarks>The parts of one interval are differences of its cumulative share at the bucket edges, with the
    /// share at its end being its whole quantity, so the parts sum to the quantity (up to decimal's 28 digits).</remarks>
    public static IReadOnlyList<Bucket> Fixed(IReadOnlyList<EnergyInterval> intervals, RollupGrain grain, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var length = grain switch
        {
            RollupGrain.QuarterHour => 15 * TimeSpan.TicksPerMinute,
            RollupGrain.Hour => TimeSpan.TicksPerHour,
            _ => throw new ArgumentException("Fixed buckets are QuarterHour or Hour; use Calendar for Day and Month", nameof(grain)),
        };
        RequireUtc(fromUtc, nameof(fromUtc));
        RequireUtc(toUtc, nameof(toUtc));
        if (fromUtc.Ticks % length != 0)
        {
            throw new ArgumentException($"must be aligned to the bucket length ({length / TimeSpan.TicksPerMinute} min); {Text(fromUtc)} is not", nameof(fromUtc));
        }

        if (toUtc.Ticks % length != 0)
        {
            throw new ArgumentException($"must be aligned to the bucket length ({length / TimeSpan.TicksPerMinute} min); {Text(toUtc)} is not", nameof(toUtc));
        }

        if (toUtc < fromUtc)
        {
            throw new ArgumentException("must not be before fromUtc", nameof(toUtc));
        }

        var from = fromUtc.Ticks;
        var to = toUtc.Ticks;
        var quantities = new decimal[(to - from) / length];
        foreach (var interval in intervals)
        {
            Spread(interval, from, to, length, quantities);
        }

        var buckets = new Bucket[quantities.Length];
        for (var k = 0; k < buckets.Length; k++)
        {
            buckets[k] = new Bucket(Utc(from + k * length), quantities[k]);
        }

        return buckets;
    }

    private static void Spread(EnergyInterval interval, long from, long to, long length, decimal[] quantities)
    {
        var start = interval.StartUtc.Ticks;
        var end = interval.EndUtc.Ticks;
        if (end <= start)
        {
            throw new ArgumentException($"an interval must end after it starts; ({Text(interval.StartUtc)}, {Text(interval.EndUtc)}] does not", nameof(interval));
        }

        var lo = Math.Max(start, from);
        var hi = Math.Min(end, to);
        if (hi <= lo)
        {
            return;
        }

        var whole = end - start;
        var k = (lo - from) / length;
        var edge = lo;
        var shareBefore = Cumulative(interval.Quantity, edge - start, whole);
        while (edge < hi)
        {
            var next = Math.Min(from + (k + 1) * length, hi);
            var shareAfter = Cumulative(interval.Quantity, next - start, whole);
            quantities[k] += shareAfter - shareBefore;
            shareBefore = shareAfter;
            edge = next;
            k++;
        }
    }

    /// <summary>The part of the quantity up to <paramref name="elapsedTicks"/> into the interval: exactly 0 at its
    /// start and exactly the quantity at its end.</summary>
    private static decimal Cumulative(decimal quantity, long elapsedTicks, long wholeTicks) => Prorate(quantity, elapsedTicks, wholeTicks);

    /// <summary>Local calendar buckets (Day or Month) in <paramref name="zone"/> (e.g. Asia/Taipei): each bucket
    /// starts at local midnight (or the 1st of the month, 00:00 local) converted to UTC. The fine buckets (hourly or
    /// quarter-hour) are summed into the local day or month containing the bucket's start; in a zone whose offset is
    /// not whole hours use quarter-hour buckets so none straddles local midnight. Returns buckets ascending, only
    /// those with at least one input bucket.</summary>
    public static IReadOnlyList<Bucket> Calendar(IReadOnlyList<Bucket> fineBuckets, RollupGrain grain, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(fineBuckets);
        ArgumentNullException.ThrowIfNull(zone);
        if (grain is not (RollupGrain.Day or RollupGrain.Month))
        {
            throw new ArgumentException("Calendar buckets are Day or Month; use Fixed for QuarterHour and Hour", nameof(grain));
        }

        var sums = new Dictionary<DateOnly, decimal>();
        foreach (var bucket in fineBuckets)
        {
            RequireUtc(bucket.StartUtc, nameof(fineBuckets));
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(bucket.StartUtc, DateTimeKind.Utc), zone);
            var key = grain == RollupGrain.Day ? DateOnly.FromDateTime(local) : new DateOnly(local.Year, local.Month, 1);
            sums[key] = sums.TryGetValue(key, out var sum) ? sum + bucket.Quantity : bucket.Quantity;
        }

        var keys = new List<DateOnly>(sums.Keys);
        keys.Sort();
        var result = new Bucket[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            result[i] = new Bucket(LocalDayStartUtc(keys[i], zone), sums[keys[i]]);
        }

        return result;
    }

    /// <summary>The UTC instant a local calendar day begins: local midnight, or where a clock change skips
    /// midnight the instant of the jump, or where midnight occurs twice the first of them.</summary>
    public static DateTime LocalDayStartUtc(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(midnight))
        {
            // Clocks jump forward over midnight: the day begins when the old offset's clock reached midnight.
            var before = zone.GetUtcOffset(midnight.AddHours(-12));
            return DateTime.SpecifyKind(midnight - before, DateTimeKind.Utc);
        }

        if (zone.IsAmbiguousTime(midnight))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(midnight);
            var largest = offsets[0];
            foreach (var offset in offsets)
            {
                largest = offset > largest ? offset : largest;
            }

            return DateTime.SpecifyKind(midnight - largest, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }

    /// <summary>The UTC instant the local month begins (the 1st, 00:00 local; see <see cref="LocalDayStartUtc"/>).</summary>
    public static DateTime LocalMonthStartUtc(int year, int month, TimeZoneInfo zone) => LocalDayStartUtc(new DateOnly(year, month, 1), zone);
}
