using Tanpan.Engine.Common;

namespace Tanpan.Engine.Pricing;

/// <summary>A Taiwan fee-rate path: the general rate per year (null = the published rate). Preferential rates scale
/// with the general rate in the same proportion (50/300, 100/300): an assumption, since no later preferential rates
/// are published.</summary>
public sealed record FeeRateScenario(string Id, string NameZh, string NameEn, Func<int, decimal?> GeneralRateNtdPerT);

public sealed record FeeYear(int Year, string Scenario, decimal EmissionsT, bool Liable, decimal ChargeableT, decimal RateNtdPerT, decimal FeeNtd);

public sealed record EuaScenario(string Id, decimal EuaPriceEurPerT);

public sealed record CbamYear(int Year, string Scenario, decimal EmbeddedT, decimal Certificates, decimal CostEur, bool DeMinimisApplied);

/// <summary>Carbon-price exposure over years and price scenarios: the Taiwan carbon fee in NT$ and CBAM in EUR.</summary>
public static class ExposureScenarios
{
    /// <summary>The 審議會's suggested post-2030 level (NT$1,200–1,800, secondary), applied from 2030.</summary>
    public const int GuidanceFromYear = 2030;

    public static IReadOnlyList<FeeRateScenario> ShippedFeeScenarios(PricingData data)
    {
        var guidance = data.CarbonFee("future_rate_guidance").Value.Split('-');
        var low = PricingData.Number(data.CarbonFee("future_rate_guidance") with { Value = guidance[0] }, PricingData.CarbonFeeFile);
        var high = PricingData.Number(data.CarbonFee("future_rate_guidance") with { Value = guidance[^1] }, PricingData.CarbonFeeFile);
        return
        [
            new("current", "現行費率", "Current rates", _ => null),
            new("guidance-low", $"2030 年起 {low:0} 元", $"NT${low:0} from 2030", y => y >= GuidanceFromYear ? low : null),
            new("guidance-high", $"2030 年起 {high:0} 元", $"NT${high:0} from 2030", y => y >= GuidanceFromYear ? high : null),
        ];
    }

    public static IReadOnlyList<FeeYear> CarbonFeePath(IReadOnlyList<int> years, Func<int, decimal> emissionsT, bool highLeakage, CarbonFeePlan plan, int period,
        IReadOnlyList<FeeRateScenario> scenarios, PricingData data)
    {
        var general = data.CarbonFeeValue("general_rate");
        var rows = new List<FeeYear>(years.Count * scenarios.Count);
        foreach (var scenario in scenarios)
        {
            foreach (var year in years)
            {
                decimal? rate = null;
                if (scenario.GeneralRateNtdPerT(year) is { } g)
                {
                    var published = plan switch
                    {
                        CarbonFeePlan.RateA => data.CarbonFeeValue("preferential_rate_A"),
                        CarbonFeePlan.RateB => data.CarbonFeeValue("preferential_rate_B"),
                        _ => general,
                    };
                    rate = g * published / general;
                }

                var outcome = CarbonFee.Calculate(new CarbonFeeRequest(Math.Max(year, CarbonFee.FirstYear), emissionsT(year), highLeakage, plan, period, rate), data);
                if (!outcome.Succeeded)
                {
                    throw new ArgumentException(string.Join("; ", outcome.Errors.Select(e => e.Path + ": " + e.Message)), nameof(emissionsT));
                }

                var r = outcome.Value;
                rows.Add(new(year, scenario.Id, r.EmissionsT, r.Liable, r.ChargeableT, r.RateNtdPerT, r.FeeNtd));
            }
        }

        return rows;
    }

    public static Outcome<IReadOnlyList<CbamYear>> CbamPath(IReadOnlyList<int> years, IReadOnlyList<CbamGood> goods, decimal carbonPricePaidEurPerT,
        IReadOnlyList<EuaScenario> scenarios, PricingData data)
    {
        var rows = new List<CbamYear>(years.Count * scenarios.Count);
        foreach (var scenario in scenarios)
        {
            foreach (var year in years)
            {
                var outcome = Cbam.Calculate(new CbamRequest(year, goods, carbonPricePaidEurPerT, scenario.EuaPriceEurPerT), data);
                if (!outcome.Succeeded)
                {
                    return Outcome<IReadOnlyList<CbamYear>>.Failure(outcome.Errors);
                }

                var t = outcome.Value.Totals;
                rows.Add(new(year, scenario.Id, t.EmbeddedT, t.Certificates, t.CostEur, t.DeMinimisApplied));
            }
        }

        return Outcome<IReadOnlyList<CbamYear>>.Success(rows);
    }
}
