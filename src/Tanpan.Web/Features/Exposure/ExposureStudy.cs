using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Exposure;

/// <summary>Where a good's specific embedded emissions come from.</summary>
public enum SeeSource
{
    LockedFootprint,
    SiteInventory,
    Entered,
    DefaultValues,
    Missing,
}

/// <summary>A good with its SEE resolved (tCO2e per tonne). A footprint gives its whole cradle-to-gate figure per kg
/// of product as direct SEE: an upper bound, since CBAM's boundary for iron, steel and aluminium is narrower.</summary>
public sealed record ResolvedGood(ExposureGood Good, CbamSector? Sector, decimal? SeeDirectTPerT, decimal SeeIndirectTPerT, SeeSource Source, int? FootprintVersion, string? FootprintHash);

/// <summary>Scope 1 + 2 (location-based) emissions of a year, tCO2e: an inventory's, or the latest earlier one's carried
/// forward (<see cref="Projected"/>).</summary>
public sealed record EmissionsYear(int Year, decimal Tonnes, bool Projected, int FromInventoryYear, bool Locked);

/// <summary>One year's exposure in NT$: the fee at current rates, CBAM at the middle EUA price, the CCA estimate.</summary>
public sealed record ExposureYear(int Year, decimal? FeeNtd, decimal CbamEur, decimal CcaUsd, decimal TotalNtd);

public sealed record CcaYear(int Year, decimal ChargeUsd, bool InForce);

public sealed record ExposureView(
    ExposureSettings Settings, bool Saved, IReadOnlyList<EmissionsYear> Emissions, IReadOnlyList<FeeRateScenario> FeeScenarios, IReadOnlyList<FeeYear> Fee,
    IReadOnlyList<ResolvedGood> Goods, IReadOnlyList<EuaScenario> EuaScenarios, IReadOnlyList<CbamYear> Cbam, IReadOnlyList<CcaYear> Cca,
    string MiddleEuaScenario, IReadOnlyList<ExposureYear> Years, IReadOnlyList<FieldError> Problems);

/// <summary>Pure: the company's emissions, goods and assumptions priced over the years and scenarios.</summary>
public static class ExposureStudy
{
    public const int FirstYear = CarbonFee.FirstYear;
    public const int FirstCbamYear = 2026;

    /// <summary>2034: the CBAM factor reaches 0 and the phase-in ends; the table has no later year.</summary>
    public const int LastYear = 2034;

