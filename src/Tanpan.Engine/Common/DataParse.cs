using System.Globalization;

namespace Tanpan.Engine.Common;

internal static class DataParse
{
    public static decimal Decimal(string text, string file) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{file}: '{text}' is not a number.");

    public static int Int(string text, string file) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{file}: '{text}' is not an integer.");
}
