using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Tests.Tariffs;

public class TariffLibraryTests
{
    private const string Header = "schedule_id,voltage,stages,effective_from,season,component,period,value,unit,source,verification,notes";

    /// <summary>A complete LV three-stage version as an operator would upload it, prices shifted by <paramref name="plus"/>.</summary>
    private static string LvThreeStageVersion(string date, decimal plus = 0m)
    {
        var rows = TariffLibrary.Shipped.Versions("taipower-lv-3tou")[0].Rows;
        var lines = rows.Select(r => string.Join(',', r.ScheduleId, r.Voltage, r.Stages, date, r.Season, r.Component, r.Period,
            (r.Component == "energy_charge" ? r.Value + plus : r.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Unit, "operator test", "secondary", ""));
        return Header + "\n" + string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void Shipped_HasEveryScheduleWithVersionsByDate()
    {
        var library = TariffLibrary.Shipped;
        Assert.Equal(
            ["taipower-ehv-2tou", "taipower-ehv-3tou", "taipower-ehv-3tou-variable", "taipower-ehv-batch", "taipower-hv-2tou", "taipower-hv-3tou", "taipower-hv-3tou-variable", "taipower-hv-batch", "taipower-lv-2tou", "taipower-lv-3tou"],
            library.Ids);
        Assert.Equal([new DateOnly(2024, 4, 1), new DateOnly(2024, 10, 16)], library.Versions("taipower-ehv-3tou").Select(v => v.EffectiveFrom));
        Assert.Equal(4, library.DemandResponseCredits.Count);
        Assert.Empty(library.Versions("nope"));
    }

    [Fact]
    public void Find_PicksTheVersionInForce()
    {
        var library = TariffLibrary.Shipped;
        Assert.Null(library.Find("taipower-ehv-3tou", new DateOnly(2024, 3, 31)));
        Assert.Equal(7.49m, library.Find("taipower-ehv-3tou", new DateOnly(2024, 10, 15))!.EnergyPrice(TariffSeason.Summer, TouPeriod.Peak));
        Assert.Equal(8.69m, library.Find("taipower-ehv-3tou", new DateOnly(2024, 10, 16))!.EnergyPrice(TariffSeason.Summer, TouPeriod.Peak));
        // The 2024-04-01 EHV version has no surcharge rows; the table's ×2/×3 apply.
        Assert.Equal(3m, library.Find("taipower-ehv-3tou", new DateOnly(2024, 5, 1))!.SurchargeAboveTenPercent);
        Assert.Null(library.Find("nope", new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Shipped_LowVoltagePricesAsTranscribed()
    {
        var lv2 = TariffLibrary.Shipped.Find("taipower-lv-2tou", new DateOnly(2025, 7, 1))!;
        Assert.Equal(VoltageClass.Low, lv2.Voltage);
        Assert.Equal(SummerWindow.LowVoltage, lv2.Summer);
        Assert.Equal(262.50m, lv2.CustomerChargeNtdPerMonth);
        Assert.Equal(5.54m, lv2.EnergyPrice(TariffSeason.Summer, TouPeriod.Peak));
        Assert.Equal(173.20m, lv2.BasicPrice(TariffSeason.NonSummer, ContractType.NonSummer));
        Assert.Equal(0m, lv2.BasicPrice(TariffSeason.Summer, ContractType.NonSummer));
        Assert.All(lv2.Rows, r => Assert.Equal("verified", r.Verification));
        Assert.All(lv2.Rows, r => Assert.Contains("詳細電價表", r.Source, StringComparison.Ordinal));
        Assert.Equal(0m, TariffLibrary.Shipped.Find("taipower-hv-3tou", new DateOnly(2025, 7, 1))!.CustomerChargeNtdPerMonth);
    }

    [Fact]
    public void WithOperatorVersions_AddsAVersionThatFindThenPicks()
    {
        var result = TariffLibrary.Shipped.WithOperatorVersions(LvThreeStageVersion("2026-04-01", 0.5m));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Path + " " + e.Message)));
        var added = result.Value.Find("taipower-lv-3tou", new DateOnly(2026, 7, 1))!;
        Assert.True(added.OperatorAdded);
        Assert.Equal(8.62m, added.EnergyPrice(TariffSeason.Summer, TouPeriod.Peak));
        Assert.Equal(8.12m, result.Value.Find("taipower-lv-3tou", new DateOnly(2026, 3, 31))!.EnergyPrice(TariffSeason.Summer, TouPeriod.Peak));
        Assert.Single(TariffLibrary.Shipped.Versions("taipower-lv-3tou"));
    }

    [Fact]
    public void WithOperatorVersions_ReportsRowAndColumn()
    {
        var csv = LvThreeStageVersion("2026-04-01").Replace("2026-04-01,summer,energy_charge,peak,8.12", "2026-04-01,summer,energy_charge,peak,abc", StringComparison.Ordinal);
        var line = csv.Split('\n').ToList().FindIndex(l => l.Contains(",abc,", StringComparison.Ordinal)) + 1;

        var result = TariffLibrary.Shipped.WithOperatorVersions(csv);

        Assert.Equal([$"taipower_tou.csv:{line}:value"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void WithOperatorVersions_RejectsIncompleteExistingUnknownAndBadHeader()
    {
        var incomplete = string.Join("\n", LvThreeStageVersion("2026-04-01").Split('\n').Where(l => !l.Contains("basic_charge,off_peak", StringComparison.Ordinal)));
        Assert.Contains(TariffLibrary.Shipped.WithOperatorVersions(incomplete).Errors, e => e.Code == "tariff.incomplete");

        var existing = TariffLibrary.Shipped.WithOperatorVersions(LvThreeStageVersion("2024-10-16"));
        Assert.False(existing.Succeeded);
        Assert.All(existing.Errors, e => Assert.Equal("tariff.version-exists", e.Code));

        var unknown = TariffLibrary.Shipped.WithOperatorVersions(LvThreeStageVersion("2026-04-01").Replace("taipower-lv-3tou", "taipower-lv-9tou", StringComparison.Ordinal));
        Assert.Contains(unknown.Errors, e => e.Path == "taipower_tou.csv:2:schedule_id" && e.Code == "tariff.unknown-schedule");

        var header = TariffLibrary.Shipped.WithOperatorVersions("schedule_id,value\nx,1\n");
        Assert.Contains(header.Errors, e => e.Path == "taipower_tou.csv:1:voltage");

        Assert.False(TariffLibrary.Shipped.WithOperatorVersions(Header + "\n").Succeeded);
        Assert.Equal(["taipower_tou.csv:2"], TariffLibrary.Shipped.WithOperatorVersions(Header + "\na,b\n").Errors.Select(e => e.Path));
    }

    [Fact]
    public void FromCsv_BandsMustCoverTheDay()
    {
        var prices = LvThreeStageVersion("2025-01-01");
        const string BandsHeader = "schedule_id,effective_from,season,day_type,period,start,end,source,verification";
        var bands = BandsHeader + "\ntaipower-lv-3tou,2025-01-01,summer,weekday,off_peak,00:00,23:00,x,verified\n";

        var result = TariffLibrary.FromCsv(prices, bands);

        Assert.Contains(result.Errors, e => e.Code == "tariff.bands-cover");
        var badTime = TariffLibrary.FromCsv(prices, BandsHeader + "\ntaipower-lv-3tou,2025-01-01,summer,weekday,off_peak,00:00,24:30,x,verified\n");
        Assert.Contains(badTime.Errors, e => e.Path == "taipower_tou_periods.csv:2:end");
    }
}
