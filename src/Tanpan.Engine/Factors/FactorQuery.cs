using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors;

/// <summary>Everything that selects a factor. Equal queries resolve to the same factor, so it is the cache key.</summary>
public readonly record struct FactorQuery(
    string Activity,
    GwpSet GwpSet,
    int Year,
    CombustionUse? Use = null,
    string? Technology = null,
    Rate? HeatValue = null,
    CustomFactor? Custom = null,
    string? FactorSet = null);
