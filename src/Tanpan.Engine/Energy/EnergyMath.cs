using System.Globalization;

namespace Tanpan.Engine.Energy;

/// <summary>Shared arithmetic of the energy engine: linear proration in decimal and instants checked for UTC.</summary>
internal static class EnergyMath
{
    public const decimal TicksPerMinute = TimeSpan.TicksPerMinute;

    public const decimal TicksPerHour = TimeSpan.TicksPerHour;

    /// <summary>quantity × part ÷ whole, multiplying first (one rounding) unless that would leave decimal's range.</summary>
    public static decimal Prorate(decimal quantity, long partTicks, long wholeTicks)
    {
        if (partTicks == wholeTicks)
        {
            return quantity;
        }

        if (partTicks == 0)
        {
            return 0m;
        }

        return Math.Abs(quantity) <= decimal.MaxValue / partTicks
            ? quantity * partTicks / wholeTicks
            : quantity * ((decimal)partTicks / wholeTicks);
    }

    /// <summary>Average power (quantity per hour) of a quantity over a duration.</summary>
    public static decimal PerHour(decimal quantity, long ticks) =>
        Math.Abs(quantity) <= decimal.MaxValue / TimeSpan.TicksPerHour
            ? quantity * TimeSpan.TicksPerHour / ticks
            : quantity * (TicksPerHour / ticks);

    public static decimal Minutes(long ticks) => ticks / TicksPerMinute;

    /// <summary>Refuses Local instants (their meaning depends on the machine); Unspecified is taken as UTC.</summary>
    public static void RequireUtc(DateTime value, string paramName)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("must be a UTC time (Kind Utc), not Local", paramName);
        }
    }

    public static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>A number for a detail text: invariant, without trailing zeros, at most 6 decimals.</summary>
    public static string Text(decimal value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    public static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
