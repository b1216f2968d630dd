using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Tariffs;

/// <summary>Bills a load profile on one schedule version (電價表 ch.4/ch.5 五 基本電費, 七 超約用電). Pure and
/// deterministic; every quarter hour is classified, so hourly data is priced correctly across 15:30 band edges.</summary>
public static class TariffBilling
{
    /// <summary>Upper bound of one interval's load (10 GW) so that no charge can overflow.</summary>
    public const decimal MaxLoadKw = 10_000_000m;

    /// <summary>At most three years of quarter hours.</summary>
    public const int MaxIntervals = 3 * 366 * 96;

    private const int SlotMinutes = 15;
    private const int SlotsPerDay = 96;
    private const int MaxReportedLoadErrors = 20;

    /// <summary>Input errors; paths <c>intervalMinutes</c>, <c>localStart</c>, <c>loadKw[i]</c>, <c>contract.regularKw</c>, ….</summary>
    public static IReadOnlyList<FieldError> Validate(TariffSchedule schedule, ContractCapacity contract, int intervalMinutes, DateTime localStart, IReadOnlyList<decimal> loadKw)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var errors = contract.Check(schedule.Voltage).Errors.Select(e => e with { Path = "contract." + e.Path }).ToList();
        if (intervalMinutes is not (15 or 60))
        {
            errors.Add(new("intervalMinutes", "must be 15 or 60", "billing.interval"));
        }

        if (localStart.Minute % SlotMinutes != 0 || localStart.Second != 0 || localStart.Millisecond != 0 || localStart.Microsecond != 0)
        {
            errors.Add(new("localStart", "must start on a quarter hour (mm = 00, 15, 30 or 45, no seconds)", "billing.start"));
        }

        if (loadKw.Count == 0 || loadKw.Count > MaxIntervals)
        {
            errors.Add(new("loadKw", $"must have from 1 to {MaxIntervals} values (kW, one per interval)", "billing.count"));
        }
        else if (intervalMinutes is 15 or 60)
        {
            var end = localStart.AddMinutes((double)loadKw.Count * intervalMinutes);
            if (localStart.Year < TaipowerCalendar.FirstYear || end > new DateTime(TaipowerCalendar.LastYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified))
            {
                errors.Add(new("localStart", $"the profile must lie within {TaipowerCalendar.FirstYear}–{TaipowerCalendar.LastYear}", "billing.range"));
            }
        }

        var reported = 0;
        for (var i = 0; i < loadKw.Count && reported < MaxReportedLoadErrors; i++)
        {
            if (loadKw[i] is < 0 or > MaxLoadKw)
            {
                errors.Add(new($"loadKw[{i}]", $"must be from 0 to {MaxLoadKw.ToString("0", CultureInfo.InvariantCulture)} kW (export is not billed)", "billing.load"));
                reported++;
            }
        }

