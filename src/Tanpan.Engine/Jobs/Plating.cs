namespace Tanpan.Engine.Jobs;

/// <summary>Plating geometry of a work order.</summary>
public static class Plating
{
    /// <summary>Plated metal mass (kg) = area (cm² → m², ×1e-4) × thickness (µm → m, ×1e-6) × density (kg/m³).</summary>
    public static decimal MassKilograms(decimal areaCm2, decimal thicknessMicrometres, decimal densityKgPerM3) =>
        areaCm2 * 0.0001m * (thicknessMicrometres * 0.000001m) * densityKgPerM3;

    /// <summary>A job's part of a mixed batch: batch quantity × mix ratio (%).</summary>
    public static decimal ShareOfBatch(decimal batchQuantity, decimal mixRatioPercent) => batchQuantity * mixRatioPercent / 100m;

    /// <summary>Keys by which a batch's or a period's metered energy is shared out among jobs.</summary>
    public static readonly IReadOnlyList<string> AllocationKeys = ["mass", "area", "pieces", "rack-hours", "ampere-hours"];

    /// <summary>The job's share of metered energy: energy × the job's key value ÷ the batch's (or period's) total.</summary>
    public static decimal Allocate(decimal meteredQuantity, decimal jobKeyValue, decimal totalKeyValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalKeyValue);
        return meteredQuantity * jobKeyValue / totalKeyValue;
    }
}
