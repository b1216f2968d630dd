namespace Tanpan.Engine.Tariffs;

/// <summary>One version of a Taipower schedule: the prices in force from <see cref="EffectiveFrom"/> with the time
/// bands in force on that date. Immutable; built by <see cref="TariffLibrary"/>.</summary>
public sealed class TariffSchedule
{
    public const int DemandResponseStartMinute = 18 * 60;
    public const int DemandResponseEndMinute = 20 * 60;

    private const int VariablePeakStartMinute = 16 * 60;
    private const int VariablePeakEndMinute = 22 * 60;

    private readonly Dictionary<(TariffSeason, ContractType), decimal> _basic;
    private readonly Dictionary<(TariffSeason, TouPeriod), decimal> _energy;
    private readonly Dictionary<(TariffSeason, TariffDayType), TariffBand[]> _bands;

    internal TariffSchedule(
        string id,
        VoltageClass voltage,
        TariffStructure structure,
        DateOnly effectiveFrom,
        bool operatorAdded,
        IReadOnlyList<TariffRow> rows,
        IReadOnlyList<TariffBand> bands)
    {
        Id = id;
        Voltage = voltage;
        Structure = structure;
        EffectiveFrom = effectiveFrom;
        OperatorAdded = operatorAdded;
        Rows = rows;
        Bands = bands;
        Summer = SummerWindow.For(voltage);
        BandsEffectiveFrom = bands.Count == 0 ? effectiveFrom : bands[0].EffectiveFrom;
        _basic = [];
        _energy = [];
        var multipliers = new List<decimal>();
        foreach (var row in rows)
        {
            switch (row.Component)
            {
                case TariffLabels.BasicCharge:
                    _basic[(TariffLabels.Season(row.Season)!.Value, TariffLabels.Contract(row.Period)!.Value)] = row.Value;
                    break;
                case TariffLabels.EnergyCharge:
                    _energy[(TariffLabels.Season(row.Season)!.Value, TariffLabels.Period(row.Period)!.Value)] = row.Value;
                    break;
                case TariffLabels.CustomerCharge:
                    CustomerChargeNtdPerMonth = row.Value;
                    break;
                case TariffLabels.OverContractSurcharge:
                    multipliers.Add(row.Value);
                    break;
            }
        }

        // 七(二)2: ×2 up to 10 % of the contract, ×3 above; rows carry both (smaller = the first tier). A version
        // without the rows (e.g. EHV 2024-04-01) keeps the rule of the table.
        multipliers.Sort();
        SurchargeWithinTenPercent = multipliers.Count == 2 ? multipliers[0] : 2m;
        SurchargeAboveTenPercent = multipliers.Count == 2 ? multipliers[1] : 3m;
        _bands = bands.GroupBy(b => (b.Season, b.DayType)).ToDictionary(g => g.Key, g => g.OrderBy(b => b.StartMinute).ToArray());
    }

    public string Id { get; }

    public VoltageClass Voltage { get; }

    public TariffStructure Structure { get; }

    /// <summary>First day the prices of this version apply.</summary>
    public DateOnly EffectiveFrom { get; }

    /// <summary>First day of the time bands used with these prices.</summary>
    public DateOnly BandsEffectiveFrom { get; }

    /// <summary>True when the version was added by an operator rather than shipped with the application.</summary>
    public bool OperatorAdded { get; }

    /// <summary>尖峰時間可變動: designated summer days have a 16:00–22:00 peak.</summary>
    public bool VariablePeak => Id.EndsWith("-variable", StringComparison.Ordinal);

    public SummerWindow Summer { get; }

    /// <summary>按戶計收 per month (low voltage); 0 when the schedule has none.</summary>
    public decimal CustomerChargeNtdPerMonth { get; }

    public decimal SurchargeWithinTenPercent { get; }

    public decimal SurchargeAboveTenPercent { get; }

    /// <summary>The price rows of this version with their source and verification.</summary>
    public IReadOnlyList<TariffRow> Rows { get; }

    public IReadOnlyList<TariffBand> Bands { get; }

    /// <summary>The contract types this schedule bills.</summary>
    public IReadOnlyList<ContractType> ContractTypes => Structure == TariffStructure.ThreeStage
        ? [ContractType.Regular, ContractType.SemiPeak, ContractType.SaturdaySemiPeak, ContractType.OffPeak]
        : [ContractType.Regular, ContractType.NonSummer, ContractType.SaturdaySemiPeak, ContractType.OffPeak];

    /// <summary>Basic charge NT$/kW/month of a contract type in a season; 0 when not charged (e.g. 非夏月契約 in summer).</summary>
    public decimal BasicPrice(TariffSeason season, ContractType contract) =>
        _basic.TryGetValue((season, contract), out var price) ? price : 0m;

    /// <summary>Energy charge NT$/kWh; 0 when the period does not occur in that season.</summary>
    public decimal EnergyPrice(TariffSeason season, TouPeriod period) =>
        _energy.TryGetValue((season, period), out var price) ? price : 0m;

    public TariffSeason SeasonOf(DateOnly date) => TaipowerCalendar.Season(date, Summer);

    /// <summary>What the interval starting at <paramref name="localTaipeiStart"/> (Asia/Taipei wall clock; the
    /// kind is ignored) is billed at. <paramref name="designatedPeakDays"/> are the days Taipower designated for a
    /// variable-peak schedule.</summary>
    public IntervalTariff Classify(DateTime localTaipeiStart, IReadOnlySet<DateOnly>? extraOffPeakDays = null, IReadOnlySet<DateOnly>? designatedPeakDays = null)
    {
        var date = DateOnly.FromDateTime(localTaipeiStart);
        var minute = (localTaipeiStart.Hour * 60) + localTaipeiStart.Minute;
        var season = SeasonOf(date);
        var dayType = TaipowerCalendar.DayType(date, extraOffPeakDays);
        var period = PeriodAt(season, dayType, minute);
        if (VariablePeak && season == TariffSeason.Summer && dayType == TariffDayType.Weekday
            && designatedPeakDays is not null && designatedPeakDays.Contains(date)
            && minute is >= VariablePeakStartMinute and < VariablePeakEndMinute)
        {
            period = TouPeriod.Peak;
        }

        var window = dayType == TariffDayType.Weekday && minute is >= DemandResponseStartMinute and < DemandResponseEndMinute;
        return new IntervalTariff(season, period, EnergyPrice(season, period), window);
    }

    internal TouPeriod PeriodAt(TariffSeason season, TariffDayType dayType, int minute)
    {
        foreach (var band in _bands[(season, dayType)])
        {
            if (minute >= band.StartMinute && minute < band.EndMinute)
            {
                return band.Period;
            }
        }

        throw new InvalidOperationException($"{Id}: no band covers minute {minute} ({season}, {dayType}).");
    }
}
