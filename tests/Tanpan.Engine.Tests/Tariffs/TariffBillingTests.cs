using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Tests.Tariffs;

public class TariffBillingTests
{
    private static readonly DateOnly July2025 = new(2025, 7, 1);

    private static TariffSchedule Schedule(string id, DateOnly? on = null) => TariffLibrary.Shipped.Find(id, on ?? July2025)!;

    private static decimal[] Flat(DateTime from, DateTime to, decimal kw, int minutes = 15) =>
        [.. Enumerable.Repeat(kw, (int)((to - from).TotalMinutes / minutes))];

    private static DateTime T(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Unspecified);

    [Fact]
    public void July2025_Flat100Kw_HvThreeStage_MatchesTheWorkedExample()
    {
        var bill = TariffBilling.Bill(Schedule("taipower-hv-3tou"), new(100m), 15, T(2025, 7, 1), Flat(T(2025, 7, 1), T(2025, 8, 1), 100m));

        var july = Assert.Single(bill.Months);
        Assert.Equal(74_400m, july.Kwh);
        Assert.Equal(352_044m, july.EnergyChargeNtd);
        Assert.Equal(22_360m, july.BasicChargeNtd);
        Assert.Equal(0m, july.OverContractSurchargeNtd);
        Assert.Equal(374_404m, bill.TotalNtd);
        Assert.Empty(july.Notes);
        var peak = july.Periods.Single(p => p.Period == TouPeriod.Peak);
        Assert.Equal(23 * 600m, peak.Kwh);
        Assert.Equal(100m, peak.MaxDemandKw);
    }

    [Fact]
    public void July2025_Flat100Kw_HvTwoStage_MatchesTheWorkedExample()
    {
        var bill = TariffBilling.Bill(Schedule("taipower-hv-2tou"), new(100m), 60, T(2025, 7, 1), Flat(T(2025, 7, 1), T(2025, 8, 1), 100m, 60));

        Assert.Equal(341_364m, bill.EnergyChargeNtd);
        Assert.Equal(363_724m, bill.TotalNtd);
        Assert.Contains(bill.Notes, n => n.Code == "demand.hourly");
    }

    [Fact]
    public void PeakOf115Kw_OnA100KwContract_SurchargeIsTwoTiersAndNotDoubleCounted()
    {
        var load = Flat(T(2025, 7, 1), T(2025, 8, 1), 100m);
        load[(14 * 96) + (17 * 4)] = 115m; // Tuesday 7/15 17:00, peak period
        load[(15 * 96) + (10 * 4)] = 115m; // 7/16 10:00, semi-peak: the same 15 kW again

        var july = TariffBilling.Bill(Schedule("taipower-hv-3tou"), new(100m), 15, T(2025, 7, 1), load).Months[0];

        // 10 × 2 × 223.60 + 5 × 3 × 223.60.
        Assert.Equal(7_826m, july.OverContractSurchargeNtd);
        Assert.Equal(15m, july.Periods.Single(p => p.Period == TouPeriod.Peak).ExcessKw);
        Assert.Equal(0m, july.Periods.Single(p => p.Period == TouPeriod.SemiPeak).ExcessKw);
    }

    [Fact]
    public void OffPeakExcess_OnlyTheKwAboveTheLargestEarlierExcessAreBilled()
    {
        // Contracts 100 regular + 50 off-peak; peak reaches 110 (10 over), off-peak 170 (20 over all four).
        var load = Flat(T(2025, 7, 1), T(2025, 8, 1), 50m);
        load[(14 * 96) + (17 * 4)] = 110m;
        load[(14 * 96) + (2 * 4)] = 170m;
        var schedule = Schedule("taipower-hv-3tou");

        var july = TariffBilling.Bill(schedule, new(100m, 0m, 0m, 50m), 15, T(2025, 7, 1), load).Months[0];

        var off = july.Periods.Single(p => p.Period == TouPeriod.OffPeak);
        Assert.Equal(10m, off.ExcessKw);
        // Peak: 10 kW within 10 % of 100 → ×2 at 223.60. Off-peak: raw 20 over 150, the lowest 10 already billed;
        // the remaining 10 lie above 15 (10 % of 150) by 5 → 5 × 2 + 5 × 3 at 44.70.
        Assert.Equal((10m * 2m * 223.60m) + (((5m * 2m) + (5m * 3m)) * 44.70m), july.OverContractSurchargeNtd);
    }

