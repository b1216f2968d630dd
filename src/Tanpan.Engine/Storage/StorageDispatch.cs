using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Storage;

/// <summary>Runs a battery against a load profile, interval by interval. Rules that hold for every strategy:
/// grid = load − discharge + charge ≥ 0 (no export: discharge ≤ load); never charge and discharge in the same
/// interval; stored energy stays in [<see cref="Battery.MinSocKwh"/>, <see cref="Battery.MaxSocKwh"/>]; and
/// Σ charge·h·√η − Σ discharge·h/√η = ΔSOC exactly as the series are computed. The SOC window is fixed for the run
/// (degradation is reported as the SOH at the end, and applied year by year in <see cref="StorageEconomics"/>).</summary>
public static partial class StorageDispatch
{
    /// <summary>Resolution of the lowest feasible peak-shaving target.</summary>
    public const decimal TargetResolutionKw = 0.01m;

    // Grid values within this of the target count as meeting it (decimal rounding of √η divisions is ~1e-27).
    private const decimal MetToleranceKw = 1e-9m;

    public static Outcome<StorageDispatchResult> Run(StorageDispatchInput input)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return Outcome<StorageDispatchResult>.Failure(errors);
        }

        var peakBefore = input.LoadKw.Max();
        var cap = input.TargetKw ?? peakBefore;
        PeakShavingReport? shaving = null;
        DemandResponseReport? response = null;
        Plan plan;
        switch (input.Strategy)
        {
            case StorageStrategy.PeakShaving:
                var target = input.TargetKw!.Value;
                plan = PeakShave(input, target);
                shaving = ShavingReport(input, plan, target, peakBefore);
                break;
            case StorageStrategy.Arbitrage:
                plan = Arbitrage(input, cap);
                break;
            default:
                var terms = input.DemandResponse ?? DemandResponseTerms.Announced2023;
                (plan, response) = DemandResponse(input, cap, terms);
                break;
        }

        return Outcome<StorageDispatchResult>.Success(Assemble(input, plan, peakBefore, shaving, response));
    }

    private static List<FieldError> Validate(StorageDispatchInput input)
    {
        var errors = new List<FieldError>();
        if (input.IntervalMinutes is not (15 or 60))
        {
            errors.Add(new("interval", "must be 15 or 60 (minutes)", "storage.interval"));
        }

        if (input.LoadKw.Count == 0)
        {
            errors.Add(new("loadKw", "must hold at least one interval (kW)", "storage.emptyLoad"));
        }

        for (var i = 0; i < input.LoadKw.Count; i++)
        {
            if (input.LoadKw[i] < 0)
            {
                errors.Add(new($"loadKw[{i}]", "must be zero or greater (kW)", "storage.nonNegative"));
            }
        }

        if (input.Tariffs.Count != input.LoadKw.Count)
        {
            errors.Add(new("tariff", $"needs one tariff interval per load interval ({input.LoadKw.Count})", "storage.tariffLength",
                ErrorArgs.Of("count", input.LoadKw.Count.ToString(CultureInfo.InvariantCulture))));
        }

        if (input.Strategy == StorageStrategy.PeakShaving && input.TargetKw is null)
        {
            errors.Add(new("strategy.targetKw", "is required for peak shaving (kW)", "storage.targetRequired"));
        }

        if (input.TargetKw < 0)
        {
            errors.Add(new("strategy.targetKw", "must be zero or greater (kW)", "storage.nonNegative"));
        }

        var battery = input.Battery;
        if (input.InitialSocKwh is { } soc && (soc < battery.MinSocKwh || soc > battery.MaxSocKwh))
        {
            errors.Add(new("initialSocKwh", $"must lie in the battery's window {battery.MinSocKwh}–{battery.MaxSocKwh} kWh", "storage.socWindow",
                ErrorArgs.Of("min", battery.MinSocKwh.ToString(CultureInfo.InvariantCulture), "max", battery.MaxSocKwh.ToString(CultureInfo.InvariantCulture))));
        }

        if (input.Strategy == StorageStrategy.DemandResponse && input.DemandResponse is { } terms)
        {
            errors.AddRange(DemandResponseCredit.Validate(terms, "demandResponse"));
        }

        return errors;
    }

    private static PeakShavingReport ShavingReport(StorageDispatchInput input, Plan plan, decimal target, decimal peakBefore)
    {
        var hours = input.IntervalMinutes / 60m;
        var above = 0;
        var kwhAbove = 0m;
        for (var t = 0; t < plan.Load.Count; t++)
        {
            var grid = plan.Grid(t);
            if (grid > target + MetToleranceKw)
            {
                above++;
                kwhAbove += (grid - target) * hours;
            }
        }

        return new(target, above == 0, above, kwhAbove, MinFeasibleTarget(input, peakBefore));
    }

    /// <summary>Binary search over targets on the <see cref="TargetResolutionKw"/> grid with the same dispatch: a higher
    /// target needs less energy and leaves more room to recharge, so feasibility is monotone.</summary>
    private static decimal MinFeasibleTarget(StorageDispatchInput input, decimal peakBefore)
    {
        var lowest = Math.Max(0, peakBefore - input.Battery.PowerKw);
        var lo = (long)Math.Ceiling(lowest / TargetResolutionKw);
        var hi = (long)Math.Ceiling(peakBefore / TargetResolutionKw);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Meets(PeakShave(input, mid * TargetResolutionKw), mid * TargetResolutionKw))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return hi * TargetResolutionKw;
    }

    private static bool Meets(Plan plan, decimal target)
    {
        for (var t = 0; t < plan.Load.Count; t++)
        {
            if (plan.Grid(t) > target + MetToleranceKw)
            {
                return false;
            }
        }

        return true;
    }

    private static StorageDispatchResult Assemble(StorageDispatchInput input, Plan plan, decimal peakBefore, PeakShavingReport? shaving, DemandResponseReport? response)
    {
        var n = plan.Load.Count;
        var hours = plan.Hours;
        var grid = new decimal[n];
        var socs = new decimal[n];
        var soc = plan.InitialSoc;
        decimal charged = 0, discharged = 0, drawnFromCells = 0;
        for (var t = 0; t < n; t++)
        {
            grid[t] = plan.Grid(t);
            var intoCells = plan.Charge[t] * hours * plan.OneWay;
            var outOfCells = plan.Discharge[t] * hours / plan.OneWay;
            soc += intoCells - outOfCells;
            socs[t] = soc;
            charged += plan.Charge[t] * hours;
            discharged += plan.Discharge[t] * hours;
            drawnFromCells += outOfCells;
        }

        var battery = input.Battery;
        var cycles = drawnFromCells / battery.UsableEnergyKwh;
        var years = n * hours / 8760m;
        var totals = new DispatchTotals(charged, discharged, charged - discharged - (soc - plan.InitialSoc), cycles, response?.TotalKwh ?? 0);
        var sohEnd = battery.Degradation is null ? (decimal?)null : battery.StateOfHealthAfter(cycles, years);
        return new(input.IntervalMinutes, input.Start, input.Strategy, grid, plan.Charge, plan.Discharge, socs, plan.InitialSoc,
            totals, peakBefore, grid.Max(), sohEnd, shaving, response);
    }

    /// <summary>A dispatch being planned: the charge and discharge series and the running stored energy. Strategies
    /// fill a run of intervals without discharges (stored energy only rises) or drain one without charges (it only
    /// falls), so the window holds throughout each run when it holds at both ends.</summary>
    private sealed class Plan
    {
        public Plan(StorageDispatchInput input)
        {
            Load = input.LoadKw;
            Tariffs = input.Tariffs;
            Hours = input.IntervalMinutes / 60m;
            OneWay = input.Battery.OneWayEfficiency;
            PowerKw = input.Battery.PowerKw;
            MinSoc = input.Battery.MinSocKwh;
            MaxSoc = input.Battery.MaxSocKwh;
            InitialSoc = input.InitialSocKwh ?? MaxSoc;
            Soc = InitialSoc;
            Charge = new decimal[Load.Count];
            Discharge = new decimal[Load.Count];
            Start = input.Start;
            IntervalMinutes = input.IntervalMinutes;
        }

        public IReadOnlyList<decimal> Load { get; }

        public IReadOnlyList<IntervalTariff> Tariffs { get; }

        public decimal Hours { get; }

        public decimal OneWay { get; }

        public decimal PowerKw { get; }

        public decimal MinSoc { get; }

        public decimal MaxSoc { get; }

        public decimal InitialSoc { get; }

        public decimal Soc { get; private set; }

        public decimal[] Charge { get; }

        public decimal[] Discharge { get; }

        private DateTime Start { get; }

        private int IntervalMinutes { get; }

        public decimal Grid(int t) => Load[t] - Discharge[t] + Charge[t];

        public DateTime LocalTime(int t) => Start.AddMinutes((double)t * IntervalMinutes);

        public DateOnly Day(int t) => DateOnly.FromDateTime(LocalTime(t));

        /// <summary>Charges the intervals in the given order, each as far as power and the grid ceiling allow, until the
        /// stored energy reaches <paramref name="upToSoc"/>.</summary>
        public void Fill(IEnumerable<int> order, decimal ceilingKw, decimal upToSoc)
        {
            foreach (var t in order)
            {
                var room = Math.Min(upToSoc, MaxSoc) - Soc;
                if (room <= 0)
                {
                    return;
                }

                var kw = Math.Min(PowerKw, ceilingKw - Load[t]);
                if (kw <= 0 || Discharge[t] > 0)
                {
                    continue;
                }

                var intoCells = kw * Hours * OneWay;
                if (intoCells > room)
                {
                    kw = room / (Hours * OneWay);
                    intoCells = kw * Hours * OneWay;
                }

                Charge[t] += kw;
                Soc += intoCells;
            }
        }

        /// <summary>Discharges up to <paramref name="wantKw"/> in interval t, within power, load (no export) and stored energy.</summary>
        public decimal Drain(int t, decimal wantKw)
        {
            var kw = Math.Min(Math.Min(wantKw, PowerKw), Load[t]);
            kw = Math.Min(kw, (Soc - MinSoc) * OneWay / Hours);
            if (kw <= 0 || Charge[t] > 0)
            {
                return 0;
            }

            Discharge[t] = kw;
            Soc -= kw * Hours / OneWay;
            return kw;
        }

        /// <summary>Intervals [from, to) passing the filter, cheapest first (price, then period, then time).</summary>
        public IEnumerable<int> Cheapest(int from, int to, Func<int, bool> allowed) =>
            Enumerable.Range(from, to - from).Where(allowed)
                .OrderBy(t => Tariffs[t].EnergyPriceNtdPerKwh).ThenBy(t => PeriodRank(Tariffs[t].Period)).ThenBy(t => t);

        private static int PeriodRank(TouPeriod period) => period switch
        {
            TouPeriod.OffPeak => 0,
            TouPeriod.SaturdaySemiPeak => 1,
            TouPeriod.SemiPeak => 2,
            _ => 3,
        };
    }
}
