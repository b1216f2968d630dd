using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors;

/// <summary>One gas of a factor: kg of the gas per activity unit, and the GWP applied to it.
/// For factors already in CO2e (grid electricity, custom), <see cref="Gwp"/> is 1 and no GWP is applied.</summary>
public sealed record GasFactor(string Gas, string Group, decimal KgPerUnit, decimal Gwp, string GwpBasis, decimal? KgPerTj)
{
    public decimal KgCo2ePerUnit => KgPerUnit * Gwp;
}

public sealed record FactorProvenance(string SetId, string Source, string Version, string Verification);

public sealed record HeatValueTrace(Rate Value, string Table, string Source, string Verification, bool Overridden);

/// <summary>A factor ready to multiply: per one <see cref="PerUnit"/> of <see cref="Activity"/>, with its full trace.</summary>
public sealed record ResolvedFactor(
    string Id,
    string Activity,
    Unit PerUnit,
    IReadOnlyList<GasFactor> Gases,
    GwpSet? GwpSet,
    FactorProvenance Provenance,
    HeatValueTrace? HeatValue,
    int? Year,
    bool ReportedSeparately,
    IReadOnlyList<string> Notes)
{
    public decimal KgCo2ePerUnit { get; } = Gases.Sum(g => g.KgCo2ePerUnit);

    /// <summary>True when the source value is already CO2e (grid factor, custom): no GWP was applied.</summary>
    public bool IsCo2eFactor => GwpSet is null;
}

/// <summary>A user- or company-supplied CO2e factor.</summary>
public sealed record CustomFactor(string Code, decimal KgCo2ePerUnit, Unit PerUnit, string Source, string? Version, int? Year);

/// <summary>Company-specific factors (per tenant); the engine only reads them.</summary>
public interface ICustomFactorSource
{
    CustomFactor? Find(string code);
}
