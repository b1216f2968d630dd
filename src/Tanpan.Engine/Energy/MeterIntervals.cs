using static Tanpan.Engine.Energy.EnergyMath;

namespace Tanpan.Engine.Energy;

/// <summary>Turns a meter's raw readings into consumption intervals, with the events (gaps, resets, rollovers,
/// spikes, negatives) a reader must see to trust them. Nothing is removed or invented: suspicious intervals are
/// kept and flagged, so totals stay reconcilable with the meter and the caller decides what to exclude.</summary>
public static class MeterIntervals
{
    /// <summary>Spike rule without a ceiling: more than this many times the median power …</summary>
    private const decimal SpikeFactor = 10m;

    /// <summary>… and only in a series this long, since a median of a few intervals says little.</summary>
    private const int SpikeMinIntervals = 8;

    /// <summary>A counter falling from at least this share of CounterMax wrapped around; from lower it was reset.</summary>
    private const decimal RolloverShare = 0.9m;

    /// <summary>Readings must be sorted by time ascending with distinct times (an <see cref="ArgumentException"/>
    /// otherwise: ordering and de-duplication belong to the parser, see MeterPayload).</summary>
    /// <remarks>Interval meters: a negative value gives a <see cref="MeterEventKind.Negative"/> event and the
    /// interval is still included with its value (export, or a correction; the caller decides). Two readings less
    /// than IntervalMinutes apart give overlapping intervals, kept as given: shifting a start would invent a
    /// length the meter did not report.</remarks>
    public static IntervalSeries FromReadings(MeterProfile profile, IReadOnlyList<RawReading> readings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(readings);
        CheckProfile(profile);
        CheckReadings(readings);

        var intervals = new List<EnergyInterval>(Math.Max(readings.Count - (profile.Semantics == MeterSemantics.Counter ? 1 : 0), 0));
        var events = new List<MeterEvent>();
        if (profile.Semantics == MeterSemantics.Counter)
        {
            FromCounter(profile, readings, intervals, events);
        }
        else
        {
            FromInterval(profile, readings, intervals, events);
        }

        AddNegatives(intervals, events);
        AddSpikes(profile, intervals, events);

        // Stable by start, so events of one instant keep the order they were found in.
        MeterEvent[] ordered = [.. events.OrderBy(e => e.FromUtc)];
        return new IntervalSeries(intervals, ordered);
    }

    private static void CheckProfile(MeterProfile profile)
    {
        if (profile.IntervalMinutes <= 0)
        {
            throw new ArgumentException("IntervalMinutes must be greater than 0", nameof(profile));
        }

        if (profile.Multiplier <= 0)
        {
            throw new ArgumentException("Multiplier must be greater than 0", nameof(profile));
        }

        if (profile.CounterMax is <= 0)
        {
            throw new ArgumentException("CounterMax must be greater than 0 when given", nameof(profile));
        }

        if (profile.MaxKw is <= 0)
        {
            throw new ArgumentException("MaxKw must be greater than 0 when given", nameof(profile));
        }
    }

    private static void CheckReadings(IReadOnlyList<RawReading> readings)
    {
        for (var i = 0; i < readings.Count; i++)
        {
            RequireUtc(readings[i].TUtc, nameof(readings));
            if (i > 0 && readings[i].TUtc <= readings[i - 1].TUtc)
            {
                throw new ArgumentException($"readings must be sorted by time ascending with distinct times; readings[{i}] is at {Text(readings[i].TUtc)}, readings[{i - 1}] at {Text(readings[i - 1].TUtc)}", nameof(readings));
            }
        }
    }

