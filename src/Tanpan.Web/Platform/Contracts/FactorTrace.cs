using Tanpan.Engine.Factors;

namespace Tanpan.Web.Platform.Contracts;

// The trace of a factor as every API shows it (calculations, factor search, later reports): id, value, unit,
// source, version, set, year, verification, GWP set and per-gas parts.

public sealed record FactorResponse(
    string Id,
    decimal Value,
    string Unit,
    string Source,
    string Version,
    string FactorSet,
    int? Year,
    string Verification,
    string? GwpSet,
    bool GwpApplied,
    HeatValueResponse? HeatValue,
    IReadOnlyList<GasFactorResponse> Gases,
    IReadOnlyList<string> Notes);

/// <summary>The factor as each line shows it (DESIGN §5); the full trace is in the response's <c>factors</c> by id,
/// so a 10,000-line inventory does not repeat it 10,000 times.</summary>
public sealed record FactorRefResponse(string Id, decimal Value, string Unit, string Source, string Version, string FactorSet, int? Year, string? GwpSet);

public sealed record HeatValueResponse(decimal Value, string Unit, string Table, string Source, bool Overridden);

public sealed record GasFactorResponse(string Gas, decimal KgPerUnit, decimal? KgPerTj, decimal Gwp, string GwpBasis);

/// <summary>Maps an engine factor to its API trace.</summary>
public static class FactorTrace
{
    public static FactorRefResponse Reference(ResolvedFactor f) =>
        new(f.Id, f.KgCo2ePerUnit, $"kgCO2e/{f.PerUnit.Code}", f.Provenance.Source, f.Provenance.Version, f.Provenance.SetId, f.Year, f.GwpSet?.Code());

    public static FactorResponse From(ResolvedFactor f) =>
        new(
            f.Id,
            f.KgCo2ePerUnit,
            $"kgCO2e/{f.PerUnit.Code}",
            f.Provenance.Source,
            f.Provenance.Version,
            f.Provenance.SetId,
            f.Year,
            f.Provenance.Verification,
            f.GwpSet?.Code(),
            !f.IsCo2eFactor,
            f.HeatValue is { } h ? new HeatValueResponse(h.Value.Value, $"{h.Value.Numerator.Code}/{h.Value.Denominator.Code}", h.Table, h.Source, h.Overridden) : null,
            f.Gases.Select(g => new GasFactorResponse(g.Gas, g.KgPerUnit, g.KgPerTj, g.Gwp, g.GwpBasis)).ToArray(),
            f.Notes);
}
