using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Pricing;

/// <summary>Which fee rate the entity is on: the general rate, or a preferential rate under an approved
/// 自主減量計畫 (A: industry-specified reduction rate; B: technology-benchmark reduction rate).</summary>
public enum CarbonFeePlan
{
    None,
    RateA,
    RateB,
}

public sealed record CarbonFeeRequest(int Year, decimal EmissionsT, bool HighLeakage, CarbonFeePlan Plan, int Period, decimal? RateOverrideNtdPerT = null);

/// <summary>The fee for one year. <see cref="Parameters"/> lists every parameter used with its rule and source.</summary>
public sealed record CarbonFeeResult(
    int Year,
    decimal EmissionsT,
    bool Liable,
    decimal ThresholdT,
    decimal KT,
    decimal Adjustment,
    decimal ChargeableT,
    decimal RateNtdPerT,
    decimal FeeNtd,
    string NoteZh,
    string NoteEn,
    IReadOnlyList<ParameterTrace> Parameters);

/// <summary>Taiwan carbon fee (碳費收費辦法 Art. 3, 5, 6; 碳費徵收費率): fee = floor(round((E − K) × adjustment, 3) × rate),
/// with the parameters of <c>carbon_fee_tw.csv</c>.</summary>
public static class CarbonFee
{
    /// <summary>The first emissions year charged (paid by end of May 2026).</summary>
    public const int FirstYear = 2025;

    public static Outcome<CarbonFeeResult> Calculate(CarbonFeeRequest request) => Calculate(request, PricingData.Shipped);

