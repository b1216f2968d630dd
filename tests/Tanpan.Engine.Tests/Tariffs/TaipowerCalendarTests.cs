using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Tests.Tariffs;

public class TaipowerCalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2020, 4)]
    [InlineData(2021, 4)]
    [InlineData(2022, 5)]
    [InlineData(2023, 5)]
    [InlineData(2024, 4)]
    [InlineData(2025, 4)]
    [InlineData(2026, 5)]
    public void Qingming_KnownYears(int year, int aprilDay) => Assert.Equal(D(year, 4, aprilDay), TaipowerCalendar.Qingming(year));

    [Fact]
    public void Qingming_IsAlwaysEarlyAprilAcrossTheWholeRange()
    {
        for (var year = TaipowerCalendar.FirstYear; year <= TaipowerCalendar.LastYear; year++)
        {
            var q = TaipowerCalendar.Qingming(year);
            Assert.Equal(4, q.Month);
            Assert.InRange(q.Day, 4, 6);
        }
    }

    [Fact]
    public void SpringFestival_FromTheDayBeforeNewYearsEveToTheFifthDay()
    {
        // 除夕 2025-01-28 → 1/27–2/2; 除夕 2024-02-09 → 2/8–2/14.
        Assert.Equal(Range(D(2025, 1, 27), D(2025, 2, 2)), Days(2025, "spring_festival"));
        Assert.Equal(Range(D(2024, 2, 8), D(2024, 2, 14)), Days(2024, "spring_festival"));
        Assert.False(TaipowerCalendar.IsOffPeakDay(D(2025, 1, 26)));
        Assert.False(TaipowerCalendar.IsOffPeakDay(D(2025, 2, 3)));
    }

    [Theory]
    [InlineData(2025, 5, 31, 10, 6)] // leap 6th month after 端午, before 中秋
    [InlineData(2023, 6, 22, 9, 29)] // leap 2nd month before both
    [InlineData(2020, 6, 25, 10, 1)] // leap 4th month before both
    [InlineData(2024, 6, 10, 9, 17)] // no leap month
    public void DragonBoatAndMidAutumn_HandleLeapMonths(int year, int dbMonth, int dbDay, int maMonth, int maDay)
    {
        Assert.Equal([D(year, dbMonth, dbDay)], Days(year, "dragon_boat"));
        Assert.Equal([D(year, maMonth, maDay)], Days(year, "mid_autumn"));
    }

    [Fact]
    public void FixedDates_AreOffPeakDays_OnlyTheListedOnes()
    {
        foreach (var (m, d) in new[] { (1, 1), (2, 28), (4, 4), (5, 1), (9, 28), (10, 10), (10, 25), (12, 25) })
        {
            Assert.True(TaipowerCalendar.IsOffPeakDay(D(2027, m, d)), $"{m}/{d}");
        }

        // 2027-04-05 is 清明 (a Monday) only if the solar term says so; 4/6 never is.
        Assert.False(TaipowerCalendar.IsOffPeakDay(D(2027, 4, 6)));
        Assert.False(TaipowerCalendar.IsOffPeakDay(D(2025, 12, 24)));
    }

    [Fact]
    public void DayType_HolidayOnAWeekdayOrSaturdayIsPricedAsSunday()
    {
        Assert.Equal(TariffDayType.SundayHoliday, TaipowerCalendar.DayType(D(2025, 10, 10))); // Friday, 國慶日
        Assert.Equal(TariffDayType.SundayHoliday, TaipowerCalendar.DayType(D(2025, 5, 31))); // Saturday, 端午
        Assert.Equal(TariffDayType.Saturday, TaipowerCalendar.DayType(D(2025, 7, 19)));
        Assert.Equal(TariffDayType.Weekday, TaipowerCalendar.DayType(D(2025, 7, 15)));
        Assert.Equal(TariffDayType.SundayHoliday, TaipowerCalendar.DayType(D(2025, 7, 20)));
        var extra = new HashSet<DateOnly> { D(2025, 7, 15) };
        Assert.Equal(TariffDayType.SundayHoliday, TaipowerCalendar.DayType(D(2025, 7, 15), extra));
    }

    [Fact]
    public void Season_DependsOnVoltage()
    {
        Assert.Equal(TariffSeason.NonSummer, TaipowerCalendar.Season(D(2025, 5, 15), SummerWindow.HighVoltage));
        Assert.Equal(TariffSeason.Summer, TaipowerCalendar.Season(D(2025, 5, 16), SummerWindow.HighVoltage));
        Assert.Equal(TariffSeason.Summer, TaipowerCalendar.Season(D(2025, 10, 15), SummerWindow.HighVoltage));
        Assert.Equal(TariffSeason.NonSummer, TaipowerCalendar.Season(D(2025, 10, 16), SummerWindow.HighVoltage));
        Assert.Equal(TariffSeason.NonSummer, TaipowerCalendar.Season(D(2025, 5, 31), SummerWindow.LowVoltage));
        Assert.Equal(TariffSeason.Summer, TaipowerCalendar.Season(D(2025, 6, 1), SummerWindow.LowVoltage));
        Assert.Equal(TariffSeason.Summer, TaipowerCalendar.Season(D(2025, 9, 30), SummerWindow.LowVoltage));
        Assert.Equal(TariffSeason.NonSummer, TaipowerCalendar.Season(D(2025, 10, 1), SummerWindow.LowVoltage));
    }

    [Fact]
    public void OffPeakDays_WholeRange_HasSpringFestivalOfSevenDaysAndLunarDaysInSeason()
    {
        for (var year = TaipowerCalendar.FirstYear; year <= TaipowerCalendar.LastYear; year++)
        {
            var spring = Days(year, "spring_festival");
            Assert.Equal(7, spring.Count);
            Assert.InRange(spring[0], D(year, 1, 19), D(year, 2, 18));
            // A lunar holiday can fall on a fixed one (e.g. 中秋 on 9/28), so check the dates, not the codes.
            var dragonBoat = TaipowerCalendar.LunarDate(year, 5, 5);
            var midAutumn = TaipowerCalendar.LunarDate(year, 8, 15);
            Assert.InRange(dragonBoat, D(year, 5, 25), D(year, 6, 26));
            Assert.InRange(midAutumn, D(year, 9, 6), D(year, 10, 9));
            Assert.True(TaipowerCalendar.IsOffPeakDay(dragonBoat) && TaipowerCalendar.IsOffPeakDay(midAutumn), year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void OffPeakDays_RejectsYearsOutsideTheRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TaipowerCalendar.OffPeakDays(1911));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaipowerCalendar.OffPeakDays(2101));
    }

    private static List<DateOnly> Days(int year, string code) =>
        [.. TaipowerCalendar.OffPeakDays(year).Where(d => d.Code == code).Select(d => d.Date)];

    private static List<DateOnly> Range(DateOnly from, DateOnly to)
    {
        var list = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            list.Add(d);
        }

        return list;
    }
}
