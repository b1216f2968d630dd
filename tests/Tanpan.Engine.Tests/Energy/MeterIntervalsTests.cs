using Tanpan.Engine.Energy;
using static Tanpan.Engine.Tests.Energy.EnergyTestData;

namespace Tanpan.Engine.Tests.Energy;

public class MeterIntervalsTests
{
    [Fact]
    public void Counter_EveryQuarterHour_GivesDifferencesTimesTheMultiplier()
    {
        // CT ratio 40: register steps 2.5, 2.5, 5, 1 → 100, 100, 200, 40 kWh.
        var readings = Every("2024-06-05T00:00:00Z", 15, 100m, 102.5m, 105m, 110m, 111m);

        var series = MeterIntervals.FromReadings(Counter(multiplier: 40m), readings);

        Assert.Equal([100m, 100m, 200m, 40m], series.Intervals.Select(i => i.Quantity));
        Assert.Equal(Utc("2024-06-05T00:00:00Z"), series.Intervals[0].StartUtc);
        Assert.Equal(Utc("2024-06-05T00:15:00Z"), series.Intervals[0].EndUtc);
        Assert.Equal(Utc("2024-06-05T01:00:00Z"), series.Intervals[^1].EndUtc);
        Assert.All(series.Intervals, i => Assert.False(i.SpansGap));
        Assert.Empty(series.Events);
    }

