using Tanpan.Engine.Energy;
using static Tanpan.Engine.Tests.Energy.EnergyTestData;

namespace Tanpan.Engine.Tests.Energy;

public class RollupsTests
{
    private static EnergyInterval Quarter(string startIso, decimal quantity)
    {
        var start = Utc(startIso);
        return new EnergyInterval(start, start.AddMinutes(15), quantity, false);
    }

    [Fact]
    public void Fixed_QuarterIntervalsIntoHours_SumsFourPerHour()
    {
        var start = Utc("2024-06-05T00:00:00Z");
        var intervals = Enumerable.Range(0, 8).Select(i => new EnergyInterval(start.AddMinutes(15 * i), start.AddMinutes(15 * (i + 1)), i + 1, false)).ToArray();

        var hours = Rollups.Fixed(intervals, RollupGrain.Hour, start, start.AddHours(3));

        // 1+2+3+4 and 5+6+7+8; the third hour has no interval but is returned.
        Assert.Equal([10m, 26m, 0m], hours.Select(b => b.Quantity));
        Assert.Equal([start, start.AddHours(1), start.AddHours(2)], hours.Select(b => b.StartUtc));
        Assert.All(hours, b => Assert.Equal(DateTimeKind.Utc, b.StartUtc.Kind));
    }

    [Fact]
    public void Fixed_IntervalAcrossABucketEdge_IsSplitByTime()
    {
        // (00:10, 00:25]: 5 min in the first quarter, 10 in the second.
        EnergyInterval[] intervals = [new(Utc("2024-06-05T00:10:00Z"), Utc("2024-06-05T00:25:00Z"), 3m, false)];

        var quarters = Rollups.Fixed(intervals, RollupGrain.QuarterHour, Utc("2024-06-05T00:00:00Z"), Utc("2024-06-05T00:30:00Z"));

        Assert.Equal([1m, 2m], quarters.Select(b => b.Quantity));
    }

    [Fact]
    public void Fixed_PartOutsideTheRange_IsLeftOut()
    {
        // (23:30, 01:30] 12 kWh over 2 h: the range [00:00, 01:00) holds half of it.
        EnergyInterval[] intervals = [new(Utc("2024-06-04T23:30:00Z"), Utc("2024-06-05T01:30:00Z"), 12m, true)];

        var hours = Rollups.Fixed(intervals, RollupGrain.Hour, Utc("2024-06-05T00:00:00Z"), Utc("2024-06-05T01:00:00Z"));

        Assert.Equal(6m, Assert.Single(hours).Quantity);
    }

    [Fact]
    public void Fixed_UnalignedRangeOrCalendarGrain_IsRefused()
    {
        EnergyInterval[] intervals = [Quarter("2024-06-05T00:00:00Z", 1m)];

        Assert.Throws<ArgumentException>(() => Rollups.Fixed(intervals, RollupGrain.Hour, Utc("2024-06-05T00:15:00Z"), Utc("2024-06-05T02:00:00Z")));
        Assert.Throws<ArgumentException>(() => Rollups.Fixed(intervals, RollupGrain.QuarterHour, Utc("2024-06-05T00:00:00Z"), Utc("2024-06-05T00:20:00Z")));
        Assert.Throws<ArgumentException>(() => Rollups.Fixed(intervals, RollupGrain.Day, Utc("2024-06-05T00:00:00Z"), Utc("2024-06-06T00:00:00Z")));
    }

    [Fact]
    public void Calendar_DaysInTaipei_StartAtLocalMidnight()
    {
        Bucket[] hours =
        [
            new(Utc("2024-06-04T15:00:00Z"), 1m), // 23:00 on 4 June in Taipei
            new(Utc("2024-06-04T16:00:00Z"), 2m), // 00:00 on 5 June
            new(Utc("2024-06-05T15:00:00Z"), 4m), // 23:00 on 5 June
            new(Utc("2024-06-05T16:00:00Z"), 8m), // 00:00 on 6 June
        ];

        var days = Rollups.Calendar(hours, RollupGrain.Day, Taipei);

        Assert.Equal([Utc("2024-06-03T16:00:00Z"), Utc("2024-06-04T16:00:00Z"), Utc("2024-06-05T16:00:00Z")], days.Select(d => d.StartUtc));
        Assert.Equal([1m, 6m, 8m], days.Select(d => d.Quantity));
    }

    [Fact]
    public void Calendar_MonthsInTaipei_StartOnTheFirstAtLocalMidnight()
    {
        Bucket[] hours =
        [
            new(Utc("2024-05-31T15:00:00Z"), 1m), // 31 May 23:00 local
            new(Utc("2024-05-31T16:00:00Z"), 2m), // 1 June 00:00 local
            new(Utc("2024-06-30T15:00:00Z"), 3m), // 30 June 23:00 local
            new(Utc("2024-06-30T16:00:00Z"), 5m), // 1 July 00:00 local
        ];

        var months = Rollups.Calendar(hours, RollupGrain.Month, Taipei);

        Assert.Equal([Utc("2024-04-30T16:00:00Z"), Utc("2024-05-31T16:00:00Z"), Utc("2024-06-30T16:00:00Z")], months.Select(m => m.StartUtc));
        Assert.Equal([1m, 5m, 5m], months.Select(m => m.Quantity));
        Assert.Equal(Utc("2024-05-31T16:00:00Z"), Rollups.LocalMonthStartUtc(2024, 6, Taipei));
    }

    [Fact]
    public void LocalDayStart_WhereMidnightIsSkipped_IsTheInstantOfTheJump()
    {
        // Chile's clocks went from 2024-09-08 00:00 (-04:00) straight to 01:00 (-03:00): the day began at 04:00Z.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        var start = Rollups.LocalDayStartUtc(new DateOnly(2024, 9, 8), santiago);

        Assert.Equal(Utc("2024-09-08T04:00:00Z"), start);
        Assert.Equal(Utc("2024-09-07T04:00:00Z"), Rollups.LocalDayStartUtc(new DateOnly(2024, 9, 7), santiago));
        Assert.Equal(Utc("2024-09-09T03:00:00Z"), Rollups.LocalDayStartUtc(new DateOnly(2024, 9, 9), santiago));
    }
}
