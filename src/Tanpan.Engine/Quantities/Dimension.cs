namespace Tanpan.Engine.Quantities;

/// <summary>Physical dimension of a unit; conversion is only defined within one dimension.</summary>
public enum Dimension
{
    Energy,
    Volume,
    Mass,
    Count,
    Area,
    Length,
    Time,
}
