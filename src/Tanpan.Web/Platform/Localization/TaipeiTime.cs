using System.Globalization;

namespace Tanpan.Web.Platform.Localization;

/// <summary>Times are stored in UTC and shown in Asia/Taipei (UTC+8, no daylight saving).</summary>
public static class TaipeiTime
{
    public static readonly TimeZoneInfo Zone = Find();

    public static DateTime ToTaipei(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"2024-06-05 16:20" in Taipei time.</summary>
    public static string Format(DateTime utc) => ToTaipei(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        }
        catch (TimeZoneNotFoundException)
        {
            // A machine without tzdata: Taiwan has kept UTC+8 without daylight saving since 1980.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Taipei", TimeSpan.FromHours(8), "Taipei", "Taipei");
        }
    }
}
