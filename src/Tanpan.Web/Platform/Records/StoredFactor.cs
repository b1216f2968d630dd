using Tanpan.Engine.Factors;

namespace Tanpan.Web.Platform.Records;

/// <summary>A factor's full trace as kept with a result (so a later library version cannot change what was used).</summary>
public sealed record StoredFactor(
    string Id, decimal Value, string Unit, string Source, string Version, string FactorSet, int? Year, string Verification, string? GwpSet, bool GwpApplied,
    StoredFactorHeatValue? HeatValue, IReadOnlyList<StoredGasFactor> Gases, IReadOnlyList<string> Notes)
{
    public static StoredFactor From(ResolvedFactor f) => new(
        f.Id, f.KgCo2ePerUnit, $"kgCO2e/{f.PerUnit.Code}", f.Provenance.Source, f.Provenance.Version, f.Provenance.SetId, f.Year, f.Provenance.Verification, f.GwpSet?.Code(), !f.IsCo2eFactor,
        f.HeatValue is { } h ? new StoredFactorHeatValue(h.Value.Value, $"{h.Value.Numerator.Code}/{h.Value.Denominator.Code}", h.Table, h.Source, h.Overridden) : null,
        f.Gases.Select(g => new StoredGasFactor(g.Gas, g.KgPerUnit, g.KgPerTj, g.Gwp, g.GwpBasis)).ToArray(),
        f.Notes.ToArray());
}

public sealed record StoredFactorHeatValue(decimal Value, string Unit, string Table, string Source, bool Overridden);

public sealed record StoredGasFactor(string Gas, decimal KgPerUnit, decimal? KgPerTj, decimal Gwp, string GwpBasis);