    [Fact]
    public void Counter_FallingRegister_IsAResetCountedFromZero()
    {
        var readings = Every("2024-06-05T00:00:00Z", 15, 990m, 1000.5m, 3.2m, 4m);

        var series = MeterIntervals.FromReadings(Counter(), readings);

        Assert.Equal([10.5m, 3.2m, 0.8m], series.Intervals.Select(i => i.Quantity));
        var reset = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.CounterReset, reset.Kind);
        Assert.Equal(Utc("2024-06-05T00:15:00Z"), reset.FromUtc);
        Assert.Equal(Utc("2024-06-05T00:30:00Z"), reset.ToUtc);
        Assert.Equal(3.2m, reset.Quantity);
        Assert.Equal("register fell from 1000.5 to 3.2; counted 3.2 since the reset", reset.Detail);
    }

    [Fact]
    public void Counter_FallFromNearTheTop_IsARollover()
    {
        // 99990 → 99999 (the wrap value) is 9, then on to 5: 14 units, × 2 = 28.
        var readings = Every("2024-06-05T00:00:00Z", 15, 99980m, 99990m, 5m);

        var series = MeterIntervals.FromReadings(Counter(multiplier: 2m, counterMax: 99999m), readings);

        Assert.Equal([20m, 28m], series.Intervals.Select(i => i.Quantity));
        var rollover = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.CounterRollover, rollover.Kind);
        Assert.Equal(28m, rollover.Quantity);
        Assert.Contains("99990", rollover.Detail, StringComparison.Ordinal);
        Assert.Contains("14", rollover.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Counter_FallFromBelowNinetyPercentOfMax_IsStillAReset()
    {
        // 89998 < 0.9 × 99999 = 89999.1: not near the top.
        var readings = Every("2024-06-05T00:00:00Z", 15, 89998m, 7m);

        var series = MeterIntervals.FromReadings(Counter(counterMax: 99999m), readings);

        Assert.Equal(7m, Assert.Single(series.Intervals).Quantity);
        Assert.Equal(MeterEventKind.CounterReset, Assert.Single(series.Events).Kind);
    }

    [Fact]
    public void Counter_StepLongerThanTwiceTheCadence_IsAGapInterval()
    {
        RawReading[] readings =
        [
            new(Utc("2024-06-05T00:00:00Z"), 10m), new(Utc("2024-06-05T00:15:00Z"), 11m),
            new(Utc("2024-06-05T01:15:00Z"), 19m), new(Utc("2024-06-05T01:45:00Z"), 20m),
        ];

        var series = MeterIntervals.FromReadings(Counter(), readings);

        // The 30-min step is exactly 2 × 15: not a gap. The 60-min one is.
        Assert.Equal([false, true, false], series.Intervals.Select(i => i.SpansGap));
        var gap = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.Gap, gap.Kind);
        Assert.Equal(Utc("2024-06-05T00:15:00Z"), gap.FromUtc);
        Assert.Equal(Utc("2024-06-05T01:15:00Z"), gap.ToUtc);
        Assert.Equal(8m, gap.Quantity);
        Assert.StartsWith("no reading for 60 min (expected every 15 min)", gap.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Gap_OfOneHour_IsSpreadOverFourQuarterBuckets()
    {
        var readings = Every("2024-06-05T00:00:00Z", 15, 10m, 11m);
        readings = [.. readings, new RawReading(Utc("2024-06-05T01:15:00Z"), 19m), new RawReading(Utc("2024-06-05T01:30:00Z"), 20m)];
        var series = MeterIntervals.FromReadings(Counter(), readings);

        var buckets = Rollups.Fixed(series.Intervals, RollupGrain.QuarterHour, Utc("2024-06-05T00:00:00Z"), Utc("2024-06-05T01:30:00Z"));

        // 1 kWh, then the gap's 8 kWh as 2 per quarter over 00:15–01:15, then 1 kWh.
        Assert.Equal([1m, 2m, 2m, 2m, 2m, 1m], buckets.Select(b => b.Quantity));
        Assert.Equal(Utc("2024-06-05T00:15:00Z"), buckets[1].StartUtc);
    }

    [Fact]
    public void Spike_AboveMaxKw_IsFlaggedAndKept()
    {
        // 12 kWh in 15 min = 48 kW > 40; 10 kWh = 40 kW, not above the ceiling.
        var readings = Every("2024-06-05T00:00:00Z", 15, 0m, 10m, 22m, 23m);

        var series = MeterIntervals.FromReadings(Counter(maxKw: 40m), readings);

        Assert.Equal([10m, 12m, 1m], series.Intervals.Select(i => i.Quantity));
        var spike = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.Spike, spike.Kind);
        Assert.Equal(Utc("2024-06-05T00:15:00Z"), spike.FromUtc);
        Assert.Equal(12m, spike.Quantity);
        Assert.Contains("48 kW", spike.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Spike_WithoutMaxKw_IsTenTimesTheMedianInASeriesOfAtLeastEight()
    {
        // Seven intervals of 1 kWh (4 kW) and one of 50 kWh (200 kW): median 4 kW, 200 > 10 × 4.
        decimal[] steps = [1, 1, 1, 50, 1, 1, 1, 1];
        var series = MeterIntervals.FromReadings(Counter(), Every("2024-06-05T00:00:00Z", 15, Register(steps)));

        Assert.Equal(8, series.Intervals.Count);
        var spike = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.Spike, spike.Kind);
        Assert.Equal(50m, spike.Quantity);
        Assert.Equal(Utc("2024-06-05T00:45:00Z"), spike.FromUtc);
        Assert.Contains("median of 4 kW", spike.Detail, StringComparison.Ordinal);

        // The same spike in a series of seven intervals is not judged.
        var shorter = MeterIntervals.FromReadings(Counter(), Every("2024-06-05T00:00:00Z", 15, Register(steps[..7])));
        Assert.Empty(shorter.Events);

        // 10 kWh in 15 min = 40 kW is exactly 10 × the median of 4 kW: not above it.
        decimal[] atThreshold = [1, 1, 1, 10, 1, 1, 1, 1];
        Assert.Empty(MeterIntervals.FromReadings(Counter(), Every("2024-06-05T00:00:00Z", 15, Register(atThreshold))).Events);
    }

    [Fact]
    public void Interval_MissingInterval_IsAGapWithoutAnInventedInterval()
    {
        // Readings end the intervals at 00:15, 00:30 and 01:00: (00:30, 00:45] is missing.
        var profile = new MeterProfile(MeterSemantics.Interval, 2m, 15);
        RawReading[] readings = [new(Utc("2024-06-05T00:15:00Z"), 1.5m), new(Utc("2024-06-05T00:30:00Z"), 2m), new(Utc("2024-06-05T01:00:00Z"), 2.5m)];

        var series = MeterIntervals.FromReadings(profile, readings);

        Assert.Equal([3m, 4m, 5m], series.Intervals.Select(i => i.Quantity));
        Assert.Equal(Utc("2024-06-05T00:45:00Z"), series.Intervals[2].StartUtc);
        Assert.Equal(Utc("2024-06-05T00:00:00Z"), series.Intervals[0].StartUtc);
        var gap = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.Gap, gap.Kind);
        Assert.Equal(Utc("2024-06-05T00:30:00Z"), gap.FromUtc);
        Assert.Equal(Utc("2024-06-05T00:45:00Z"), gap.ToUtc);
        Assert.Equal(0m, gap.Quantity);
    }

    [Fact]
    public void Interval_ReadingsCloserThanTheLength_KeepTheirIntervalsAsGiven()
    {
        // 00:15 and 00:20 on a 15-min meter: (00:00, 00:15] and (00:05, 00:20] overlap; neither start moves.
        var profile = new MeterProfile(MeterSemantics.Interval, 1m, 15);
        RawReading[] readings = [new(Utc("2024-06-05T00:15:00Z"), 1m), new(Utc("2024-06-05T00:20:00Z"), 2m)];

        var series = MeterIntervals.FromReadings(profile, readings);

        Assert.Equal([Utc("2024-06-05T00:00:00Z"), Utc("2024-06-05T00:05:00Z")], series.Intervals.Select(i => i.StartUtc));
        Assert.Empty(series.Events);
    }

    [Fact]
    public void Interval_NegativeValue_IsAnEventAndTheIntervalIsKept()
    {
        var profile = new MeterProfile(MeterSemantics.Interval, 1m, 15);
        var series = MeterIntervals.FromReadings(profile, Every("2024-06-05T00:15:00Z", 15, 1m, -2m, 3m));

        Assert.Equal([1m, -2m, 3m], series.Intervals.Select(i => i.Quantity));
        var negative = Assert.Single(series.Events);
        Assert.Equal(MeterEventKind.Negative, negative.Kind);
        Assert.Equal(Utc("2024-06-05T00:15:00Z"), negative.FromUtc);
        Assert.Equal(-2m, negative.Quantity);
    }

    [Fact]
    public void Readings_NotAscendingOrRepeated_AreRefused()
    {
        RawReading[] unsorted = [new(Utc("2024-06-05T00:15:00Z"), 1m), new(Utc("2024-06-05T00:00:00Z"), 2m)];
        RawReading[] repeated = [new(Utc("2024-06-05T00:15:00Z"), 1m), new(Utc("2024-06-05T00:15:00Z"), 1m)];

        Assert.Throws<ArgumentException>(() => MeterIntervals.FromReadings(Counter(), unsorted));
        Assert.Throws<ArgumentException>(() => MeterIntervals.FromReadings(Counter(), repeated));
    }

    /// <summary>Register values from zero for the given steps.</summary>
    private static decimal[] Register(decimal[] steps)
    {
        var values = new decimal[steps.Length + 1];
        for (var i = 0; i < steps.Length; i++)
        {
            values[i + 1] = values[i] + steps[i];
        }

        return values;
    }
}
