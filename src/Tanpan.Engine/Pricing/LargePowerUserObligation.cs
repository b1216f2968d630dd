using Tanpan.Engine.Common;

namespace Tanpan.Engine.Pricing;

/// <summary>Inputs of the large-power-user clause (用電大戶條款). Costs are optional: without one, the way shows its
/// quantity only. <paramref name="CompletedWithinYears"/> is when the obligation is (to be) completed after notice.</summary>
public sealed record PowerObligationRequest(
    decimal ContractKw,
    int? CompletedWithinYears = null,
    decimal? ReInstallNtdPerKw = null,
    decimal? ReCertificateNtdPerKwh = null,
    decimal AnnualGenerationHours = LargePowerUserObligation.DefaultGenerationHours,
    decimal? StorageNtdPerKwh = null,
    decimal? SubstituteFeeNtdPerKwh = null);

/// <summary>One way to meet the obligation: its quantity (kW, kWh/yr or kWh) and cost (once or per year).</summary>
public sealed record PowerObligationWay(string Way, decimal Quantity, string Unit, decimal? CostNtd, bool Annual);

public sealed record PowerObligationResult(
    bool Applies,
    decimal ContractKw,
    decimal ThresholdKw,
    decimal ObligationShare,
    decimal EarlyCredit,
    decimal ObligationKw,
    IReadOnlyList<PowerObligationWay> Ways,
    IReadOnlyList<ParameterTrace> Parameters);

/// <summary>一定契約容量以上之電力用戶應設置再生能源發電設備管理辦法 (in force 2021-01-01), as in table 3 of seeds/004:
/// obligation = 10 % of the contract capacity for users ≥ 5,000 kW, met by installing renewables (kW), buying renewable
/// power with certificates (kW × yearly generation hours), storage (kW × 2 h) or the substitute fee (kW × 2,500 kWh/kW
/// × NT$/kWh a year); completing within 3 years cuts the obligation by 20 %, within 4 years by 10 %.</summary>
public static class LargePowerUserObligation
{
    /// <summary>Yearly generation of a kW of solar in Taiwan, about 1,250 kWh/kW (an assumption the user can change).</summary>
    public const decimal DefaultGenerationHours = 1250m;

    public const decimal StorageHours = 2m;

    /// <summary>表3: 年繳交金額 = 義務裝置容量 × 2,500 度/瓩 × 元/度.</summary>
    public const decimal SubstituteFeeKwhPerKw = 2500m;

    public static Outcome<PowerObligationResult> Calculate(PowerObligationRequest request) => Calculate(request, PricingData.Shipped);

    public static Outcome<PowerObligationResult> Calculate(PowerObligationRequest request, PricingData data)
    {
        var errors = new List<FieldError>();
        if (request.ContractKw < 0)
        {
            errors.Add(new("contractKw", "must be zero or greater (kW)", "quantity.range"));
        }

        if (request.CompletedWithinYears is < 1 or > 5)
        {
            errors.Add(new("completedWithinYears", "must be 1 to 5 (years after notice; the obligation is due within 5)", "obligation.years"));
        }

        foreach (var (value, path) in new[] { (request.ReInstallNtdPerKw, "reInstallNtdPerKw"), (request.ReCertificateNtdPerKwh, "reCertificateNtdPerKwh"), (request.StorageNtdPerKwh, "storageNtdPerKwh"), (request.SubstituteFeeNtdPerKwh, "substituteFeeNtdPerKwh") })
        {
            if (value is < 0)
            {
                errors.Add(new(path, "must be zero or greater (NT$)", "quantity.range"));
            }
        }

        if (request.AnnualGenerationHours is <= 0 or > 8760)
        {
            errors.Add(new("annualGenerationHours", "must be greater than 0 and at most 8760 (kWh per kW a year)", "number.range"));
        }

        if (errors.Count > 0)
        {
            return Outcome<PowerObligationResult>.Failure(errors);
        }

        var file = PricingData.CarbonFeeFile;
        var thresholdRow = data.CarbonFee("large_power_user_threshold");
        var shareRow = data.CarbonFee("large_power_user_obligation");
        var feeRow = data.CarbonFee("large_power_user_substitute_fee");
        var threshold = PricingData.Number(thresholdRow, file);
        var share = PricingData.Number(shareRow, file);
        var feeRate = request.SubstituteFeeNtdPerKwh ?? PricingData.Number(feeRow, file);
        var credit = request.CompletedWithinYears switch
        {
            <= 3 => 0.2m,
            4 => 0.1m,
            _ => 0m,
        };
        var applies = request.ContractKw >= threshold;
        var obligation = applies ? request.ContractKw * share * (1m - credit) : 0m;
        var certificateKwh = obligation * request.AnnualGenerationHours;
        var storageKwh = obligation * StorageHours;
        var feeKwh = obligation * SubstituteFeeKwhPerKw;
        PowerObligationWay[] ways =
        [
            new("install-re", obligation, "kW", request.ReInstallNtdPerKw * obligation, false),
            new("buy-re-certificates", certificateKwh, "kWh/yr", request.ReCertificateNtdPerKwh * certificateKwh, true),
            new("storage", storageKwh, "kWh", request.StorageNtdPerKwh * storageKwh, false),
            new("substitute-fee", feeKwh, "kWh/yr", feeRate * feeKwh, true),
        ];
        var traces = new List<ParameterTrace>
        {
            PricingData.Trace(thresholdRow, file, "契約容量 5,000 kW 以上之電力用戶適用（110 年 1 月 1 日起）。", "Applies to users with a contract capacity of 5,000 kW or more (from 2021-01-01)."),
            PricingData.Trace(shareRow, file, "義務裝置容量 = 契約容量 × 10%；應於 5 年內完成；3 年內完成扣減 20%、4 年內扣減 10%（表 3）。",
                "Obligation = contract capacity × 10 %, due within 5 years; completing within 3 years cuts it by 20 %, within 4 years by 10 % (table 3)."),
            new("annual_generation_hours", request.AnnualGenerationHours.ToString(System.Globalization.CultureInfo.InvariantCulture), "kWh/kW·yr",
                "購買再生能源電力及憑證：年購買額度 = 義務裝置容量 × 每瓩年售電量（預設 1,250 度/瓩，假設值，可調整）。",
                "Buying renewable power with certificates: kWh a year = obligation kW × yearly generation per kW (default 1,250 kWh/kW, an assumption you can change).",
                "assumption", "seeds/004 表3 (formula); the 1,250 h default is Tanpan's assumption for solar in Taiwan", file),
            new("storage_hours", "2", "h", "設置儲能設備：設置容量 = 義務裝置容量 × 最小供電時數 2 小時。", "Storage: kWh = obligation kW × the minimum 2 hours of supply.", "verified (seed)", "seeds/004 表3", file),
            PricingData.Trace(feeRow, file,
                "繳納代金：年繳交金額 = 義務裝置容量 × 2,500 度/瓩 × 每度代金；每度 4.06 元為 2020 年預告值（原文表 3 為 4 元/度），現行數值未查證。",
                "Substitute fee: yearly amount = obligation kW × 2,500 kWh/kW × NT$ per kWh; NT$4.06 is the 2020 pre-announced level (table 3 shows NT$4), the current value is UNVERIFIED.",
                request.SubstituteFeeNtdPerKwh?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return Outcome<PowerObligationResult>.Success(new(applies, request.ContractKw, threshold, share, credit, obligation, ways, traces));
    }
}
