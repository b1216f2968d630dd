namespace Tanpan.Engine.Energy;

/// <summary>What a meter's reading value means.</summary>
public enum MeterSemantics
{
    /// <summary>A cumulative register (kWh so far): the consumption between consecutive readings is
    /// (v_i − v_{i−1}) × multiplier, attributed to the interval (t_{i−1}, t_i].</summary>
    Counter,

    /// <summary>The consumption of the interval that ends at the reading's time, of length
    /// <see cref="MeterProfile.IntervalMinutes"/>: (T − IntervalMinutes, T].</summary>
    Interval,
}

/// <summary>One raw reading, time in UTC (a <see cref="DateTime"/> with Kind Utc; Unspecified is taken as UTC,
/// Local is refused because its meaning depends on the machine).</summary>
public readonly record struct RawReading(DateTime TUtc, decimal Value);

/// <summary>How to turn a meter's readings into consumption.</summary>
/// <param name="Semantics">Whether a value is a cumulative register or one interval's consumption.</param>
/// <param name="Multiplier">CT/PT ratio: register units × multiplier = kWh (greater than 0).</param>
/// <param name="IntervalMinutes">For interval meters the interval length; for counter meters the expected
/// reading cadence (a step longer than twice it is a gap).</param>
/// <param name="CounterMax">The register value at which a counter wraps to 0 (a reading of CounterMax counts as
/// 0, so a 5-digit register that shows 99999 then 00000 has CounterMax 100000). Only a fall from at least 90 % of
/// it is a rollover; any other fall is a reset.</param>
/// <param name="MaxKw">Optional physical ceiling (quantity per hour) above which an interval is a spike; without
/// it, spikes are intervals above 10 × the series' median power.</param>
public sealed record MeterProfile(MeterSemantics Semantics, decimal Multiplier, int IntervalMinutes, decimal? CounterMax = null, decimal? MaxKw = null);

public enum MeterEventKind
{
    Gap,
    CounterReset,
    CounterRollover,
    Spike,
    Negative,
}

/// <summary>Something about the readings a person should know when trusting the numbers: the span it concerns
/// (FromUtc, ToUtc], the quantity involved (kWh after the multiplier; 0 for a gap whose energy is unknown) and a
/// short English <paramref name="Detail"/> with the numbers.</summary>
public sealed record MeterEvent(MeterEventKind Kind, DateTime FromUtc, DateTime ToUtc, decimal Quantity, string Detail);

/// <summary>A consumption interval (StartUtc, EndUtc] with its quantity already multiplied by the multiplier.
/// <paramref name="SpansGap"/>: the interval bridges missing readings, so its energy is known in total but its
/// timing is not (a roll-up spreads it evenly; it does not count as coverage).</summary>
public readonly record struct EnergyInterval(DateTime StartUtc, DateTime EndUtc, decimal Quantity, bool SpansGap);

public sealed record IntervalSeries(IReadOnlyList<EnergyInterval> Intervals, IReadOnlyList<MeterEvent> Events);

public enum RollupGrain
{
    QuarterHour,
    Hour,
    Day,
    Month,
}

/// <summary>The quantity of one roll-up slot starting at <paramref name="StartUtc"/> (its length is the grain's).</summary>
public readonly record struct Bucket(DateTime StartUtc, decimal Quantity);

/// <summary>The energy of one work-order window [FromUtc, ToUtc) measured on a meter, without allocation.
/// CoveredMinutes are the minutes of the window covered by intervals that do not span a gap: how much of the
/// quantity is measured rather than spread over missing readings.</summary>
public sealed record WindowEnergy(DateTime FromUtc, DateTime ToUtc, decimal Quantity, decimal CoveredMinutes, decimal WindowMinutes, IReadOnlyList<MeterEvent> Events)
{
    public decimal CoverageShare => WindowMinutes == 0 ? 0 : CoveredMinutes / WindowMinutes;
}

/// <summary>One term of a virtual meter: a meter's buckets with a sign (+1 or −1).</summary>
public readonly record struct MeterTerm(int Sign, IReadOnlyList<Bucket> Buckets);

/// <summary>Readings parsed from a payload, sorted ascending by time with distinct times.</summary>
public sealed record ParsedReadings(IReadOnlyList<RawReading> Readings);
