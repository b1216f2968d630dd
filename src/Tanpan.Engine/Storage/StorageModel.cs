using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Storage;

/// <summary>How the battery is run (DESIGN §5 <c>strategy.type</c>).</summary>
public enum StorageStrategy
{
    /// <summary>削峰: keep the grid draw at or below a target.</summary>
    PeakShaving,

    /// <summary>時間電價套利: charge in the day's cheapest intervals, discharge in its dearest when that beats the losses.</summary>
    Arbitrage,

    /// <summary>義務儲能需量反應: discharge in the 18:00–20:00 weekday window, once a day, charge off-peak.</summary>
    DemandResponse,
}

/// <summary>One band of the 累進回饋型 credit: from <paramref name="FromHours"/> (exclusive) on, each kWh earns
/// <paramref name="NtdPerKwh"/>; "hours" = cumulative kWh discharged in the window ÷ obligated kW.</summary>
public sealed record ProgressiveCreditBand(decimal FromHours, decimal NtdPerKwh);

/// <summary>Terms of the obligated-storage demand-response measure (義務儲能設備參與需量反應措施). The defaults in
/// <see cref="Announced2023"/> are MOEA's 2023-01-17/18 announcement as summarised in shared/data/tariffs/README.md
/// (secondary source; the formal terms of 再生能源義務用戶儲能調整用電措施 were not found), so callers may override them.</summary>
/// <param name="ObligatedKw">Obligated capacity (義務裝置容量); null = min(power, deliverable energy ÷ <paramref name="WindowHours"/>).</param>
/// <param name="WindowHours">Continuous discharge the measure asks for (2 h, storage = obligation × 2 h).</param>
/// <param name="HourlyTypeObligatedHours">義務時數型: hours owed before any credit (400).</param>
/// <param name="HourlyTypeNtdPerKwh">義務時數型: credit per kWh beyond obligated kW × obligated hours (NT$10).</param>
/// <param name="ProgressiveBands">累進回饋型 bands, ascending (NT$1 to 150 h, 2 for 151–400 h, 5 from 401 h).</param>
public sealed record DemandResponseTerms(
    decimal? ObligatedKw,
    decimal WindowHours,
    decimal HourlyTypeObligatedHours,
    decimal HourlyTypeNtdPerKwh,
    IReadOnlyList<ProgressiveCreditBand> ProgressiveBands)
{
    public static DemandResponseTerms Announced2023 { get; } = new(null, 2m, 400m, 10m, [new(0m, 1m), new(150m, 2m), new(400m, 5m)]);
}

/// <summary>Input of <see cref="StorageDispatch.Run"/>. Arrays are per interval, in time order.</summary>
/// <param name="IntervalMinutes">15 or 60.</param>
/// <param name="Start">Local (Asia/Taipei) start of the first interval; used for days and weekdays.</param>
/// <param name="LoadKw">Site load, average kW per interval, ≥ 0.</param>
/// <param name="Tariffs">Period and price of each interval (same length as <paramref name="LoadKw"/>).</param>
/// <param name="Battery">The battery.</param>
/// <param name="Strategy">How to run it.</param>
/// <param name="TargetKw">Peak shaving: the grid target (required). Arbitrage and demand response: the ceiling that
/// charging must not push the grid above; null = the highest load of the series, so charging never raises the peak.</param>
/// <param name="InitialSocKwh">Stored energy at the start; null = full (<see cref="Battery.MaxSocKwh"/>).</param>
/// <param name="DemandResponse">Demand-response terms; null = <see cref="DemandResponseTerms.Announced2023"/>.</param>
public sealed record StorageDispatchInput(
    int IntervalMinutes,
    DateTime Start,
    IReadOnlyList<decimal> LoadKw,
    IReadOnlyList<IntervalTariff> Tariffs,
    Battery Battery,
    StorageStrategy Strategy,
    decimal? TargetKw = null,
    decimal? InitialSocKwh = null,
    DemandResponseTerms? DemandResponse = null);

/// <summary>Energy totals of a dispatch. Charged and discharged are grid-side kWh; losses = charged − discharged −
/// ΔSOC; equivalent full cycles = energy drawn from the cells ÷ usable energy.</summary>
public sealed record DispatchTotals(decimal ChargedKwh, decimal DischargedKwh, decimal LossesKwh, decimal EquivalentFullCycles, decimal DemandResponseKwh);

/// <summary>How peak shaving went: whether every interval stayed at or under the target, how many did not and by how
/// many kWh, and the lowest target the same dispatch can hold (on a 0.01 kW grid).</summary>
public sealed record PeakShavingReport(decimal TargetKw, bool TargetMet, int IntervalsAboveTarget, decimal KwhAboveTarget, decimal MinFeasibleTargetKw);

/// <summary>Demand-response energy of one local day (grid-side kWh delivered in the window).</summary>
public sealed record DemandResponseDay(DateOnly Date, decimal Kwh);

/// <summary>Demand-response outcome for the run: kWh per day and the credit under each option for the whole run
/// (the measure counts a year; annualise before comparing when the run is shorter).</summary>
public sealed record DemandResponseReport(
    decimal ObligatedKw,
    IReadOnlyList<DemandResponseDay> Days,
    decimal TotalKwh,
    decimal HourlyTypeCreditNtd,
    decimal ProgressiveTypeCreditNtd);

/// <summary>Result of a dispatch. <see cref="SocKwh"/>[t] is the stored energy at the end of interval t.</summary>
public sealed record StorageDispatchResult(
    int IntervalMinutes,
    DateTime Start,
    StorageStrategy Strategy,
    IReadOnlyList<decimal> GridKw,
    IReadOnlyList<decimal> ChargeKw,
    IReadOnlyList<decimal> DischargeKw,
    IReadOnlyList<decimal> SocKwh,
    decimal InitialSocKwh,
    DispatchTotals Totals,
    decimal PeakBeforeKw,
    decimal PeakAfterKw,
    decimal? StateOfHealthEnd,
    PeakShavingReport? PeakShaving,
    DemandResponseReport? DemandResponse);
