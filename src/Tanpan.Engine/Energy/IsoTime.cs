namespace Tanpan.Engine.Energy;

/// <summary>A strict ISO 8601 / RFC 3339 time parser: yyyy-MM-ddTHH:mm[:ss[.fraction]] then Z or ±HH:mm (also ±HHmm,
/// ±HH). Hand-written so that JSON and CSV accept exactly the same texts, a missing offset is told apart from a
/// malformed time, and the hot path allocates nothing.</summary>
internal static class IsoTime
{
    public enum Result
    {
        Ok,
        Malformed,
        NoOffset,
    }

    /// <summary>Parses <paramref name="text"/>; on <see cref="Result.Ok"/> <paramref name="utcTicks"/> is the instant in
    /// UTC ticks (it may lie outside DateTime's range, which the caller reports as too early or too late).</summary>
    public static Result Parse(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        if (text.Length < 16
            || !Digits(text, 0, 4, out var year) || text[4] != '-'
            || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day)
            || text[10] is not ('T' or 't' or ' ')
            || !Digits(text, 11, 2, out var hour) || text[13] != ':'
            || !Digits(text, 14, 2, out var minute))
        {
            return Result.Malformed;
        }

        var i = 16;
        var second = 0;
        long fraction = 0;
        if (i < text.Length && text[i] == ':')
        {
            if (!Digits(text, i + 1, 2, out second))
            {
                return Result.Malformed;
            }

            i += 3;
            if (i < text.Length && text[i] is '.' or ',')
            {
                i++;
                var digits = 0;
                long scale = TimeSpan.TicksPerSecond;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    if (digits < 7)
                    {
                        scale /= 10;
                        fraction += (text[i] - '0') * scale;
                    }

                    digits++;
                    i++;
                }

                if (digits == 0)
                {
                    return Result.Malformed;
                }
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return Result.Malformed;
        }

        long offsetTicks;
        if (i == text.Length)
        {
            return Result.NoOffset;
        }

        if (text[i] is 'Z' or 'z')
        {
            offsetTicks = 0;
            i++;
        }
        else if (text[i] is '+' or '-')
        {
            var sign = text[i] == '-' ? -1 : 1;
            if (!Digits(text, i + 1, 2, out var offsetHours))
            {
                return Result.Malformed;
            }

            i += 3;
            var offsetMinutes = 0;
            if (i < text.Length)
            {
                if (text[i] == ':')
                {
                    i++;
                }

                if (!Digits(text, i, 2, out offsetMinutes))
                {
                    return Result.Malformed;
                }

                i += 2;
            }

            if (offsetHours > 14 || offsetMinutes > 59 || (offsetHours == 14 && offsetMinutes > 0))
            {
                return Result.Malformed;
            }

            offsetTicks = sign * ((offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute));
        }
        else
        {
            return Result.Malformed;
        }

        if (i != text.Length)
        {
            return Result.Malformed;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction;
        utcTicks = local - offsetTicks;
        return Result.Ok;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var k = start; k < start + count; k++)
        {
            var c = text[k];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
