using System.Text;
using System.Text.Json;
using Tanpan.Web.Features.Calculations;

namespace Tanpan.Web.Tests.Features.Calculations;

/// <summary>The fast decimal formatting must write exactly what <see cref="Utf8JsonWriter"/> writes for every decimal.</summary>
public class JsonDecimalTests
{
    // A fact, not a theory: xUnit's test-case ids lose a decimal's scale (0m, 0.0m and -0.00m would collapse).
    private static readonly decimal[] EdgeCases =
    [
        0m, -0m, 0.0m, -0.00m, 0.000000000000000000000000000m, 1m, -1m, 10m, 1.0m, 0.1m, 0.01m, 5688.000m, 1924m,
        0.1233415195812249130952169454m, 2972.4387096774193548387096774m, decimal.MaxValue, decimal.MinValue,
        new decimal(1, 0, 0, false, 28), new decimal(1, 0, 0, true, 28), new decimal(-1, -1, -1, false, 28),
        new decimal(-1, -1, 0, false, 0), new decimal(0, 0, 1, false, 0), new decimal(0, 0, 1, false, 9),
        1_000_000_000m, 1_000_000_000_000_000_000m, 1_000_000_000_000_000_000_000_000m, 999_999_999m,
        18446744073709551615m, 18446744073709551616m, 0.000000001m, 1000000000.000000000m,
    ];

    [Fact]
    public void Format_MatchesUtf8JsonWriter_OnEdgeCases()
    {
        foreach (var value in EdgeCases)
        {
            Assert.Equal(Reference(value), Fast(value));
        }

        Assert.Equal("0.00", Fast(-0.00m));
        Assert.Equal("5688.000", Fast(5688.000m));
    }

    [Fact]
    public void Format_MatchesUtf8JsonWriter_OnRandomDecimals()
    {
        var random = new Random(14064);
        for (var i = 0; i < 200_000; i++)
        {
            // Mantissas of every size (a few bits up to 96), every scale and both signs.
            var bits = random.Next(0, 97);
            var lo = bits == 0 ? 0 : random.Next() | (random.Next(2) << 31);
            var mid = bits <= 32 ? 0 : random.Next() | (random.Next(2) << 31);
            var hi = bits <= 64 ? 0 : random.Next() | (random.Next(2) << 31);
            if (bits is > 0 and < 32)
            {
                lo &= (int)((1u << bits) - 1);
            }
            else if (bits is > 64 and < 96)
            {
                hi &= (int)((1u << (bits - 64)) - 1);
            }

            var value = new decimal(lo, mid, hi, random.Next(2) == 0, (byte)random.Next(0, 29));
            Assert.Equal(Reference(value), Fast(value));
        }
    }

    [Fact]
    public void Format_MatchesUtf8JsonWriter_OnProducts()
    {
        // The engine's values are products and quotients of inputs and factors: scales and digit counts at the edges.
        var random = new Random(2024);
        for (var i = 0; i < 50_000; i++)
        {
            var a = (decimal)random.NextDouble() * random.Next(1, 100_000);
            var b = (decimal)random.NextDouble() / random.Next(1, 1000);
            Assert.Equal(Reference(a * b), Fast(a * b));
            Assert.Equal(Reference(a / (b + 1)), Fast(a / (b + 1)));
        }
    }

    private static string Fast(decimal value)
    {
        Span<byte> buffer = stackalloc byte[JsonDecimal.MaxLength];
        return Encoding.UTF8.GetString(buffer[..JsonDecimal.Format(value, buffer)]);
    }

    private static string Reference(decimal value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteNumberValue(value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