    [Fact]
    public void SaturdayAndOffPeakContract_UpToHalfOfRegularPlusSemiIsFree()
    {
        var schedule = Schedule("taipower-hv-3tou");
        // 100 regular + 40 semi: allowance 70 kW.
        Assert.Equal((100m * 223.60m) + (40m * 166.90m), TariffBilling.MonthlyBasicCharge(schedule, new(100m, 40m, 30m, 40m), TariffSeason.Summer));
        Assert.Equal((100m * 223.60m) + (40m * 166.90m) + (10m * 44.70m), TariffBilling.MonthlyBasicCharge(schedule, new(100m, 40m, 30m, 50m), TariffSeason.Summer));
        Assert.Equal((100m * 166.90m) + (40m * 166.90m) + (10m * 33.30m), TariffBilling.MonthlyBasicCharge(schedule, new(100m, 40m, 30m, 50m), TariffSeason.NonSummer));
        Assert.Equal(0.5m * 140m, new ContractCapacity(100m, 40m).FreeSaturdayOffPeakAllowanceKw);
    }

    [Fact]
    public void TwoStage_NonSummerContractIsBilledOnlyOutsideSummer()
    {
        var schedule = Schedule("taipower-hv-2tou");
        var contract = new ContractCapacity(100m, 20m, 0m, 70m);
        // Summer: 100 × 223.60 + 44.70 × (70 − 60); non-summer adds 20 × 166.90.
        Assert.Equal((100m * 223.60m) + (10m * 44.70m), TariffBilling.MonthlyBasicCharge(schedule, contract, TariffSeason.Summer));
        Assert.Equal((100m * 166.90m) + (20m * 166.90m) + (10m * 33.30m), TariffBilling.MonthlyBasicCharge(schedule, contract, TariffSeason.NonSummer));
    }

    [Fact]
    public void LowVoltage_SeedCase_50KwOfRegularContractCosts236Point2PerKwInSummer()
    {
        var lv = Schedule("taipower-lv-3tou");
        Assert.Equal(11_810m, TariffBilling.MonthlyBasicCharge(lv, new(50m), TariffSeason.Summer));
        Assert.Equal(8_660m, TariffBilling.MonthlyBasicCharge(lv, new(50m), TariffSeason.NonSummer));
        Assert.Equal(11_810m, TariffBilling.MonthlyBasicCharge(Schedule("taipower-lv-2tou"), new(50m), TariffSeason.Summer));

        var july = TariffBilling.Bill(lv, new(50m), 60, T(2025, 7, 1), Flat(T(2025, 7, 1), T(2025, 8, 1), 0m, 60)).Months[0];
        Assert.Equal(262.50m * 0.5m, july.CustomerChargeNtd); // no use: 50 %
        Assert.Contains(july.Notes, n => n.Code == "basic.no-use");
    }

    [Fact]
    public void LowVoltage_JuneIsSummerButMayIsNot()
    {
        var lv = Schedule("taipower-lv-3tou");
        var may = TariffBilling.Bill(lv, new(50m), 15, T(2025, 5, 20), Flat(T(2025, 5, 20), T(2025, 5, 21), 10m)).Months[0];
        var june = TariffBilling.Bill(lv, new(50m), 15, T(2025, 6, 3), Flat(T(2025, 6, 3), T(2025, 6, 4), 10m)).Months[0];
        Assert.Equal(0m, may.SummerDays);
        Assert.Equal(1m, june.SummerDays);
        Assert.Equal(10m * 2.12m * 9m, may.Periods.Single(p => p.Period == TouPeriod.OffPeak).EnergyChargeNtd); // 00–06 and 11–14
        Assert.Equal(10m * 8.12m * 6m, june.Periods.Single(p => p.Period == TouPeriod.Peak).EnergyChargeNtd);
        Assert.Equal(262.50m / 30m, june.CustomerChargeNtd);
    }