    public static Outcome<CarbonFeeResult> Calculate(CarbonFeeRequest request, PricingData data)
    {
        var errors = new List<FieldError>();
        if (request.Year < FirstYear)
        {
            errors.Add(new("year", $"the carbon fee is charged on emissions from {FirstYear} on (first payment May 2026); give a year ≥ {FirstYear}", "carbonfee.year", ErrorArgs.Of("min", FirstYear.ToString(CultureInfo.InvariantCulture))));
        }

        if (request.EmissionsT < 0)
        {
            errors.Add(new("emissionsT", "must be zero or greater (tCO2e)", "quantity.range"));
        }

        if (request.Period is < 1 or > 3)
        {
            errors.Add(new("period", "must be 1, 2 or 3 (the 自主減量計畫 period)", "carbonfee.period"));
        }

        if (request.RateOverrideNtdPerT is < 0)
        {
            errors.Add(new("rateNtdPerT", "must be zero or greater (NT$/tCO2e)", "quantity.range"));
        }

        if (errors.Count > 0)
        {
            return Outcome<CarbonFeeResult>.Failure(errors);
        }

        var file = PricingData.CarbonFeeFile;
        var thresholdRow = data.CarbonFee("threshold_applicability");
        var threshold = PricingData.Number(thresholdRow, file);
        var traces = new List<ParameterTrace>
        {
            PricingData.Trace(thresholdRow, file,
                "全廠（場）直接排放與使用電力間接排放合計達 25,000 公噸 CO2e 以上者為徵收對象（第 3 條）。",
                "Liable when the site's direct plus electricity-indirect emissions are at least 25,000 tCO2e a year (Art. 3)."),
        };

        var kRow = data.CarbonFee(request.HighLeakage ? "K_value_high_leakage" : "K_value");
        var k = PricingData.Number(kRow, file);
        traces.Add(request.HighLeakage
            ? PricingData.Trace(kRow, file,
                "高碳洩漏風險事業 K = 0（第 5 條）；依資料說明，不論是否採自主減量計畫皆適用（假設）。",
                "K = 0 for a high-leakage-risk entity (Art. 5); as the data file states it, this applies with or without a reduction plan (assumption).")
            : PricingData.Trace(kRow, file,
                "收費排放量 = (年排放量 − K) × 排放量調整係數；一般事業 K = 25,000 公噸（第 5 條）。",
                "Chargeable emissions = (annual emissions − K) × adjustment; K = 25,000 t for other entities (Art. 5)."));

        var adjustmentRow = request.HighLeakage && request.Plan != CarbonFeePlan.None
            ? data.CarbonFee("leakage_adjustment_period" + request.Period.ToString(CultureInfo.InvariantCulture))
            : data.CarbonFee("adjustment_default");
        var adjustment = PricingData.Number(adjustmentRow, file);
        traces.Add(request.HighLeakage && request.Plan != CarbonFeePlan.None
            ? PricingData.Trace(adjustmentRow, file,
                $"高碳洩漏風險事業且自主減量計畫經核定，第 {request.Period} 期排放量調整係數（第 6 條）。",
                $"Adjustment for a high-leakage entity with an approved reduction plan, period {request.Period} (Art. 6).")
            : PricingData.Trace(adjustmentRow, file,
                "其他情形排放量調整係數為 1（非高碳洩漏，或未採自主減量計畫）。",
                "Adjustment 1 in all other cases (not high-leakage, or no approved reduction plan)."));

        var rateRow = data.CarbonFee(request.Plan switch
        {
            CarbonFeePlan.RateA => "preferential_rate_A",
            CarbonFeePlan.RateB => "preferential_rate_B",
            _ => "general_rate",
        });
        var rate = request.RateOverrideNtdPerT ?? PricingData.Number(rateRow, file);
        traces.Add(request.RateOverrideNtdPerT is { } over
            ? PricingData.Trace(rateRow, file,
                "情境費率（使用者指定，非公告費率）。",
                "Scenario rate given by the user, not the published rate.", over.ToString(CultureInfo.InvariantCulture))
            : PricingData.Trace(rateRow, file, request.Plan switch
            {
                CarbonFeePlan.RateA => "優惠費率 A（行業別指定削減率）每公噸 50 元。",
                CarbonFeePlan.RateB => "優惠費率 B（技術標竿指定削減率）每公噸 100 元。",
                _ => "一般費率每公噸 300 元（2025-01-01 起）。",
            }, request.Plan switch
            {
                CarbonFeePlan.RateA => "Preferential rate A (industry-specified reduction rate): NT$50 per tonne.",
                CarbonFeePlan.RateB => "Preferential rate B (technology-benchmark reduction rate): NT$100 per tonne.",
                _ => "General rate: NT$300 per tonne (from 2025-01-01).",
            }));

        var roundingRow = data.CarbonFee("rounding_chargeable_emissions");
        var decimals = (int)PricingData.Number(roundingRow, file);
        traces.Add(PricingData.Trace(roundingRow, file,
            "收費排放量四捨五入至小數點後第 3 位；碳費元以下無條件捨去（第 5 條）。",
            "Chargeable emissions rounded half-up to 3 decimals; the fee truncated to whole NT$ (Art. 5)."));

        var liable = request.EmissionsT >= threshold;
        if (!liable)
        {
            var shown = threshold.ToString("#,0", CultureInfo.InvariantCulture);
            return Outcome<CarbonFeeResult>.Success(new(request.Year, request.EmissionsT, false, threshold, k, adjustment, 0m, rate, 0m,
                $"年排放量低於 {shown} 公噸 CO2e，非碳費徵收對象，碳費為 0。",
                $"Annual emissions are below {shown} tCO2e: not liable for the carbon fee; the fee is 0.", traces));
        }

        var chargeable = Math.Round(Math.Max(0m, request.EmissionsT - k) * adjustment, decimals, MidpointRounding.AwayFromZero);
        var fee = Math.Floor(chargeable * rate);
        return Outcome<CarbonFeeResult>.Success(new(request.Year, request.EmissionsT, true, threshold, k, adjustment, chargeable, rate, fee,
            "碳費 = 收費排放量 × 費率（元以下捨去）；每年 5 月底前申報繳納前一年碳費。",
            "Fee = chargeable emissions × rate (truncated to whole NT$); declared and paid by the end of May for the previous year.", traces));
    }

    public static bool TryParsePlan(string? text, out CarbonFeePlan plan)
    {
        plan = text switch
        {
            null or "none" => CarbonFeePlan.None,
            "rate-a" => CarbonFeePlan.RateA,
            "rate-b" => CarbonFeePlan.RateB,
            _ => (CarbonFeePlan)(-1),
        };
        return Enum.IsDefined(plan);
    }

    public static string PlanCode(CarbonFeePlan plan) => plan switch
    {
        CarbonFeePlan.RateA => "rate-a",
        CarbonFeePlan.RateB => "rate-b",
        _ => "none",
    };
}