    public static ExposureView Build(ExposureSettings settings, bool saved, IReadOnlyList<InventoryYearTotal> inventories, IReadOnlyList<ResolvedGood> goods, PricingData data)
    {
        var problems = new List<FieldError>();
        var usable = inventories.Where(y => y.Usable).OrderBy(y => y.Year).ToList();
        var emissions = new List<EmissionsYear>();
        for (var year = FirstYear; year <= LastYear; year++)
        {
            var from = usable.LastOrDefault(y => y.Year <= year);
            if (from is not null)
            {
                emissions.Add(new(year, from.Scope1And2KgCo2e / 1000m, from.Year != year, from.Year, from.Locked));
            }
        }

        if (emissions.Count == 0)
        {
            problems.Add(new("inventory", "no inventory up to 2034 calculates: the carbon fee needs a year's scope 1 + 2 emissions", "exposure.no-inventory"));
        }

        var feeScenarios = ExposureScenarios.ShippedFeeScenarios(data);
        var byYear = emissions.ToDictionary(e => e.Year);
        var fee = emissions.Count == 0 ? [] : ExposureScenarios.CarbonFeePath([.. emissions.Select(e => e.Year)], y => byYear[y].Tonnes, settings.HighLeakage, settings.Plan, settings.Period, feeScenarios, data);

        var eua = ParsePrices(settings.EuaPrices).Select(p => new EuaScenario("eua-" + p.ToString(CultureInfo.InvariantCulture), p)).ToList();
        var middle = eua.Count > 0 ? eua[eua.Count / 2].Id : string.Empty;
        var cbamGoods = new List<CbamGood>();
        foreach (var g in goods.Where(g => g.Good.EuTonnesPerYear > 0))
        {
            if (g.Sector is null)
            {
                problems.Add(new($"goods[{g.Good.Name}].cnCode", $"{g.Good.CnCode} is not a CBAM good (chapters 72/73 iron and steel, 76 aluminium, cement, fertilisers, hydrogen, electricity); no CBAM cost", "exposure.not-cbam"));
            }
            else if (g.SeeDirectTPerT is not { } see)
            {
                problems.Add(new($"goods[{g.Good.Name}].see", "no specific embedded emissions: lock the product's footprint (with its mass) or enter the SEE", "exposure.no-see"));
            }
            else
            {
                cbamGoods.Add(new(g.Good.CnCode, g.Good.EuTonnesPerYear, see, g.SeeIndirectTPerT, g.Good.BenchmarkTPerT, g.Source == SeeSource.DefaultValues));
            }
        }

        IReadOnlyList<CbamYear> cbam = [];
        if (cbamGoods.Count > 0 && eua.Count > 0)
        {
            var path = ExposureScenarios.CbamPath([.. Enumerable.Range(FirstCbamYear, LastYear - FirstCbamYear + 1)], cbamGoods, settings.CarbonPricePaidEurPerT, eua, data);
            if (path.Succeeded)
            {
                cbam = path.Value;
            }
            else
            {
                problems.AddRange(path.Errors);
            }
        }

        var cca = new List<CcaYear>();
        var usGoods = goods.Where(g => g.Good.UsTonnesPerYear > 0 && g.Good.UsBaselineTPerT is not null && g.SeeDirectTPerT is not null).ToList();
        for (var year = FirstYear; usGoods.Count > 0 && year <= LastYear; year++)
        {
            decimal usd = 0;
            var inForce = false;
            foreach (var g in usGoods)
            {
                var estimate = UsCca.Estimate(new UsCcaRequest(year, g.Good.UsTonnesPerYear, g.SeeDirectTPerT!.Value + g.SeeIndirectTPerT, g.Good.UsBaselineTPerT!.Value), data);
                if (estimate.Succeeded)
                {
                    usd += estimate.Value.ChargeUsd;
                    inForce |= estimate.Value.InForce;
                }
            }

            cca.Add(new(year, usd, inForce));
        }

        var years = new List<ExposureYear>();
        for (var year = FirstYear; year <= LastYear; year++)
        {
            var feeNtd = fee.FirstOrDefault(f => f.Year == year && f.Scenario == "current")?.FeeNtd;
            var cbamEur = cbam.FirstOrDefault(c => c.Year == year && c.Scenario == middle)?.CostEur ?? 0m;
            var ccaUsd = cca.Find(c => c.Year == year)?.ChargeUsd ?? 0m;
            years.Add(new(year, feeNtd, cbamEur, ccaUsd, (feeNtd ?? 0m) + (cbamEur * settings.NtdPerEur) + (ccaUsd * settings.NtdPerUsd)));
        }

        return new(settings, saved, emissions, feeScenarios, fee, goods, eua, cbam, cca, middle, years, problems);
    }

    /// <summary>SEE of a good: a locked footprint's kgCO2e per declared unit ÷ its mass in kg is tCO2e per tonne.</summary>
    public static ResolvedGood Resolve(ExposureGood good, PublishableFootprint? footprint, IReadOnlyList<InventoryYearTotal>? inventories = null)
    {
        var sector = CbamSectors.Find(good.CnCode);
        if (good.SiteYear is { } year && good.SiteProductionTonnes is > 0 and var tonnes)
        {
            // Scope 1 is the installation's direct emissions, scope 2 (location-based) its electricity: per tonne produced.
            var site = inventories?.FirstOrDefault(y => y.Year == year && y.Usable);
            return site is null
                ? new(good, sector, null, 0m, SeeSource.Missing, null, null)
                : new(good, sector, site.Scope1KgCo2e / 1000m / tonnes, site.Scope2KgCo2e / 1000m / tonnes, SeeSource.SiteInventory, null, null);
        }

        if (good.ProductId is not null)
        {
            return footprint is { MassKg: > 0 } f
                ? new(good, sector, f.KgCo2ePerUnit / f.MassKg.Value, 0m, SeeSource.LockedFootprint, f.Version, f.RecordHash)
                : new(good, sector, null, 0m, SeeSource.Missing, good.ProductVersion, null);
        }

        return good.SeeDirectTPerT is { } see
            ? new(good, sector, see, good.SeeIndirectTPerT ?? 0m, good.DefaultValues ? SeeSource.DefaultValues : SeeSource.Entered, null, null)
            : new(good, sector, null, 0m, SeeSource.Missing, null, null);
    }

    public static List<decimal> ParsePrices(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => decimal.Parse(s, CultureInfo.InvariantCulture))];
}
