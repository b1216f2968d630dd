namespace Tanpan.Engine.Tariffs;

/// <summary>Solar terms from the sun's apparent longitude (Meeus, Astronomical Algorithms ch.25, low accuracy:
/// about 0.01°, i.e. some 15 minutes), enough to date a term except when it falls within minutes of midnight.</summary>
internal static class SolarTerms
{
    /// <summary>Local date (UTC offset in hours) on which the sun reaches <paramref name="longitudeDeg"/>,
    /// searched from the first day of <paramref name="approxMonth"/>.</summary>
    public static DateOnly DateOfLongitude(int year, int approxMonth, double longitudeDeg, double utcOffsetHours)
    {
        var jd = JulianDay(new DateTime(year, approxMonth, 1, 0, 0, 0, DateTimeKind.Utc)) + 15;
        for (var i = 0; i < 50; i++)
        {
            var diff = NormalizeSigned(longitudeDeg - ApparentLongitude(jd));
            // The sun moves about 0.9856° a day.
            var step = diff / 0.98564736;
            jd += step;
            if (Math.Abs(step) < 1e-7)
            {
                break;
            }
        }

        // The longitude is in dynamical time; TT − UT is about a minute in this range, small next to the accuracy.
        var utc = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(jd - 2451545.0);
        return DateOnly.FromDateTime(utc.AddHours(utcOffsetHours));
    }

    private static double JulianDay(DateTime utc) => 2451545.0 + (utc - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;

    private static double ApparentLongitude(double jd)
    {
        var t = (jd - 2451545.0) / 36525.0;
        var l0 = 280.46646 + (36000.76983 * t) + (0.0003032 * t * t);
        var m = Rad(357.52911 + (35999.05029 * t) - (0.0001537 * t * t));
        var c = ((1.914602 - (0.004817 * t) - (0.000014 * t * t)) * Math.Sin(m))
            + ((0.019993 - (0.000101 * t)) * Math.Sin(2 * m))
            + (0.000289 * Math.Sin(3 * m));
        var omega = Rad(125.04 - (1934.136 * t));
        return Normalize(l0 + c - 0.00569 - (0.00478 * Math.Sin(omega)));
    }

    private static double Rad(double deg) => deg * Math.PI / 180.0;

    private static double Normalize(double deg)
    {
        var r = deg % 360.0;
        return r < 0 ? r + 360.0 : r;
    }

    private static double NormalizeSigned(double deg)
    {
        var r = Normalize(deg);
        return r > 180.0 ? r - 360.0 : r;
    }
}