    [Fact]
    public void May2025_StraddlingTheHvSummerStart_ProratesBasicChargeByDaysAndSaysSo()
    {
        var bill = TariffBilling.Bill(Schedule("taipower-hv-3tou"), new(100m), 15, T(2025, 5, 1), Flat(T(2025, 5, 1), T(2025, 6, 1), 100m));

        var may = bill.Months[0];
        Assert.Equal(16m, may.SummerDays);
        Assert.Equal((22_360m * 16m / 31m) + (16_690m * 15m / 31m), may.BasicChargeNtd, 20);
        Assert.Contains(may.Notes, n => n.Code == "basic.season-split");
        Assert.DoesNotContain(may.Notes, n => n.Code == "basic.partial-month");
    }

    [Fact]
    public void SummerBoundary_LastQuarterOf515IsNonSummer_FirstOf516IsSummer()
    {
        var hv = Schedule("taipower-hv-3tou");
        // 2025-05-15 (Thu) 23:45 is non-summer semi-peak; 05-16 (Fri) 23:45 summer semi-peak.
        Assert.Equal(new IntervalTariff(TariffSeason.NonSummer, TouPeriod.SemiPeak, 5.47m, false), hv.Classify(T(2025, 5, 15, 23, 45)));
        Assert.Equal(new IntervalTariff(TariffSeason.Summer, TouPeriod.SemiPeak, 5.85m, false), hv.Classify(T(2025, 5, 16, 23, 45)));
        Assert.Equal(TariffSeason.Summer, hv.Classify(T(2025, 10, 15, 23, 45)).Season);
        Assert.Equal(TariffSeason.NonSummer, hv.Classify(T(2025, 10, 16, 0, 0)).Season);
    }

    [Fact]
    public void Bands_24_00EndIsExclusive_MidnightStartsTheNextDay()
    {
        var hv = Schedule("taipower-hv-3tou");
        Assert.Equal(TouPeriod.SemiPeak, hv.Classify(T(2025, 7, 15, 23, 45)).Period);
        Assert.Equal(TouPeriod.OffPeak, hv.Classify(T(2025, 7, 16, 0, 0)).Period);
        Assert.Equal(TouPeriod.Peak, hv.Classify(T(2025, 7, 15, 16, 0)).Period);
        Assert.Equal(TouPeriod.SemiPeak, hv.Classify(T(2025, 7, 15, 22, 0)).Period);
        Assert.Equal(TouPeriod.SaturdaySemiPeak, hv.Classify(T(2025, 7, 19, 9, 0)).Period);
        Assert.Equal(TouPeriod.OffPeak, hv.Classify(T(2025, 7, 19, 8, 45)).Period);
        var batch = Schedule("taipower-hv-batch");
        Assert.Equal(TouPeriod.OffPeak, batch.Classify(T(2025, 7, 15, 15, 15)).Period);
        Assert.Equal(TouPeriod.Peak, batch.Classify(T(2025, 7, 15, 15, 30)).Period);
    }

    [Fact]
    public void Holidays_ArePricedLikeSunday_AndHaveNoDemandResponseWindow()
    {
        var hv = Schedule("taipower-hv-3tou");
        var holiday = hv.Classify(T(2025, 10, 10, 18, 0)); // Friday, 國慶日
        Assert.Equal(TouPeriod.OffPeak, holiday.Period);
        Assert.False(holiday.DemandResponseWindow);
        Assert.True(hv.Classify(T(2025, 10, 9, 18, 0)).DemandResponseWindow);
        Assert.False(hv.Classify(T(2025, 10, 9, 20, 0)).DemandResponseWindow);
        Assert.False(hv.Classify(T(2025, 10, 11, 19, 0)).DemandResponseWindow); // Saturday
        var extra = new HashSet<DateOnly> { new(2025, 10, 9) };
        Assert.Equal(TouPeriod.OffPeak, hv.Classify(T(2025, 10, 9, 18, 0), extra).Period);
    }

