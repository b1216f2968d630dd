using Tanpan.Engine.Pricing;

namespace Tanpan.Web.Features.Exposure;

public sealed record ExposureAssumptions(bool Saved, bool HighLeakage, string Plan, int Period, IReadOnlyList<decimal> EuaPricesEurPerT, decimal CarbonPricePaidEurPerT, decimal NtdPerEur, decimal NtdPerUsd);

public sealed record ExposureGoodResponse(
    Guid Id, string Name, string CnCode, string? Sector, Guid? ProductId, int? ProductVersion, string SeeSource, decimal? SeeDirectTPerT, decimal SeeIndirectTPerT,
    decimal? BenchmarkTPerT, decimal EuTonnesPerYear, decimal UsTonnesPerYear, decimal? UsBaselineTPerT, string? FootprintRecordHash);

public sealed record FeeScenarioResponse(string Id, string NameZh, string NameEn);

/// <summary>GET /api/v1/exposure: every figure at full precision; fee in NT$, CBAM in EUR, CCA in USD, totals in NT$
/// at the company's exchange-rate assumptions.</summary>
public sealed record ExposureResponse(
    ExposureAssumptions Assumptions, IReadOnlyList<EmissionsYear> Emissions, IReadOnlyList<FeeScenarioResponse> FeeScenarios, IReadOnlyList<FeeYear> CarbonFee,
    IReadOnlyList<ExposureGoodResponse> Goods, IReadOnlyList<EuaScenario> EuaScenarios, IReadOnlyList<CbamYear> Cbam, IReadOnlyList<CcaYear> UsCca,
    string TotalsEuaScenario, IReadOnlyList<ExposureYear> Totals, IReadOnlyList<ExposureProblem> Problems)
{
    public static ExposureResponse From(ExposureView v) => new(
        new(v.Saved, v.Settings.HighLeakage, Engine.Pricing.CarbonFee.PlanCode(v.Settings.Plan), v.Settings.Period, [.. v.EuaScenarios.Select(e => e.EuaPriceEurPerT)], v.Settings.CarbonPricePaidEurPerT, v.Settings.NtdPerEur, v.Settings.NtdPerUsd),
        v.Emissions, [.. v.FeeScenarios.Select(s => new FeeScenarioResponse(s.Id, s.NameZh, s.NameEn))], v.Fee,
        [.. v.Goods.Select(g => new ExposureGoodResponse(g.Good.Id, g.Good.Name, g.Good.CnCode, g.Sector is { } s ? CbamSectors.Code(s) : null, g.Good.ProductId, g.Good.ProductVersion,
            SourceCode(g.Source), g.SeeDirectTPerT, g.SeeIndirectTPerT, g.Good.BenchmarkTPerT, g.Good.EuTonnesPerYear, g.Good.UsTonnesPerYear, g.Good.UsBaselineTPerT, g.FootprintHash))],
        v.EuaScenarios, v.Cbam, v.Cca, v.MiddleEuaScenario, v.Years, [.. v.Problems.Select(p => new ExposureProblem(p.Path, p.Message, p.Code))]);

    public static string SourceCode(SeeSource s) => s switch
    {
        SeeSource.LockedFootprint => "locked-footprint",
        SeeSource.Entered => "entered",
        SeeSource.SiteInventory => "site-inventory",
        SeeSource.DefaultValues => "default-values",
        _ => "missing",
    };
}

public sealed record ExposureProblem(string Path, string Message, string Code);