    private static void FromCounter(MeterProfile profile, IReadOnlyList<RawReading> readings, List<EnergyInterval> intervals, List<MeterEvent> events)
    {
        var cadenceTicks = profile.IntervalMinutes * TimeSpan.TicksPerMinute;
        for (var i = 1; i < readings.Count; i++)
        {
            var previous = readings[i - 1];
            var current = readings[i];
            decimal quantity;
            if (current.Value >= previous.Value)
            {
                quantity = (current.Value - previous.Value) * profile.Multiplier;
            }
            else if (profile.CounterMax is { } max && previous.Value >= RolloverShare * max)
            {
                var raw = max - previous.Value + current.Value;
                quantity = raw * profile.Multiplier;
                events.Add(new MeterEvent(
                    MeterEventKind.CounterRollover,
                    previous.TUtc,
                    current.TUtc,
                    quantity,
                    $"register rolled over from {Text(previous.Value)} past {Text(max)} to {Text(current.Value)}; counted {Text(raw)}{Multiplied(raw, profile.Multiplier)}"));
            }
            else
            {
                quantity = current.Value * profile.Multiplier;
                events.Add(new MeterEvent(
                    MeterEventKind.CounterReset,
                    previous.TUtc,
                    current.TUtc,
                    quantity,
                    $"register fell from {Text(previous.Value)} to {Text(current.Value)}; counted {Text(current.Value)} since the reset{Multiplied(current.Value, profile.Multiplier)}"));
            }

            var stepTicks = current.TUtc.Ticks - previous.TUtc.Ticks;
            var spansGap = stepTicks > 2 * cadenceTicks;
            if (spansGap)
            {
                events.Add(new MeterEvent(
                    MeterEventKind.Gap,
                    previous.TUtc,
                    current.TUtc,
                    quantity,
                    $"no reading for {Text(Minutes(stepTicks))} min (expected every {profile.IntervalMinutes} min); {Text(quantity)} spread evenly over the gap"));
            }

            intervals.Add(new EnergyInterval(previous.TUtc, current.TUtc, quantity, spansGap));
        }
    }

    private static void FromInterval(MeterProfile profile, IReadOnlyList<RawReading> readings, List<EnergyInterval> intervals, List<MeterEvent> events)
    {
        var lengthTicks = profile.IntervalMinutes * TimeSpan.TicksPerMinute;
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            var start = reading.TUtc.AddTicks(-lengthTicks);
            if (i > 0)
            {
                // A missing interval leaves (previous end, this start] uncovered. Less than one interval of
                // uncovered time is clock jitter, not a missing reading. Nothing is invented for the gap: its
                // energy is unknown.
                var previousEnd = readings[i - 1].TUtc;
                var missingTicks = start.Ticks - previousEnd.Ticks;
                if (missingTicks >= lengthTicks)
                {
                    var missing = missingTicks / lengthTicks;
                    events.Add(new MeterEvent(
                        MeterEventKind.Gap,
                        previousEnd,
                        start,
                        0m,
                        $"no reading for {Text(Minutes(missingTicks))} min ({missing} interval(s) of {profile.IntervalMinutes} min missing); energy unknown"));
                }
            }

            intervals.Add(new EnergyInterval(start, reading.TUtc, reading.Value * profile.Multiplier, false));
        }
    }

    private static void AddNegatives(List<EnergyInterval> intervals, List<MeterEvent> events)
    {
        foreach (var interval in intervals)
        {
            if (interval.Quantity < 0)
            {
                events.Add(new MeterEvent(
                    MeterEventKind.Negative,
                    interval.StartUtc,
                    interval.EndUtc,
                    interval.Quantity,
                    $"quantity {Text(interval.Quantity)} is negative; kept as given (export or a correction: the caller decides)"));
            }
        }
    }

    private static void AddSpikes(MeterProfile profile, List<EnergyInterval> intervals, List<MeterEvent> events)
    {
        decimal threshold;
        string rule;
        if (profile.MaxKw is { } maxKw)
        {
            threshold = maxKw;
            rule = $"above the ceiling of {Text(maxKw)} kW";
        }
        else
        {
            if (intervals.Count < SpikeMinIntervals)
            {
                return;
            }

            var positive = new List<decimal>(intervals.Count);
            foreach (var interval in intervals)
            {
                var power = Power(interval);
                if (power > 0)
                {
                    positive.Add(power);
                }
            }

            if (positive.Count == 0)
            {
                return;
            }

            var median = Median(positive);
            threshold = SpikeFactor * median;
            rule = $"more than {Text(SpikeFactor)} × the median of {Text(median)} kW";
        }

        foreach (var interval in intervals)
        {
            var power = Power(interval);
            if (power > threshold)
            {
                var ticks = interval.EndUtc.Ticks - interval.StartUtc.Ticks;
                events.Add(new MeterEvent(
                    MeterEventKind.Spike,
                    interval.StartUtc,
                    interval.EndUtc,
                    interval.Quantity,
                    $"average {Text(power)} kW over {Text(Minutes(ticks))} min, {rule}; kept and flagged"));
            }
        }
    }

    private static decimal Power(EnergyInterval interval) => PerHour(interval.Quantity, interval.EndUtc.Ticks - interval.StartUtc.Ticks);

    private static decimal Median(List<decimal> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Multiplied(decimal raw, decimal multiplier) =>
        multiplier == 1 ? "" : $" × {Text(multiplier)} = {Text(raw * multiplier)}";
}