    [Fact]
    public void VariablePeak_DesignatedDaysHaveTheHighPeak()
    {
        var variable = Schedule("taipower-hv-3tou-variable");
        var designated = new HashSet<DateOnly> { new(2025, 7, 15) };
        Assert.Equal(new IntervalTariff(TariffSeason.Summer, TouPeriod.Peak, 18.33m, true), variable.Classify(T(2025, 7, 15, 18, 0), null, designated));
        Assert.Equal(TouPeriod.SemiPeak, variable.Classify(T(2025, 7, 16, 18, 0), null, designated).Period);
    }

    [Fact]
    public void PartialMonth_AndLeapFebruary_ProrateByCoveredDays()
    {
        var hv = Schedule("taipower-hv-3tou", new DateOnly(2025, 1, 1));
        // 2028 is a leap year: February has 29 days; the profile covers 2/15–3/2 (noon).
        var bill = TariffBilling.Bill(hv, new(100m), 15, T(2028, 2, 15), Flat(T(2028, 2, 15), T(2028, 3, 2, 12), 10m));
        Assert.Equal([2, 3], bill.Months.Select(m => m.Month));
        var feb = bill.Months[0];
        Assert.Equal(29, feb.DaysInMonth);
        Assert.Equal(15m, feb.CoveredDays);
        Assert.Equal(16_690m * 15m * 96m / (29m * 96m), feb.BasicChargeNtd);
        Assert.Contains(feb.Notes, n => n.Code == "basic.partial-month");
        Assert.Equal(1.5m, bill.Months[1].CoveredDays);
        Assert.Equal(bill.Months.Sum(m => m.TotalNtd), bill.TotalNtd);
        Assert.Equal(10m * 24m * 16.5m, bill.Kwh);
    }

    [Fact]
    public void HourlyData_AcrossA15_30BandEdge_IsSplitByQuarterHour()
    {
        var batch = Schedule("taipower-hv-batch");
        var bill = TariffBilling.Bill(batch, new(100m), 60, T(2025, 7, 15, 15), [40m]);
        var month = bill.Months[0];
        Assert.Equal(20m, month.Periods.Single(p => p.Period == TouPeriod.OffPeak).Kwh);
        Assert.Equal(20m, month.Periods.Single(p => p.Period == TouPeriod.Peak).Kwh);
        Assert.Equal((20m * 3.18m) + (20m * 12.47m), month.EnergyChargeNtd);
    }

    [Fact]
    public void Validate_NamesEachBadField()
    {
        var hv = Schedule("taipower-hv-3tou");
        var errors = TariffBilling.Validate(hv, new(-1m), 30, T(2025, 7, 1, 0, 7), [1m, -2m]);
        Assert.Equal(["contract.regularKw", "intervalMinutes", "localStart", "loadKw[1]"], errors.Select(e => e.Path));
        Assert.Throws<ArgumentException>(() => TariffBilling.Bill(hv, new(100m), 15, T(2025, 7, 1), []));
        Assert.False(TariffBilling.TryBill(hv, new(100m), 15, T(2100, 12, 31, 23, 45), [1m, 1m]).Succeeded);
    }

    [Fact]
    public void ContractCheck_WarnsOnVoltageEligibility()
    {
        Assert.Equal(["contract.hv-minimum"], new ContractCapacity(50m, 20m).Check(VoltageClass.High).Warnings.Select(w => w.Code));
        Assert.Empty(new ContractCapacity(50m, 30m, 10m, 10m).Check(VoltageClass.High).Warnings);
        Assert.Equal(["contract.lv-maximum"], new ContractCapacity(100m).Check(VoltageClass.Low).Warnings.Select(w => w.Code));
        Assert.Empty(new ContractCapacity(99m).Check(VoltageClass.Low).Warnings);
        Assert.Equal(["contract.empty"], new ContractCapacity(0m).Check(VoltageClass.Low).Errors.Select(e => e.Code));
    }
}
