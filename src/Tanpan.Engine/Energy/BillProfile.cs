using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Energy;

/// <summary>One bill's time-of-use energy over its (inclusive) billing period.</summary>
public sealed record TouEnergy(DateOnly From, DateOnly To, decimal PeakKwh, decimal SemiPeakKwh, decimal SaturdaySemiPeakKwh, decimal OffPeakKwh)
{
    public decimal Kwh(TouPeriod period) => period switch
    {
        TouPeriod.Peak => PeakKwh,
        TouPeriod.SemiPeak => SemiPeakKwh,
        TouPeriod.SaturdaySemiPeak => SaturdaySemiPeakKwh,
        _ => OffPeakKwh,
    };
}

/// <summary>A load profile built from bills: every interval of a bill's period gets an equal share of that period's
/// kWh. <see cref="UncoveredIntervals"/> fell on no bill (0 kW); <see cref="RespreadKwh"/> was billed in a period the
/// schedule has no interval of (e.g. 半尖峰 kWh on a two-stage schedule) and was spread over all of the bill's intervals.</summary>
public sealed record BillLoadProfile(IReadOnlyList<decimal> LoadKw, int UncoveredIntervals, decimal RespreadKwh);

public static class BillProfile
{
    /// <summary>The flattest profile the bills allow: a fallback when no meter data exist. It knows each bill's
    /// energy per period but nothing of the peaks inside a period, so peak shaving on it understates the peak.</summary>
    /// <param name="bills">The bills, non-overlapping; an interval on two bills takes the first.</param>
    /// <param name="periodAt">The schedule's time-of-use period of an interval starting at a local time.</param>
    /// <param name="localStart">Start of the first interval (local time).</param>
    /// <param name="intervalMinutes">15 or 60.</param>
    /// <param name="count">Number of intervals wanted.</param>
    public static BillLoadProfile Build(IReadOnlyList<TouEnergy> bills, Func<DateTime, TouPeriod> periodAt, DateTime localStart, int intervalMinutes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMinutes);
        var step = TimeSpan.FromMinutes(intervalMinutes);
        var hours = intervalMinutes / 60m;
        var perDay = (int)(TimeSpan.FromDays(1) / step);
        var load = new decimal[count];
        var covered = new bool[count];
        decimal respread = 0;
        foreach (var bill in bills)
        {
            // Count the bill's intervals per period over its whole period, so a bill cut by the window keeps its rate.
            var counts = new int[4];
            var days = bill.To.DayNumber - bill.From.DayNumber + 1;
            var billStart = bill.From.ToDateTime(TimeOnly.MinValue);
            for (var i = 0; i < days * perDay; i++)
            {
                counts[(int)periodAt(billStart + (step * i))]++;
            }

            var totalIntervals = days * perDay;
            decimal orphan = 0;
            foreach (var period in Enum.GetValues<TouPeriod>())
            {
                if (counts[(int)period] == 0)
                {
                    orphan += bill.Kwh(period);
                }
            }

            respread += orphan;
            var firstIndex = (long)((billStart - localStart) / step);
            for (long i = Math.Max(0, firstIndex); i < Math.Min(count, firstIndex + totalIntervals); i++)
            {
                if (covered[i])
                {
                    continue;
                }

                var period = periodAt(localStart + (step * i));
                load[i] = ((bill.Kwh(period) / counts[(int)period]) + (orphan / totalIntervals)) / hours;
                covered[i] = true;
            }
        }

        return new BillLoadProfile(load, covered.Count(c => !c), respread);
    }
}
