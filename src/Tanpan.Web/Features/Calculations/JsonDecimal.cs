using System.Buffers.Text;
using System.Text.Json;

namespace Tanpan.Web.Features.Calculations;

/// <summary>Formats a <see cref="decimal"/> exactly as <see cref="Utf8JsonWriter"/> does (the invariant "G" format:
/// every digit of the mantissa, the scale's trailing zeros kept, never an exponent, negative zero as "0"), without
/// going through the general number formatter. A response carries a hundred or more decimals, and the general path
/// (number buffer, culture lookup, UTF-16 to UTF-8) was the largest single cost of writing it. A test compares the
/// two over random and edge-case values.</summary>
internal static class JsonDecimal
{
    /// <summary>Enough for any decimal: a sign, 29 digits, a point and "0." before a 28-digit fraction.</summary>
    public const int MaxLength = 32;

    private static ReadOnlySpan<byte> Pairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    public static void Write(Utf8JsonWriter w, JsonEncodedText name, decimal value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Format(value, buffer);
        w.WritePropertyName(name);
        w.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    /// <summary>Writes a value formatted by <see cref="Format"/>.</summary>
    public static void WriteFormatted(Utf8JsonWriter w, JsonEncodedText name, ReadOnlySpan<byte> formatted)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(formatted, skipInputValidation: true);
    }

    /// <summary>True when both are written alike: the same value at the same scale (a zero's sign is never written).</summary>
    public static bool SameDigits(decimal a, decimal b) => a.Scale == b.Scale && a == b;

    public static byte[] ToArray(decimal value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return buffer[..Format(value, buffer)].ToArray();
    }

    public static void Write(Utf8JsonWriter w, string name, decimal value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Format(value, buffer);
        w.WritePropertyName(name);
        w.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/>
    /// bytes) and returns the number of bytes written.</summary>
    public static int Format(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var lo = (uint)bits[0];
        var mid = (uint)bits[1];
        var hi = (uint)bits[2];
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;

        // The mantissa's digits, written backwards from the end of a scratch buffer, two at a time.
        Span<byte> digits = stackalloc byte[30];
        var start = digits.Length;
        while (hi != 0)
        {
            // Divide the 96-bit mantissa by 10^9 and write the nine-digit remainder.
            const uint Billion = 1_000_000_000;
            ulong remainder = hi;
            hi = (uint)(remainder / Billion);
            remainder = ((remainder % Billion) << 32) | mid;
            mid = (uint)(remainder / Billion);
            remainder = ((remainder % Billion) << 32) | lo;
            lo = (uint)(remainder / Billion);
            var nine = (uint)(remainder % Billion);
            for (var k = 0; k < 4; k++)
            {
                var pair = nine % 100;
                nine /= 100;
                start -= 2;
                digits[start] = Pairs[(int)(2 * pair)];
                digits[start + 1] = Pairs[(int)((2 * pair) + 1)];
            }

            digits[--start] = (byte)('0' + nine);
        }

        var rest = ((ulong)mid << 32) | lo;
        var mantissaIsZero = rest == 0 && start == digits.Length;
        while (rest >= 100)
        {
            var pair = (int)(rest % 100);
            rest /= 100;
            start -= 2;
            digits[start] = Pairs[2 * pair];
            digits[start + 1] = Pairs[(2 * pair) + 1];
        }

        if (rest >= 10)
        {
            start -= 2;
            digits[start] = Pairs[2 * (int)rest];
            digits[start + 1] = Pairs[(2 * (int)rest) + 1];
        }
        else
        {
            digits[--start] = (byte)('0' + rest);
        }

        // Leading zeros can come from a nine-digit group when the top of the mantissa was consumed exactly.
        while (start < digits.Length - 1 && digits[start] == '0')
        {
            start++;
        }

        var count = digits.Length - start;
        var at = 0;
        if (negative && !mantissaIsZero)
        {
            destination[at++] = (byte)'-';
        }

        if (scale == 0)
        {
            digits[start..].CopyTo(destination[at..]);
            return at + count;
        }

        if (count <= scale)
        {
            // 0.000ddd
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, scale - count).Fill((byte)'0');
            at += scale - count;
            digits[start..].CopyTo(destination[at..]);
            return at + count;
        }

        var whole = count - scale;
        digits.Slice(start, whole).CopyTo(destination[at..]);
        at += whole;
        destination[at++] = (byte)'.';
        digits.Slice(start + whole, scale).CopyTo(destination[at..]);
        return at + scale;
    }

    /// <summary>The reference formatting (what <see cref="Utf8JsonWriter.WriteNumberValue(decimal)"/> writes).</summary>
    internal static int FormatReference(decimal value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : throw new ArgumentException("destination too small", nameof(destination));
}
