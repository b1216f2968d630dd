using System.Globalization;

namespace Tanpan.Engine.Tariffs;

/// <summary>A 離峰日 of one year with the code of the day it marks (e.g. <c>spring_festival</c>).</summary>
public readonly record struct OffPeakDay(DateOnly Date, string Code);

/// <summary>Taipower's calendar: season of a date, day type, and the 離峰日 list of the 電價表 (ch.3 p.9, ch.5 p.28)
/// computed for 1912–2100. Make-up or observed holidays (補假) are not in the table; callers pass them as extra days.</summary>
public static class TaipowerCalendar
{
    public const int FirstYear = 1912;
    public const int LastYear = 2100;

    private static readonly ChineseLunisolarCalendar Lunar = new();
    private static readonly Dictionary<int, IReadOnlyList<OffPeakDay>> Cache = [];
    private static readonly Lock CacheLock = new();

    private static readonly (int Month, int Day, string Code)[] FixedDays =
    [
        (1, 1, "new_year"), (2, 28, "peace_memorial"), (4, 4, "children"), (5, 1, "labour"),
        (9, 28, "teachers"), (10, 10, "national"), (10, 25, "retrocession"), (12, 25, "constitution"),
    ];

    public static TariffSeason Season(DateOnly date, SummerWindow summer) =>
        summer.Contains(date) ? TariffSeason.Summer : TariffSeason.NonSummer;

    /// <summary>Weekday, Saturday, or Sunday/離峰日. A 離峰日 on a Saturday is priced like Sunday.</summary>
    public static TariffDayType DayType(DateOnly date, IReadOnlySet<DateOnly>? extraOffPeakDays = null)
    {
        if (date.DayOfWeek == DayOfWeek.Sunday || IsOffPeakDay(date, extraOffPeakDays))
        {
            return TariffDayType.SundayHoliday;
        }

        return date.DayOfWeek == DayOfWeek.Saturday ? TariffDayType.Saturday : TariffDayType.Weekday;
    }

    public static bool IsOffPeakDay(DateOnly date, IReadOnlySet<DateOnly>? extraOffPeakDays = null)
    {
        if (extraOffPeakDays is not null && extraOffPeakDays.Contains(date))
        {
            return true;
        }

        if (date.Year is < FirstYear or > LastYear)
        {
            return false;
        }

        foreach (var day in OffPeakDays(date.Year))
        {
            if (day.Date == date)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The table's 離峰日 of a year (1912–2100), in date order.</summary>
    public static IReadOnlyList<OffPeakDay> OffPeakDays(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        lock (CacheLock)
        {
            if (Cache.TryGetValue(year, out var cached))
            {
                return cached;
            }

            var days = new List<OffPeakDay>();
            foreach (var (month, day, code) in FixedDays)
            {
                days.Add(new(new DateOnly(year, month, day), code));
            }

            var tombSweeping = Qingming(year);
            if (tombSweeping != new DateOnly(year, 4, 4))
            {
                days.Add(new(tombSweeping, "tomb_sweeping"));
            }

            // 春節: from the day before 除夕 (two days before lunar new year) to 農曆1月5日.
            var newYear = LunarDate(year, 1, 1);
            for (var d = newYear.AddDays(-2); d <= newYear.AddDays(4); d = d.AddDays(1))
            {
                days.Add(new(d, "spring_festival"));
            }

            days.Add(new(LunarDate(year, 5, 5), "dragon_boat"));
            days.Add(new(LunarDate(year, 8, 15), "mid_autumn"));
            var list = days.GroupBy(d => d.Date).Select(g => g.First()).OrderBy(d => d.Date).ToArray();
            Cache[year] = list;
            return list;
        }
    }

    /// <summary>民族掃墓節 = the day of 清明 (the sun at apparent longitude 15°), in Taiwan time (UTC+8).</summary>
    public static DateOnly Qingming(int year) => SolarTerms.DateOfLongitude(year, 3, 15.0, 8.0);

    /// <summary>The Gregorian date of a lunar month/day in the lunar year that starts in <paramref name="year"/>;
    /// with a leap month (閏月) before it, the month index shifts by one.</summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
