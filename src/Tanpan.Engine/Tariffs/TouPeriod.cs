namespace Tanpan.Engine.Tariffs;

/// <summary>A Taipower time-of-use energy period (電價表 ch.4–5). Two-stage schedules use <see cref="Peak"/>,
/// <see cref="SaturdaySemiPeak"/> and <see cref="OffPeak"/>; three-stage schedules all four.</summary>
public enum TouPeriod
{
    /// <summary>尖峰時間.</summary>
    Peak,

    /// <summary>半尖峰時間 (weekdays, three-stage).</summary>
    SemiPeak,

    /// <summary>週六半尖峰時間.</summary>
    SaturdaySemiPeak,

    /// <summary>離峰時間 (also all of Sundays and 離峰日).</summary>
    OffPeak,
}

/// <summary>夏月 or 非夏月; the summer dates depend on the schedule (HV/EHV 5/16–10/15, low voltage 6/1–9/30).</summary>
public enum TariffSeason
{
    Summer,
    NonSummer,
}

/// <summary>What one load interval is billed at: its season, period and energy price (NT$/kWh, tax included), and
/// whether it lies in the obligated-storage demand-response window (weekdays 18:00–20:00, not 離峰日).</summary>
public readonly record struct IntervalTariff(TariffSeason Season, TouPeriod Period, decimal EnergyPriceNtdPerKwh, bool DemandResponseWindow);
