using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Pricing;

public sealed record UsCcaRequest(int Year, decimal Tonnes, decimal ProductIntensityTPerT, decimal BaselineIntensityTPerT, string Bill = UsCca.DefaultBill);

public sealed record UsCcaResult(int Year, string Bill, bool InForce, decimal PriceUsdPerT, decimal GapTPerT, decimal ChargedT, decimal ChargeUsd, IReadOnlyList<ParameterTrace> Parameters);

/// <summary>Estimate of the US Clean Competition Act carbon intensity charge (a bill, not law): (product intensity −
/// US baseline intensity, not below 0) × tonnes × price(year), price(year) = start price × (1 + real increase)^(year −
/// start year) in start-year dollars. The user gives the baseline for the year (the bill lowers it year by year).</summary>
public static class UsCca
{
    public const string DefaultBill = "s4355-117";

    public static Outcome<UsCcaResult> Estimate(UsCcaRequest request) => Estimate(request, PricingData.Shipped);

    public static Outcome<UsCcaResult> Estimate(UsCcaRequest request, PricingData data)
    {
        var errors = new List<FieldError>();
        if (!data.UsCcaBills.Contains(request.Bill, StringComparer.Ordinal))
        {
            errors.Add(new("bill", "allowed: " + string.Join(", ", data.UsCcaBills), "uscca.bill"));
        }

        foreach (var (value, path) in new[] { (request.Tonnes, "tonnes"), (request.ProductIntensityTPerT, "productIntensityTPerT"), (request.BaselineIntensityTPerT, "baselineIntensityTPerT") })
        {
            if (value < 0)
            {
                errors.Add(new(path, "must be zero or greater", "quantity.range"));
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<UsCcaResult>.Failure(errors);
        }

        var file = PricingData.UsCcaFile;
        var priceRow = data.UsCca("price_start", request.Bill)!;
        var startRow = data.UsCca("price_start_year", request.Bill)!;
        var increaseRow = data.UsCca("price_increase_real", request.Bill)!;
        var startYear = (int)PricingData.Number(startRow, file);
        var inForce = request.Year >= startYear;
        var price = inForce ? Price(PricingData.Number(priceRow, file), PricingData.Number(increaseRow, file), request.Year - startYear) : 0m;
        var gap = Math.Max(0m, request.ProductIntensityTPerT - request.BaselineIntensityTPerT);
        var charged = gap * request.Tonnes;
        var traces = new List<ParameterTrace>
        {
            PricingData.Trace(priceRow, file, "起始碳價（每公噸超出基準線之排放）；此為法案，尚未立法。", "Starting price per tonne of emissions above the baseline; a bill, not enacted law."),
            PricingData.Trace(startRow, file, "開始課徵之年度；之前年度不課徵。", "First year charged; nothing is charged before it."),
            PricingData.Trace(increaseRow, file, "每年實質漲幅（高於通膨）；估算以起始年幣值表示，未計通膨。", "Real yearly increase (above inflation); the estimate is in start-year dollars, inflation not included."),
        };
        if (data.UsCca("baseline", request.Bill) is { } baseline)
        {
            traces.Add(PricingData.Trace(baseline, file, "僅就超出美國同業平均碳強度之部分計費；基準線由使用者依年度給定。", "Only the intensity above the US industry average is charged; the user gives the year's baseline.",
                request.BaselineIntensityTPerT.ToString(CultureInfo.InvariantCulture)));
        }

        return Outcome<UsCcaResult>.Success(new(request.Year, request.Bill, inForce, price, gap, charged, charged * price, traces));
    }

    /// <summary>start × (1 + increase)^years, compounded in decimal.</summary>
    public static decimal Price(decimal start, decimal increase, int years)
    {
        var price = start;
        for (var i = 0; i < years; i++)
        {
            price *= 1m + increase;
        }

        return price;
    }
}
