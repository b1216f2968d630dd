using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Pricing;

/// <summary>One imported good: mass in tonnes (MWh for electricity), specific embedded emissions per tonne, the
/// product benchmark per tonne when known, and whether the SEE are the Commission's default values.</summary>
public sealed record CbamGood(string CnCode, decimal Tonnes, decimal SeeDirectT, decimal SeeIndirectT, decimal? BenchmarkT, bool DefaultValues);

public sealed record CbamRequest(int Year, IReadOnlyList<CbamGood> Goods, decimal CarbonPricePaidEurPerT, decimal EuaPriceEurPerT);

public sealed record CbamGoodResult(
    string CnCode,
    CbamSector Sector,
    decimal Tonnes,
    decimal SeePerT,
    bool IndirectCounted,
    decimal MarkUp,
    decimal EmbeddedT,
    decimal CbamFactor,
    decimal FreeAllocationT,
    decimal ChargeableT,
    decimal CarbonPriceDeductionT,
    decimal Certificates,
    decimal CostEur,
    bool InDeMinimis);

public sealed record CbamTotals(decimal Tonnes, decimal DeMinimisTonnes, decimal EmbeddedT, decimal Certificates, decimal CostEur, bool DeMinimisApplied);

public sealed record CbamResult(int Year, IReadOnlyList<CbamGoodResult> Goods, CbamTotals Totals, IReadOnlyList<ParameterTrace> Parameters);

/// <summary>EU CBAM certificates in the definitive period (from 2026): per good, embedded = tonnes × SEE (indirect only
/// where the sector counts it; default values marked up by the year's mark-up); chargeable = embedded − CBAM factor ×
/// benchmark × tonnes; certificates = chargeable − carbon price paid abroad × embedded ÷ EUA price; cost = certificates
/// × EUA price. The totals apply the 50 t de-minimis per importer and year.</summary>
public static class Cbam
{
    /// <summary>2023–2025 was the transitional period (reports only, no certificates): such years are refused, not
    /// priced at zero, so that nobody mistakes a reporting year for a free one.</summary>
    public const int FirstYear = 2026;

    public const int MaxGoods = 500;

    public static Outcome<CbamResult> Calculate(CbamRequest request) => Calculate(request, PricingData.Shipped);

