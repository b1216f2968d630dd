namespace Tanpan.Engine.Quantities;

/// <summary>An amount with its unit. Conversion is explicit (<see cref="In"/>); arithmetic across
/// units is not offered so that a unit can never be dropped silently.</summary>
public readonly record struct Quantity(decimal Value, Unit Unit)
{
    public Quantity In(Unit target) => new(Unit.Convert(Value, target), target);

    public static Quantity Of(decimal value, string unitCode) => new(value, Units.Parse(unitCode));

    public override string ToString() => $"{Value} {Unit.Code}";
}

/// <summary>An intensive quantity such as a heat value (kcal/L) or an emission factor (kg/TJ):
/// <see cref="Value"/> <see cref="Numerator"/> per one <see cref="Denominator"/>.</summary>
public readonly record struct Rate(decimal Value, Unit Numerator, Unit Denominator)
{
    /// <summary>Re-expresses the rate with other units of the same dimensions.</summary>
    public Rate In(Unit numerator, Unit denominator)
    {
        // Multiply before dividing: decimal keeps 28 digits after the point, so tiny ratios would lose significance.
        var top = Numerator.Convert(Value, numerator);
        return new(denominator.Convert(top, Denominator), numerator, denominator);
    }

    public static bool TryParse(decimal value, string? unit, out Rate rate)
    {
        rate = default;
        if (unit is null)
        {
            return false;
        }

        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == unit.Length - 1)
        {
            return false;
        }

        if (!Units.TryParse(unit[..slash], out var top) || !Units.TryParse(unit[(slash + 1)..], out var bottom))
        {
            return false;
        }

        rate = new Rate(value, top, bottom);
        return true;
    }

    public override string ToString() => $"{Value} {Numerator.Code}/{Denominator.Code}";
}
