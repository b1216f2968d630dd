using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Storage;

public static partial class StorageDispatch
{
    /// <summary>Peak shaving. Intervals above the target are shaved in time order with whatever is stored; each run of
    /// intervals at or under the target refills the battery, cheapest intervals first (so off-peak before semi-peak,
    /// peak only when nothing cheaper in the run has room), never lifting the grid above the target. Filling every
    /// run as far as possible is what keeps the most energy for the next excursion.</summary>
    private static Plan PeakShave(StorageDispatchInput input, decimal targetKw)
    {
        var plan = new Plan(input);
        var n = plan.Load.Count;
        var t = 0;
        while (t < n)
        {
            if (plan.Load[t] > targetKw)
            {
                plan.Drain(t, plan.Load[t] - targetKw);
                t++;
                continue;
            }

            var end = t;
            while (end < n && plan.Load[end] <= targetKw)
            {
                end++;
            }

            plan.Fill(plan.Cheapest(t, end, _ => true), targetKw, plan.MaxSoc);
            t = end;
        }

        return plan;
    }

    /// <summary>Arbitrage, day by day (local calendar days). The day's cheapest price p is the charging price; an
    /// interval is worth discharging into only when its price × RTE &gt; p (1 kWh bought at p delivers RTE kWh). Each run
    /// of cheapest intervals charges just what the following run's worthwhile intervals can take (each at most
    /// min(power, load)); each run between them discharges into its dearest intervals first. A day with no
    /// worthwhile interval (Sundays, Saturdays whose spread does not cover the losses) is left alone.</summary>
    private static Plan Arbitrage(StorageDispatchInput input, decimal ceilingKw)
    {
        var plan = new Plan(input);
        var rte = input.Battery.RoundTripEfficiency;
        foreach (var (dayStart, dayEnd) in Days(plan))
        {
            var cheapest = Enumerable.Range(dayStart, dayEnd - dayStart).Min(t => Price(plan, t));
            bool IsCheapest(int t) => Price(plan, t) == cheapest;
            bool Worth(int t) => Price(plan, t) * rte > cheapest;

            var t = dayStart;
            while (t < dayEnd)
            {
                var end = RunEnd(t, dayEnd, IsCheapest(t), IsCheapest);
                if (IsCheapest(t))
                {
                    var next = RunEnd(end, dayEnd, false, IsCheapest);
                    var needFromCells = Enumerable.Range(end, next - end).Where(Worth)
                        .Sum(i => Math.Min(plan.PowerKw, plan.Load[i]) * plan.Hours / plan.OneWay);
                    plan.Fill(Enumerable.Range(t, end - t), ceilingKw, Math.Max(plan.Soc, plan.MinSoc + needFromCells));
                }
                else
                {
                    var dearest = Enumerable.Range(t, end - t).Where(Worth).OrderByDescending(i => Price(plan, i)).ThenBy(i => i);
                    foreach (var i in dearest)
                    {
                        plan.Drain(i, plan.PowerKw);
                    }
                }

                t = end;
            }
        }

        return plan;
    }

    /// <summary>Obligated-storage demand response: on each weekday, the first continuous run of window intervals
    /// (the tariff marks 18:00–20:00 outside 離峰日) discharges at one steady rate, min(power, deliverable energy ÷
    /// window length), so the 2 h are covered; later window runs that day and all window intervals on Saturdays and
    /// Sundays do nothing (one discharge a day, weekdays only). Nothing charges inside the window; the runs between
    /// windows refill in off-peak intervals only, cheapest first, under the grid ceiling.</summary>
    private static (Plan Plan, DemandResponseReport Report) DemandResponse(StorageDispatchInput input, decimal ceilingKw, DemandResponseTerms terms)
    {
        var plan = new Plan(input);
        var n = plan.Load.Count;
        var days = new List<DemandResponseDay>();
        var t = 0;
        while (t < n)
        {
            if (!plan.Tariffs[t].DemandResponseWindow)
            {
                var gapEnd = RunEnd(t, n, false, i => plan.Tariffs[i].DemandResponseWindow);
                plan.Fill(plan.Cheapest(t, gapEnd, i => plan.Tariffs[i].Period == TouPeriod.OffPeak), ceilingKw, plan.MaxSoc);
                t = gapEnd;
                continue;
            }

            var day = plan.Day(t);
            var end = RunEnd(t, n, true, i => plan.Tariffs[i].DemandResponseWindow && plan.Day(i) == day);
            var weekday = plan.LocalTime(t).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (weekday && (days.Count == 0 || days[^1].Date != day))
            {
                var rate = Math.Min(plan.PowerKw, (plan.Soc - plan.MinSoc) * plan.OneWay / ((end - t) * plan.Hours));
                var kwh = 0m;
                for (var i = t; i < end; i++)
                {
                    kwh += plan.Drain(i, rate) * plan.Hours;
                }

                days.Add(new(day, kwh));
            }

            t = end;
        }

        var obligatedKw = terms.ObligatedKw ?? Math.Min(input.Battery.PowerKw, input.Battery.UsableEnergyKwh * input.Battery.OneWayEfficiency / terms.WindowHours);
        var total = days.Sum(d => d.Kwh);
        var report = new DemandResponseReport(obligatedKw, days, total,
            DemandResponseCredit.HourlyTypeNtd(total, obligatedKw, terms), DemandResponseCredit.ProgressiveTypeNtd(total, obligatedKw, terms));
        return (plan, report);
    }

    private static decimal Price(Plan plan, int t) => plan.Tariffs[t].EnergyPriceNtdPerKwh;

    /// <summary>End (exclusive) of the run from <paramref name="from"/> whose intervals all have
    /// <paramref name="inside"/>(t) == <paramref name="value"/>.</summary>
    private static int RunEnd(int from, int limit, bool value, Func<int, bool> inside)
    {
        var end = from;
        while (end < limit && inside(end) == value)
        {
            end++;
        }

        return end;
    }

    private static IEnumerable<(int Start, int End)> Days(Plan plan)
    {
        var n = plan.Load.Count;
        var start = 0;
        while (start < n)
        {
            var day = plan.Day(start);
            var end = RunEnd(start, n, true, i => plan.Day(i) == day);
            yield return (start, end);
            start = end;
        }
    }
}
