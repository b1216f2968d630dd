using Tanpan.Engine.Pricing;

namespace Tanpan.Web.Features.Calculations;

// Answer formats of the carbon-price routes (DESIGN §5: carbon-fee, cbam; and us-cca, power-obligation in the same
// conventions). Every parameter used is listed with the response field it feeds, its rule in both languages and source.

public sealed record TextResponse(string Zh, string En);

public sealed record ParameterResponse(string Field, string Parameter, string Value, string Unit, TextResponse Rule, string Verification, string Source, string File);

public sealed record CarbonFeeResponse(
    int Year, decimal EmissionsT, bool HighLeakage, string Plan, int Period, bool Liable, decimal ThresholdT, decimal KT, decimal Adjustment,
    decimal ChargeableT, decimal RateNtdPerT, decimal FeeNtd, TextResponse Note, IReadOnlyList<ParameterResponse> Parameters);

public sealed record CbamGoodResponse(
    string CnCode, string Sector, decimal Tonnes, decimal SeePerT, bool IndirectCounted, decimal MarkUp, decimal EmbeddedT, decimal CbamFactor,
    decimal FreeAllocationT, decimal ChargeableT, decimal CarbonPriceDeductionT, decimal Certificates, decimal CostEur, bool InDeMinimis);

public sealed record CbamTotalsResponse(decimal Tonnes, decimal DeMinimisTonnes, decimal EmbeddedT, decimal Certificates, decimal CostEur, bool DeMinimisApplied, TextResponse Note);

public sealed record CbamResponse(int Year, decimal CarbonPricePaidEurPerT, decimal EuaPriceEurPerT, IReadOnlyList<CbamGoodResponse> Goods, CbamTotalsResponse Totals, IReadOnlyList<ParameterResponse> Parameters);

public sealed record UsCcaResponse(int Year, string Bill, bool InForce, decimal Tonnes, decimal PriceUsdPerT, decimal GapTPerT, decimal ChargedT, decimal ChargeUsd, TextResponse Note, IReadOnlyList<ParameterResponse> Parameters);

public sealed record PowerObligationWayResponse(string Way, TextResponse Name, decimal Quantity, string Unit, decimal? CostNtd, bool Annual);

public sealed record PowerObligationResponse(
    bool Applies, decimal ContractKw, decimal ThresholdKw, decimal ObligationShare, decimal EarlyCredit, decimal ObligationKw,
    IReadOnlyList<PowerObligationWayResponse> Ways, TextResponse Note, IReadOnlyList<ParameterResponse> Parameters);

