using Tanpan.Engine.Energy;
using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Tests.Energy;

public class BillProfileTests
{
    // A toy schedule: 09:00–17:00 peak, otherwise off-peak, every day.
    private static TouPeriod Toy(DateTime t) => t.Hour is >= 9 and < 17 ? TouPeriod.Peak : TouPeriod.OffPeak;

    [Fact]
    public void Each_periods_kwh_is_spread_evenly_over_its_intervals()
    {
        // Two days, hourly: 16 peak hours and 32 off-peak hours.
        var bill = new TouEnergy(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 2), 1600, 0, 0, 960);
        var profile = BillProfile.Build([bill], Toy, new DateTime(2025, 7, 1), 60, 48);
        Assert.Equal(100m, profile.LoadKw[9]);
        Assert.Equal(30m, profile.LoadKw[3]);
        Assert.Equal(2560m, profile.LoadKw.Sum());
        Assert.Equal(0, profile.UncoveredIntervals);
        Assert.Equal(0m, profile.RespreadKwh);
    }

    [Fact]
    public void Quarter_hours_carry_kw_not_kwh()
    {
        var bill = new TouEnergy(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 1), 800, 0, 0, 480);
        var profile = BillProfile.Build([bill], Toy, new DateTime(2025, 7, 1), 15, 96);
        Assert.Equal(100m, profile.LoadKw[40]); // 10:00
        Assert.Equal(1280m, profile.LoadKw.Sum() / 4);
    }

    [Fact]
    public void A_window_that_cuts_a_bill_keeps_the_bills_rate_and_reports_uncovered_intervals()
    {
        var bill = new TouEnergy(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 2), 1600, 0, 0, 960);
        var profile = BillProfile.Build([bill], Toy, new DateTime(2025, 7, 2), 60, 48);
        Assert.Equal(100m, profile.LoadKw[10]);
        Assert.Equal(24, profile.UncoveredIntervals);
        Assert.Equal(0m, profile.LoadKw[30]);
    }

    [Fact]
    public void Energy_billed_in_a_period_the_schedule_lacks_is_spread_over_the_whole_bill()
    {
        var bill = new TouEnergy(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 1), 800, 240, 0, 480);
        var profile = BillProfile.Build([bill], Toy, new DateTime(2025, 7, 1), 60, 24);
        Assert.Equal(240m, profile.RespreadKwh);
        Assert.Equal(110m, profile.LoadKw[9]);
        Assert.Equal(1520m, profile.LoadKw.Sum());
    }
}
