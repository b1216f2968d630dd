namespace Tanpan.Engine.Tariffs;

/// <summary>A statement on how a bill was computed (an assumption or a rule the data could not apply), with a code
/// for the caller's language.</summary>
public sealed record BillNote(string Code, string Message);

/// <summary>One energy period of a month: energy, its charge, the month's maximum demand in the period
/// (15-minute average kW) and the over-contract kW and surcharge billed for it (after non-double-counting).</summary>
public sealed record PeriodBill(TouPeriod Period, decimal Kwh, decimal EnergyChargeNtd, decimal MaxDemandKw, decimal ExcessKw, decimal SurchargeNtd);

/// <summary>One calendar month touched by the load profile. <see cref="CoveredDays"/> counts the days (in
/// quarter hours) the profile covers; charges per month are prorated by it when the month is partial.</summary>
public sealed record MonthlyBill(
    int Year,
    int Month,
    int DaysInMonth,
    decimal CoveredDays,
    decimal SummerDays,
    IReadOnlyList<PeriodBill> Periods,
    decimal Kwh,
    decimal EnergyChargeNtd,
    decimal BasicChargeNtd,
    decimal CustomerChargeNtd,
    decimal OverContractSurchargeNtd,
    IReadOnlyList<BillNote> Notes)
{
    public decimal TotalNtd => EnergyChargeNtd + BasicChargeNtd + CustomerChargeNtd + OverContractSurchargeNtd;
}

/// <summary>A bill over a load profile: one <see cref="MonthlyBill"/> per calendar month and the totals. Money is
/// NT$ including 5 % business tax, at full precision (round only for display); power factor not applied.</summary>
public sealed record BillResult(
    string ScheduleId,
    DateOnly EffectiveFrom,
    int IntervalMinutes,
    IReadOnlyList<MonthlyBill> Months,
    IReadOnlyList<BillNote> Notes)
{
    public decimal Kwh => Months.Sum(m => m.Kwh);

    public decimal EnergyChargeNtd => Months.Sum(m => m.EnergyChargeNtd);

    public decimal BasicChargeNtd => Months.Sum(m => m.BasicChargeNtd);

    public decimal CustomerChargeNtd => Months.Sum(m => m.CustomerChargeNtd);

    public decimal OverContractSurchargeNtd => Months.Sum(m => m.OverContractSurchargeNtd);

    public decimal TotalNtd => Months.Sum(m => m.TotalNtd);
}