        return errors;
    }

    public static Outcome<BillResult> TryBill(TariffSchedule schedule, ContractCapacity contract, int intervalMinutes, DateTime localStart, IReadOnlyList<decimal> loadKw, IReadOnlySet<DateOnly>? extraOffPeakDays = null, IReadOnlySet<DateOnly>? designatedPeakDays = null)
    {
        var errors = Validate(schedule, contract, intervalMinutes, localStart, loadKw);
        return errors.Count > 0
            ? Outcome<BillResult>.Failure(errors)
            : Outcome<BillResult>.Success(Compute(schedule, contract, intervalMinutes, localStart, loadKw, extraOffPeakDays, designatedPeakDays));
    }

    /// <summary>The bill; throws <see cref="ArgumentException"/> on input that <see cref="Validate"/> rejects.</summary>
    public static BillResult Bill(TariffSchedule schedule, ContractCapacity contract, int intervalMinutes, DateTime localStart, IReadOnlyList<decimal> loadKw, IReadOnlySet<DateOnly>? extraOffPeakDays = null, IReadOnlySet<DateOnly>? designatedPeakDays = null)
    {
        var outcome = TryBill(schedule, contract, intervalMinutes, localStart, loadKw, extraOffPeakDays, designatedPeakDays);
        return outcome.Succeeded
            ? outcome.Value
            : throw new ArgumentException(string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Message}")), nameof(loadKw));
    }

    /// <summary>Basic charge for a whole month of one season (五 combined-contract formula), before proration.</summary>
    public static decimal MonthlyBasicCharge(TariffSchedule schedule, ContractCapacity contract, TariffSeason season)
    {
        var second = schedule.Structure == TariffStructure.ThreeStage ? ContractType.SemiPeak : ContractType.NonSummer;
        var chargedSaturdayOffPeak = Math.Max(0m, contract.SaturdaySemiPeakKw + contract.OffPeakKw - contract.FreeSaturdayOffPeakAllowanceKw);
        return (schedule.BasicPrice(season, ContractType.Regular) * contract.RegularKw)
            + (schedule.BasicPrice(season, second) * contract.SemiPeakOrNonSummerKw)
            + (schedule.BasicPrice(season, ContractType.SaturdaySemiPeak) * chargedSaturdayOffPeak);
    }

    private static BillResult Compute(TariffSchedule schedule, ContractCapacity contract, int intervalMinutes, DateTime localStart, IReadOnlyList<decimal> loadKw, IReadOnlySet<DateOnly>? extraOffPeakDays, IReadOnlySet<DateOnly>? designatedPeakDays)
    {
        var months = new SortedDictionary<(int Year, int Month), MonthAccumulator>();
        var slotsPerInterval = intervalMinutes / SlotMinutes;
        for (var i = 0; i < loadKw.Count; i++)
        {
            var kw = loadKw[i];
            for (var j = 0; j < slotsPerInterval; j++)
            {
                var at = localStart.AddMinutes(((long)i * intervalMinutes) + (j * SlotMinutes));
                var tariff = schedule.Classify(at, extraOffPeakDays, designatedPeakDays);
                var key = (at.Year, at.Month);
                if (!months.TryGetValue(key, out var month))
                {
                    month = new MonthAccumulator();
                    months[key] = month;
                }

                month.Add(tariff, kw);
            }
        }

        var notes = new List<BillNote>();
        if (intervalMinutes == 60)
        {
            notes.Add(new("demand.hourly", "Hourly data: the maximum demand of a period is the highest hourly average kW; Taipower measures 15-minute averages, which can be higher."));
        }

        notes.AddRange(contract.Check(schedule.Voltage).Warnings.Select(w => new BillNote(w.Code, w.Message)));
        if (contract.SaturdayOrOffPeakOnly)
        {
            notes.Add(new("contract.saturday-offpeak-only", "Only Saturday/off-peak contracts: use outside those periods is billed here at normal prices; the 4.8× basic and 1.6× energy rule (八(六)) is not applied."));
        }

        if (schedule.VariablePeak && designatedPeakDays is null)
        {
            notes.Add(new("variable.no-designated-days", "Variable-peak schedule without designated days: no 16:00–22:00 peak was priced."));
        }

        if (DateOnly.FromDateTime(localStart) < schedule.EffectiveFrom)
        {
            notes.Add(new("version.before-effective", $"The profile starts before this version took effect ({schedule.EffectiveFrom:yyyy-MM-dd}); its prices are applied throughout."));
        }

        var bills = months.Select(m => BillMonth(schedule, contract, m.Key.Year, m.Key.Month, m.Value)).ToList();
        if (bills.Any(b => b.OverContractSurchargeNtd > 0))
        {
            notes.Add(new("surcharge.tiers", "Over-contract kW are billed per period after removing the kW already billed in an earlier period; the ×2 tier covers excess up to 10 % of the period's cumulative contract (the table does not say which contract the 10 % refers to)."));
        }

        notes.Add(new("power-factor.not-applied", "No power-factor adjustment (±0.1 % per 1 % from 80 %) is included."));
        return new BillResult(schedule.Id, schedule.EffectiveFrom, intervalMinutes, bills, notes);
    }

    private static MonthlyBill BillMonth(TariffSchedule schedule, ContractCapacity contract, int year, int month, MonthAccumulator acc)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        var monthSlots = (decimal)(daysInMonth * SlotsPerDay);
        var covered = acc.Slots[0] + acc.Slots[1];
        var notes = new List<BillNote>();
        var basic = 0m;
        var surcharge = new decimal[4];
        var excess = new decimal[4];
        foreach (var season in new[] { TariffSeason.Summer, TariffSeason.NonSummer })
        {
            var n = acc.Slots[(int)season];
            if (n == 0)
            {
                continue;
            }

            basic += MonthlyBasicCharge(schedule, contract, season) * n / monthSlots;
            var weight = (decimal)n / covered;
            foreach (var (period, kw, ntd) in Surcharge(schedule, contract, season, acc.MaxDemand[(int)season]))
            {
                excess[(int)period] += weight * kw;
                surcharge[(int)period] += weight * ntd;
            }
        }

        var customer = schedule.CustomerChargeNtdPerMonth * covered / monthSlots;
        if (acc.Slots[0] > 0 && acc.Slots[1] > 0)
        {
            notes.Add(new("basic.season-split", "The month spans summer and non-summer: basic charge and over-contract surcharge are prorated by the days in each season (the tariff does not say how such a month is split)."));
        }

        if (covered < monthSlots)
        {
            notes.Add(new("basic.partial-month", $"The profile covers {(covered / SlotsPerDay).ToString("0.##", CultureInfo.InvariantCulture)} of {daysInMonth} days: basic and per-customer charges are prorated by the time covered."));
        }

        if (acc.Kwh.Sum() == 0 && acc.MaxDemand.All(s => s.All(d => d is null or 0)))
        {
            basic *= 0.5m;
            customer *= 0.5m;
            notes.Add(new("basic.no-use", "No use in the month: basic charge at 50 % (五(五))."));
        }

        var periods = new List<PeriodBill>();
        foreach (var period in Enum.GetValues<TouPeriod>())
        {
            var p = (int)period;
            var demand = Math.Max(acc.MaxDemand[0][p] ?? 0m, acc.MaxDemand[1][p] ?? 0m);
            if (acc.Kwh[p] > 0 || acc.Seen[p])
            {
                periods.Add(new PeriodBill(period, acc.Kwh[p], acc.Energy[p], demand, excess[p], surcharge[p]));
            }
        }

        return new MonthlyBill(year, month, daysInMonth, covered / (decimal)SlotsPerDay, acc.Slots[0] / (decimal)SlotsPerDay, periods,
            acc.Kwh.Sum(), acc.Energy.Sum(), basic, customer, surcharge.Sum(), notes);
    }

    /// <summary>七(二): excess over the period's cumulative contract, less the largest excess of earlier periods, at
    /// the period's basic price; the slice up to 10 % of that contract at the lower multiplier.</summary>
    private static IEnumerable<(TouPeriod Period, decimal Kw, decimal Ntd)> Surcharge(TariffSchedule schedule, ContractCapacity c, TariffSeason season, decimal?[] demand)
    {
        var threeStage = schedule.Structure == TariffStructure.ThreeStage;
        var second = c.SemiPeakOrNonSummerKw;
        var order = threeStage
            ? new[] { TouPeriod.Peak, TouPeriod.SemiPeak, TouPeriod.SaturdaySemiPeak, TouPeriod.OffPeak }
            : [TouPeriod.Peak, TouPeriod.SaturdaySemiPeak, TouPeriod.OffPeak];
        var deducted = 0m;
        foreach (var period in order)
        {
            var threshold = period switch
            {
                TouPeriod.Peak => threeStage || season == TariffSeason.Summer ? c.RegularKw : c.RegularKw + second,
                TouPeriod.SemiPeak => c.RegularKw + second,
                TouPeriod.SaturdaySemiPeak => c.RegularKw + second + c.SaturdaySemiPeakKw,
                _ => c.TotalKw,
            };
            var raw = Math.Max(0m, (demand[(int)period] ?? 0m) - threshold);
            var billed = Math.Max(0m, raw - deducted);
            var lowTier = Math.Max(0m, Math.Min(raw, 0.1m * threshold) - deducted);
            var contractType = period switch
            {
                TouPeriod.Peak => ContractType.Regular,
                TouPeriod.SemiPeak => ContractType.SemiPeak,
                TouPeriod.SaturdaySemiPeak => ContractType.SaturdaySemiPeak,
                _ => ContractType.OffPeak,
            };
            var price = schedule.BasicPrice(season, contractType);
            yield return (period, billed, price * ((lowTier * schedule.SurchargeWithinTenPercent) + ((billed - lowTier) * schedule.SurchargeAboveTenPercent)));
            deducted = Math.Max(deducted, raw);
        }
    }

    private sealed class MonthAccumulator
    {
        public int[] Slots { get; } = new int[2];

        public decimal[] Kwh { get; } = new decimal[4];

        public decimal[] Energy { get; } = new decimal[4];

        public bool[] Seen { get; } = new bool[4];

        public decimal?[][] MaxDemand { get; } = [new decimal?[4], new decimal?[4]];

        public void Add(IntervalTariff tariff, decimal kw)
        {
            var p = (int)tariff.Period;
            var s = (int)tariff.Season;
            var kwh = kw / 4m;
            Slots[s]++;
            Seen[p] = true;
            Kwh[p] += kwh;
            Energy[p] += kwh * tariff.EnergyPriceNtdPerKwh;
            if (MaxDemand[s][p] is not { } max || kw > max)
            {
                MaxDemand[s][p] = kw;
            }
        }
    }
}
