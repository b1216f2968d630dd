using Tanpan.Engine.Energy;
using static Tanpan.Engine.Tests.Energy.EnergyTestData;

namespace Tanpan.Engine.Tests.Energy;

/// <summary>Properties over seeded random intervals (deterministic, so a failure reproduces).</summary>
public class RollupPropertyTests
{
    private static readonly decimal RelativeTolerance = 1e-20m;

    [Theory]
    [InlineData(1, RollupGrain.QuarterHour)]
    [InlineData(2, RollupGrain.QuarterHour)]
    [InlineData(3, RollupGrain.Hour)]
    [InlineData(4, RollupGrain.Hour)]
    public void Spreading_ConservesTheTotal(int seed, RollupGrain grain)
    {
        var random = new Random(seed);
        var intervals = RandomIntervals(random, 300);
        var from = Utc("2024-06-04T00:00:00Z");
        var to = Utc("2024-06-08T00:00:00Z");

        var buckets = Rollups.Fixed(intervals, grain, from, to);

        var expected = intervals.Sum(i => i.Quantity);
        AssertClose(expected, buckets.Sum(b => b.Quantity));
        foreach (var interval in intervals.Take(20))
        {
            AssertClose(interval.Quantity, Rollups.Fixed([interval], grain, from, to).Sum(b => b.Quantity));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void BucketsOfARange_SumToTheWindowSliceOfThatRange(int seed)
    {
        var random = new Random(seed);
        var intervals = RandomIntervals(random, 200);
        var series = new IntervalSeries(intervals, []);
        var from = Utc("2024-06-05T03:00:00Z");
        var to = Utc("2024-06-06T17:45:00Z");

        var buckets = Rollups.Fixed(intervals, RollupGrain.QuarterHour, from, to);
        var window = WorkOrderWindows.Slice(series, from, to);

        AssertClose(window.Quantity, buckets.Sum(b => b.Quantity));
    }

    private static EnergyInterval[] RandomIntervals(Random random, int count)
    {
        var origin = Utc("2024-06-04T00:00:00Z").Ticks;
        var intervals = new EnergyInterval[count];
        for (var i = 0; i < count; i++)
        {
            // Anywhere in the first three days, to the tick; 1 s to 6 h long; quantities with long fractions.
            var start = origin + random.NextInt64(0, 3 * TimeSpan.TicksPerDay);
            var length = random.NextInt64(TimeSpan.TicksPerSecond, 6 * TimeSpan.TicksPerHour);
            var quantity = random.Next(0, 5) == 0 ? random.Next(1, 1000) / 3m : random.Next(0, 10_000_000) / 1000m;
            intervals[i] = new EnergyInterval(new DateTime(start, DateTimeKind.Utc), new DateTime(start + length, DateTimeKind.Utc), quantity, random.Next(0, 4) == 0);
        }

        return intervals;
    }

    private static void AssertClose(decimal expected, decimal actual)
    {
        var tolerance = Math.Max(Math.Abs(expected), 1m) * RelativeTolerance;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual} (difference {expected - actual})");
    }
}
