namespace Tanpan.Engine.Jobs;

/// <summary>Plating geometry of a work order.</summary>
public static class Plating
{
    /// <summary>Plated metal mass (kg) = area (cm² → m², ×1e-4) × thickness (µm → m, ×1e-6) × density (kg/m³).</summary>
    public static decimal MassKilograms(decimal areaCm2, decimal thicknessMicrometres, decimal densityKgPerM3) =>
        areaCm2 * 0.0001m * (thicknessMicrometres * 0.000001m) * densityKgPerM3;
}
