namespace Tanpan.Engine.Quantities;

/// <summary>A unit of measure: <see cref="PerBase"/> is how many base units (J, L, kg, piece, cm², m, h)
/// one of this unit is. Immutable; compare by <see cref="Code"/>.</summary>
public sealed record Unit(string Code, Dimension Dimension, decimal PerBase, string Name)
{
    /// <summary>Converts <paramref name="value"/> from this unit to <paramref name="target"/>, multiplying before dividing
    /// so that no significant digits are lost to decimal's fixed scale.</summary>
    public decimal Convert(decimal value, Unit target)
    {
        if (target.Dimension != Dimension)
        {
            throw new InvalidOperationException($"Cannot convert {Code} ({Dimension}) to {target.Code} ({target.Dimension}).");
        }

        return PerBase == target.PerBase ? value : value * PerBase / target.PerBase;
    }

    public override string ToString() => Code;
}
