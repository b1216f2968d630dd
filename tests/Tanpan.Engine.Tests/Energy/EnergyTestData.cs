using System.Globalization;
using Tanpan.Engine.Energy;

namespace Tanpan.Engine.Tests.Energy;

internal static class EnergyTestData
{
    public static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    /// <summary>An instant from an ISO text with Z or an offset, as a UTC DateTime.</summary>
    public static DateTime Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcDateTime;

    /// <summary>Readings every <paramref name="minutes"/> from <paramref name="startIso"/>, one per value.</summary>
    public static RawReading[] Every(string startIso, int minutes, params decimal[] values)
    {
        var start = Utc(startIso);
        var readings = new RawReading[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            readings[i] = new RawReading(start.AddMinutes(minutes * i), values[i]);
        }

        return readings;
    }

    public static MeterProfile Counter(decimal multiplier = 1m, decimal? counterMax = null, decimal? maxKw = null) =>
        new(MeterSemantics.Counter, multiplier, 15, counterMax, maxKw);
}