internal static class PricingContract
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["threshold_applicability"] = "thresholdT",
        ["K_value"] = "kT",
        ["K_value_high_leakage"] = "kT",
        ["leakage_adjustment_period1"] = "adjustment",
        ["leakage_adjustment_period2"] = "adjustment",
        ["leakage_adjustment_period3"] = "adjustment",
        ["adjustment_default"] = "adjustment",
        ["general_rate"] = "rateNtdPerT",
        ["preferential_rate_A"] = "rateNtdPerT",
        ["preferential_rate_B"] = "rateNtdPerT",
        ["rounding_chargeable_emissions"] = "chargeableT",
        ["cbam_factor"] = "goods[].cbamFactor",
        ["default_value_markup"] = "goods[].markUp",
        ["de_minimis_threshold"] = "totals.deMinimisApplied",
        ["indirect_emissions_scope"] = "goods[].indirectCounted",
        ["certificates"] = "goods[].certificates",
        ["price_start"] = "priceUsdPerT",
        ["price_start_year"] = "inForce",
        ["price_increase_real"] = "priceUsdPerT",
        ["baseline"] = "gapTPerT",
        ["large_power_user_threshold"] = "applies",
        ["large_power_user_obligation"] = "obligationKw",
        ["annual_generation_hours"] = "ways[buy-re-certificates].quantity",
        ["storage_hours"] = "ways[storage].quantity",
        ["large_power_user_substitute_fee"] = "ways[substitute-fee].costNtd",
    };

    public static IReadOnlyList<ParameterResponse> Parameters(IReadOnlyList<ParameterTrace> traces) =>
        traces.Select(t => new ParameterResponse(Fields.GetValueOrDefault(t.Parameter, t.Parameter), t.Parameter, t.Value, t.Unit, new(t.RuleZh, t.RuleEn), t.Verification, t.Source, t.File)).ToArray();

    public static CarbonFeeResponse From(CarbonFeeResult r, bool highLeakage, CarbonFeePlan plan, int period) =>
        new(r.Year, r.EmissionsT, highLeakage, CarbonFee.PlanCode(plan), period, r.Liable, r.ThresholdT, r.KT, r.Adjustment, r.ChargeableT, r.RateNtdPerT, r.FeeNtd,
            new(r.NoteZh, r.NoteEn), Parameters(r.Parameters));

    public static CbamResponse From(CbamResult r, decimal paid, decimal eua)
    {
        var t = r.Totals;
        var note = t.DeMinimisApplied
            ? new TextResponse("附件一貨品合計未超過 50 公噸（微量豁免），本年度無須繳交憑證（電力、氫除外）。", "Annex I goods total 50 t or less (de minimis): no certificates are due for the year (electricity and hydrogen excepted).")
            : new TextResponse("附件一貨品合計超過 50 公噸，全年進口皆須繳交憑證。", "Annex I goods exceed 50 t: the whole year's imports need certificates.");
        return new(r.Year, paid, eua,
            r.Goods.Select(g => new CbamGoodResponse(g.CnCode, CbamSectors.Code(g.Sector), g.Tonnes, g.SeePerT, g.IndirectCounted, g.MarkUp, g.EmbeddedT, g.CbamFactor,
                g.FreeAllocationT, g.ChargeableT, g.CarbonPriceDeductionT, g.Certificates, g.CostEur, g.InDeMinimis)).ToArray(),
            new(t.Tonnes, t.DeMinimisTonnes, t.EmbeddedT, t.Certificates, t.CostEur, t.DeMinimisApplied, note),
            Parameters(r.Parameters));
    }

    public static UsCcaResponse From(UsCcaResult r, decimal tonnes) =>
        new(r.Year, r.Bill, r.InForce, tonnes, r.PriceUsdPerT, r.GapTPerT, r.ChargedT, r.ChargeUsd,
            r.InForce
                ? new("美國清潔競爭法案尚為法案（未立法）；估算僅供參考。", "The US Clean Competition Act is a bill, not law: an estimate only.")
                : new("此年度尚未開始課徵（依所選法案版本）。", "Not charged in this year under the chosen bill."),
            Parameters(r.Parameters));

    public static PowerObligationResponse From(PowerObligationResult r) =>
        new(r.Applies, r.ContractKw, r.ThresholdKw, r.ObligationShare, r.EarlyCredit, r.ObligationKw,
            r.Ways.Select(w => new PowerObligationWayResponse(w.Way, WayName(w.Way), w.Quantity, w.Unit, w.CostNtd, w.Annual)).ToArray(),
            r.Applies
                ? new("契約容量達 5,000 kW，須於 5 年內履行義務（四種方式擇一或併用）。", "Contract capacity of 5,000 kW or more: the obligation is due within 5 years (any of the four ways, or a mix).")
                : new("契約容量未達 5,000 kW，不適用用電大戶條款。", "Contract capacity below 5,000 kW: the large-power-user clause does not apply."),
            Parameters(r.Parameters));

    public static TextResponse WayName(string way) => way switch
    {
        "install-re" => new("設置再生能源發電設備", "Install renewable generation"),
        "buy-re-certificates" => new("購買再生能源電力及憑證", "Buy renewable power with certificates"),
        "storage" => new("設置儲能設備", "Install storage"),
        _ => new("繳納代金", "Pay the substitute fee"),
    };
}