    public static Outcome<CbamResult> Calculate(CbamRequest request, PricingData data)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Outcome<CbamResult>.Failure(errors);
        }

        var file = PricingData.CbamFile;
        var factorRow = data.CbamForYear("cbam_factor", request.Year) ?? throw new InvalidOperationException($"{file}: no cbam_factor for {request.Year}.");
        var factor = PricingData.Number(factorRow, file);
        var markUpRow = data.CbamForYear("default_value_markup", request.Year) ?? throw new InvalidOperationException($"{file}: no default_value_markup for {request.Year}.");
        var markUp = PricingData.Number(markUpRow, file);
        var deMinimisRow = data.Cbam("de_minimis_threshold", "2026+") ?? throw new InvalidOperationException($"{file}: no de_minimis_threshold.");
        var deMinimis = PricingData.Number(deMinimisRow, file);
        var indirectRow = data.Cbam("indirect_emissions_scope", "definitive") ?? throw new InvalidOperationException($"{file}: no indirect_emissions_scope.");
        var yearText = request.Year.ToString(CultureInfo.InvariantCulture);

        var goods = new List<CbamGoodResult>(request.Goods.Count);
        foreach (var good in request.Goods)
        {
            var sector = CbamSectors.Find(good.CnCode)!.Value;
            var indirect = CbamSectors.CountsIndirect(sector);
            var goodMarkUp = good.DefaultValues ? markUp : 0m;
            var seePerT = (good.SeeDirectT + (indirect ? good.SeeIndirectT : 0m)) * (1m + goodMarkUp);
            var embedded = good.Tonnes * seePerT;
            var free = good.BenchmarkT is { } benchmark ? factor * benchmark * good.Tonnes : 0m;
            var chargeable = Math.Max(0m, embedded - free);
            var priceDeduction = request.CarbonPricePaidEurPerT * embedded / request.EuaPriceEurPerT;
            var certificates = Math.Max(0m, chargeable - priceDeduction);
            goods.Add(new(CbamSectors.Normalise(good.CnCode)!, sector, good.Tonnes, seePerT, indirect, goodMarkUp, embedded, factor, free, chargeable,
                priceDeduction, certificates, certificates * request.EuaPriceEurPerT, CbamSectors.InDeMinimis(sector)));
        }

        // The de-minimis counts the mass of the goods it covers; electricity and hydrogen stay due whatever the mass.
        var deMinimisTonnes = goods.Where(g => g.InDeMinimis).Sum(g => g.Tonnes);
        var applied = goods.Any(g => g.InDeMinimis) && deMinimisTonnes <= deMinimis;
        var due = applied ? goods.Where(g => !g.InDeMinimis).ToArray() : goods.ToArray();
        var totals = new CbamTotals(goods.Sum(g => g.Tonnes), deMinimisTonnes, goods.Sum(g => g.EmbeddedT), due.Sum(g => g.Certificates), due.Sum(g => g.CostEur), applied);

        var traces = new List<ParameterTrace>
        {
            PricingData.Trace(factorRow, file,
                $"CBAM 係數 {yearText} 年：免費核配扣除 = CBAM 係數 × 產品基準值 × 噸數（歐盟 ETS 指令第 10a(1a) 條，2023/959 修正）。",
                $"CBAM factor for {yearText}: free-allocation deduction = CBAM factor × product benchmark × tonnes (ETS Directive Art. 10a(1a), as amended by 2023/959)."),
            PricingData.Trace(markUpRow, file,
                $"使用執委會預設值時加成 {Percent(markUp)}（{yearText} 年）；使用實際排放值時不加成。",
                $"Commission default values are marked up by {Percent(markUp)} in {yearText}; actual values are not."),
            PricingData.Trace(deMinimisRow, file,
                "每一進口商每年附件一貨品（鋼鐵、鋁、水泥、肥料）淨重合計 50 公噸以下免申報繳納；電力與氫不適用。",
                "Up to 50 t net mass of Annex I goods (iron and steel, aluminium, cement, fertilisers) per importer and year is exempt; electricity and hydrogen are not covered by it."),
            PricingData.Trace(indirectRow, file,
                "間接排放僅水泥與肥料計入；鋼鐵、鋁、氫僅計直接排放（附件二）。",
                "Indirect emissions count for cement and fertilisers only; iron and steel, aluminium and hydrogen count direct emissions only (Annex II)."),
            new("certificates", "chargeable − carbonPricePaid × embedded ÷ EUA", "certificates", "憑證數 = 應繳排放量 − 境外已付碳價 × 內含排放 ÷ CBAM 憑證價格（不小於 0）；費用 = 憑證數 × 憑證價格。",
                "Certificates = chargeable emissions − carbon price paid abroad × embedded emissions ÷ CBAM certificate price (not below 0); cost = certificates × price.",
                "derived", "factors/README.md (CBAM rule); Regulation (EU) 2023/956 Art. 9, 21, 22", file),
        };
        return Outcome<CbamResult>.Success(new(request.Year, goods, totals, traces));

        static string Percent(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";
    }

    private static List<FieldError> Validate(CbamRequest request)
    {
        var errors = new List<FieldError>();
        if (request.Year < FirstYear)
        {
            errors.Add(new("year", $"CBAM certificates are due from {FirstYear} (2023–2025 was the transitional, reporting-only period); give a year ≥ {FirstYear}", "cbam.year", ErrorArgs.Of("min", FirstYear.ToString(CultureInfo.InvariantCulture))));
        }

        if (request.Goods.Count is 0 or > MaxGoods)
        {
            errors.Add(new("goods", $"give 1 to {MaxGoods} goods", "cbam.goods"));
        }

        for (var i = 0; i < request.Goods.Count && i < MaxGoods; i++)
        {
            var good = request.Goods[i];
            var path = $"goods[{i}]";
            if (CbamSectors.Normalise(good.CnCode) is null)
            {
                errors.Add(new(path + ".cnCode", "must be an 8-digit CN code, e.g. 7208 51 20", "cbam.cn.format"));
            }
            else if (CbamSectors.Find(good.CnCode) is null)
            {
                errors.Add(new(path + ".cnCode", "is not a CBAM good; allowed: chapters 72, 73 (iron and steel), 76 (aluminium), 2523 (cement), 31, 2808, 2814, 2834 (fertilisers), 2804 10 (hydrogen), 2716 (electricity)", "cbam.cn.unknown"));
            }

            AddNonNegative(errors, good.Tonnes, path + ".tonnes");
            AddNonNegative(errors, good.SeeDirectT, path + ".seeDirectT");
            AddNonNegative(errors, good.SeeIndirectT, path + ".seeIndirectT");
            if (good.BenchmarkT is { } b)
            {
                AddNonNegative(errors, b, path + ".benchmarkT");
            }
        }

        AddNonNegative(errors, request.CarbonPricePaidEurPerT, "carbonPricePaidEurPerT");
        if (request.EuaPriceEurPerT <= 0)
        {
            errors.Add(new("euaPriceEurPerT", "must be greater than 0 (EUR per certificate)", "quantity.range"));
        }

        return errors;
    }

    private static void AddNonNegative(List<FieldError> errors, decimal value, string path)
    {
        if (value < 0)
        {
            errors.Add(new(path, "must be zero or greater", "quantity.range"));
        }
    }
}
