namespace Tanpan.Engine.Tariffs;

/// <summary>Supply voltage class of a schedule: 低壓 (under 100 kW contract), 高壓, 特高壓.</summary>
public enum VoltageClass
{
    Low,
    High,
    ExtraHigh,
}

/// <summary>How a schedule's periods and contracts combine: 二段式, 三段式 or 批次生產 (which bills like 二段式).</summary>
public enum TariffStructure
{
    TwoStage,
    ThreeStage,
    Batch,
}

/// <summary>Day type of the time bands: Mon–Fri, Saturday, Sunday or 離峰日 (priced like Sunday).</summary>
public enum TariffDayType
{
    Weekday,
    Saturday,
    SundayHoliday,
}

/// <summary>A contract-capacity type (契約種類); <see cref="NonSummer"/> only on two-stage and batch schedules,
/// <see cref="SemiPeak"/> only on three-stage schedules.</summary>
public enum ContractType
{
    Regular,
    SemiPeak,
    NonSummer,
    SaturdaySemiPeak,
    OffPeak,
}

/// <summary>The summer (夏月) of a schedule, inclusive on both ends.</summary>
public sealed record SummerWindow(int StartMonth, int StartDay, int EndMonth, int EndDay)
{
    /// <summary>HV/EHV since 2023-01-01: 5/16–10/15.</summary>
    public static readonly SummerWindow HighVoltage = new(5, 16, 10, 15);

    /// <summary>Low-voltage power and lighting: 6/1–9/30.</summary>
    public static readonly SummerWindow LowVoltage = new(6, 1, 9, 30);

    public bool Contains(DateOnly date)
    {
        var key = (date.Month * 100) + date.Day;
        return key >= (StartMonth * 100) + StartDay && key <= (EndMonth * 100) + EndDay;
    }

    public static SummerWindow For(VoltageClass voltage) => voltage == VoltageClass.Low ? LowVoltage : HighVoltage;
}

/// <summary>One row of <c>taipower_tou.csv</c> as read (labels kept as in the file, value parsed), with its file line.</summary>
public sealed record TariffRow(
    int Line,
    string ScheduleId,
    string Voltage,
    string Stages,
    DateOnly EffectiveFrom,
    string Season,
    string Component,
    string Period,
    decimal Value,
    string Unit,
    string Source,
    string Verification,
    string Notes);

/// <summary>One time band of <c>taipower_tou_periods.csv</c>: minutes of the day, start inclusive, end exclusive
/// (24:00 = 1440).</summary>
public sealed record TariffBand(
    string ScheduleId,
    DateOnly EffectiveFrom,
    TariffSeason Season,
    TariffDayType DayType,
    TouPeriod Period,
    int StartMinute,
    int EndMinute,
    string Source,
    string Verification);

/// <summary>The labels used in the data files (and the public API) for the engine's enums.</summary>
public static class TariffLabels
{
    public const string BasicCharge = "basic_charge";
    public const string EnergyCharge = "energy_charge";
    public const string CustomerCharge = "customer_charge";
    public const string OverContractSurcharge = "over_contract_surcharge";
    public const string DemandResponseCredit = "dr_credit";

    public static string Of(TouPeriod period) => period switch
    {
        TouPeriod.Peak => "peak",
        TouPeriod.SemiPeak => "semi_peak",
        TouPeriod.SaturdaySemiPeak => "saturday_semi_peak",
        _ => "off_peak",
    };

    public static string Of(ContractType contract) => contract switch
    {
        ContractType.Regular => "regular",
        ContractType.SemiPeak => "semi_peak",
        ContractType.NonSummer => "non_summer",
        ContractType.SaturdaySemiPeak => "saturday_semi_peak",
        _ => "off_peak",
    };

    public static string Of(TariffSeason season) => season == TariffSeason.Summer ? "summer" : "non_summer";

    public static string Of(TariffDayType dayType) => dayType switch
    {
        TariffDayType.Weekday => "weekday",
        TariffDayType.Saturday => "saturday",
        _ => "sunday_holiday",
    };

    public static string Of(VoltageClass voltage) => voltage switch
    {
        VoltageClass.Low => "low",
        VoltageClass.High => "high",
        _ => "extra_high",
    };

    public static TouPeriod? Period(string label) => label switch
    {
        "peak" => TouPeriod.Peak,
        "semi_peak" => TouPeriod.SemiPeak,
        "saturday_semi_peak" => TouPeriod.SaturdaySemiPeak,
        "off_peak" => TouPeriod.OffPeak,
        _ => null,
    };

    public static ContractType? Contract(string label) => label switch
    {
        "regular" => ContractType.Regular,
        "semi_peak" => ContractType.SemiPeak,
        "non_summer" => ContractType.NonSummer,
        "saturday_semi_peak" => ContractType.SaturdaySemiPeak,
        "off_peak" => ContractType.OffPeak,
        _ => null,
    };

    public static TariffSeason? Season(string label) => label switch
    {
        "summer" => TariffSeason.Summer,
        "non_summer" => TariffSeason.NonSummer,
        _ => null,
    };

    public static TariffDayType? DayType(string label) => label switch
    {
        "weekday" => TariffDayType.Weekday,
        "saturday" => TariffDayType.Saturday,
        "sunday_holiday" => TariffDayType.SundayHoliday,
        _ => null,
    };

    public static VoltageClass? Voltage(string label) => label switch
    {
        "low" => VoltageClass.Low,
        "high" => VoltageClass.High,
        "extra_high" => VoltageClass.ExtraHigh,
        _ => null,
    };

    public static TariffStructure? Structure(string label) => label switch
    {
        "2" => TariffStructure.TwoStage,
        "3" => TariffStructure.ThreeStage,
        "batch" => TariffStructure.Batch,
        _ => null,
    };

    public static string Of(TariffStructure structure) => structure switch
    {
        TariffStructure.TwoStage => "2",
        TariffStructure.ThreeStage => "3",
        _ => "batch",
    };
}
