using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Exposure;

public sealed record SettingsRequest(bool HighLeakage, string? Plan, int? Period, string? EuaPrices, decimal? CarbonPricePaidEurPerT, decimal? NtdPerEur, decimal? NtdPerUsd);

public sealed record GoodRequest(
    string? Name, string? CnCode, string? Product, decimal? SeeDirectTPerT, decimal? SeeIndirectTPerT, decimal? BenchmarkTPerT, bool DefaultValues,
    decimal? EuTonnesPerYear, decimal? UsTonnesPerYear, decimal? UsBaselineTPerT, int? SiteYear = null, decimal? SiteProductionTonnes = null);

/// <summary>The exposure's inputs, validated with field paths as the page names them, and the view built from them.</summary>
/// <summary>The large-power-user clause on one Taipower account, from its latest bill's contract capacity.</summary>
public sealed record AccountObligation(string Source, string Facility, DateOnly BillTo, decimal ContractKw, PowerObligationResult Result);

public sealed class ExposureService(TanpanDb db, IInventoryYearTotals inventories, IPublishableFootprints footprints, ITouBills bills, TimeProvider clock)
{
    public const int MaxGoods = 100;
    public const decimal MaxTonnes = 10_000_000m;

    public async Task<ExposureView> EvaluateAsync(CancellationToken ct)
    {
        var stored = await db.ExposureSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var goods = (await db.ExposureGoods.AsNoTracking().ToListAsync(ct)).OrderBy(g => g.CreatedAtUtc).ThenBy(g => g.Id).ToList();
        var years = await inventories.ListAsync(ct);
        var resolved = new List<ResolvedGood>(goods.Count);
        foreach (var g in goods)
        {
            var footprint = g.ProductId is { } id && g.ProductVersion is { } v ? await footprints.FindAsync(id, v, ct) : null;
            resolved.Add(ExposureStudy.Resolve(g, footprint, years));
        }

        return ExposureStudy.Build(stored ?? ExposureDefaults.New(), stored is not null, years, resolved, PricingData.Shipped);
    }

    /// <summary>Each electricity account's latest contract (bills of the last 13 months) under the large-power-user clause:
    /// the obligation and its four ways, the substitute fee priced at the shipped rate.</summary>
    public async Task<IReadOnlyList<AccountObligation>> ObligationsAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Platform.Localization.TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime));
        var recent = await bills.BillsAsync(today.AddMonths(-13), today, ct);
        return [.. recent.Where(b => b.ContractCapacityKw is > 0).GroupBy(b => b.SourceId).Select(g => g.MaxBy(b => b.To)!)
            .OrderByDescending(b => b.ContractCapacityKw).ThenBy(b => b.Source, StringComparer.Ordinal)
            .Select(b => new AccountObligation(b.Source, b.Facility, b.To, b.ContractCapacityKw!.Value, LargePowerUserObligation.Calculate(new PowerObligationRequest(b.ContractCapacityKw.Value)).Value))];
    }

    /// <summary>Products with a locked footprint, as "productId:version" choices.</summary>
    public Task<IReadOnlyList<PublishableProduct>> LockedProductsAsync(CancellationToken ct) => footprints.ListAsync(ct);

    public async Task<Outcome<ExposureSettings>> SaveSettingsAsync(SettingsRequest r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!CarbonFee.TryParsePlan(r.Plan, out var plan))
        {
            errors.Add(new("Plan", "none, rate-a or rate-b", "exposure.plan"));
        }

        if (r.Period is not (null or 1 or 2 or 3))
        {
            errors.Add(new("Period", "1, 2 or 3 (the leakage-adjustment period)", "exposure.period"));
        }

        var prices = TryPrices(r.EuaPrices);
        if (prices is null)
        {
            errors.Add(new("EuaPrices", "1 to 5 prices in EUR/tCO2e separated by commas, each above 0 and at most 1000 (e.g. 70, 90, 130)", "exposure.eua"));
        }

        Check(errors, "CarbonPricePaidEurPerT", r.CarbonPricePaidEurPerT ?? 0m, 0m, 1000m, "exposure.price-paid");
        Check(errors, "NtdPerEur", r.NtdPerEur ?? ExposureDefaults.NtdPerEur, 1m, 100m, "exposure.fx");
        Check(errors, "NtdPerUsd", r.NtdPerUsd ?? ExposureDefaults.NtdPerUsd, 1m, 100m, "exposure.fx");
        if (errors.Count > 0)
        {
            return Outcome<ExposureSettings>.Failure(errors);
        }

        var row = await db.ExposureSettings.FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = ExposureDefaults.New();
            row.Id = Guid.NewGuid();
            db.ExposureSettings.Add(row);
        }

        row.HighLeakage = r.HighLeakage;
        row.Plan = plan;
        row.Period = r.Period ?? 1;
        row.EuaPrices = string.Join(',', prices!.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        row.CarbonPricePaidEurPerT = r.CarbonPricePaidEurPerT ?? 0m;
        row.NtdPerEur = r.NtdPerEur ?? ExposureDefaults.NtdPerEur;
        row.NtdPerUsd = r.NtdPerUsd ?? ExposureDefaults.NtdPerUsd;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Outcome<ExposureSettings>.Success(row);
    }

    public async Task<Outcome<ExposureGood>> AddGoodAsync(GoodRequest r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200)
        {
            errors.Add(new("Name", "required: the good's name, at most 200 characters", "exposure.name"));
        }

        var cn = CbamSectors.Normalise(r.CnCode);
        if (cn is null)
        {
            errors.Add(new("CnCode", "the 8-digit CN code (e.g. 7318 15 90 for screws and bolts of steel)", "exposure.cn"));
        }
        else if ((r.EuTonnesPerYear ?? 0) > 0 && CbamSectors.Find(cn) is null)
        {
            errors.Add(new("CnCode", $"{cn} is not a CBAM good: iron and steel (72, 73), aluminium (76), cement (2523), fertilisers, hydrogen or electricity", "exposure.not-cbam"));
        }

        Guid? productId = null;
        int? version = null;
        if (!string.IsNullOrWhiteSpace(r.Product))
        {
            var parts = r.Product.Split(':');
            var locked = await footprints.ListAsync(ct);
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var id) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                && locked.Any(p => p.ProductId == id && p.LockedVersions.Contains(v)))
            {
                (productId, version) = (id, v);
            }
            else
            {
                errors.Add(new("Product", "one of your products' locked footprint versions, or none to enter the SEE", "exposure.product"));
            }
        }
        else if (r.SiteYear is not null || r.SiteProductionTonnes is not null)
        {
            if (r.SiteYear is not { } y || y < 1990 || y > 2100)
            {
                errors.Add(new("SiteYear", "with site production: the inventory year (1990 to 2100) whose scope 1 and 2 give the SEE", "exposure.site-year"));
            }

            if (r.SiteProductionTonnes is not (> 0 and <= MaxTonnes))
            {
                errors.Add(new("SiteProductionTonnes", "with a site year: the tonnes of this good the site produced that year, above 0", "exposure.site-tonnes"));
            }
        }
        else if (r.SeeDirectTPerT is null)
        {
            errors.Add(new("SeeDirectTPerT", "required without a locked footprint: direct specific embedded emissions, tCO2e per tonne (0 to 100)", "exposure.see"));
        }

        Check(errors, "SeeDirectTPerT", r.SeeDirectTPerT ?? 0m, 0m, 100m, "exposure.see");
        Check(errors, "SeeIndirectTPerT", r.SeeIndirectTPerT ?? 0m, 0m, 100m, "exposure.see");
        Check(errors, "BenchmarkTPerT", r.BenchmarkTPerT ?? 0m, 0m, 100m, "exposure.benchmark");
        Check(errors, "EuTonnesPerYear", r.EuTonnesPerYear ?? 0m, 0m, MaxTonnes, "exposure.tonnes");
        Check(errors, "UsTonnesPerYear", r.UsTonnesPerYear ?? 0m, 0m, MaxTonnes, "exposure.tonnes");
        Check(errors, "UsBaselineTPerT", r.UsBaselineTPerT ?? 0m, 0m, 100m, "exposure.baseline");
        if ((r.EuTonnesPerYear ?? 0) <= 0 && (r.UsTonnesPerYear ?? 0) <= 0)
        {
            errors.Add(new("EuTonnesPerYear", "tonnes a year to the EU or to the US: at least one above 0", "exposure.no-market"));
        }

        if ((r.UsTonnesPerYear ?? 0) > 0 && r.UsBaselineTPerT is null)
        {
            errors.Add(new("UsBaselineTPerT", "required with US tonnes: the US industry-average intensity, tCO2e per tonne", "exposure.baseline"));
        }

        if (errors.Count == 0 && await db.ExposureGoods.CountAsync(ct) >= MaxGoods)
        {
            errors.Add(new("Name", $"at most {MaxGoods} goods; delete one first", "exposure.too-many"));
        }

        if (errors.Count > 0)
        {
            return Outcome<ExposureGood>.Failure(errors);
        }

        var good = new ExposureGood
        {
            Id = Guid.NewGuid(), Name = r.Name!.Trim(), CnCode = cn!, ProductId = productId, ProductVersion = version,
            SiteYear = productId is null ? r.SiteYear : null, SiteProductionTonnes = productId is null ? r.SiteProductionTonnes : null,
            SeeDirectTPerT = productId is null && r.SiteYear is null ? r.SeeDirectTPerT : null, SeeIndirectTPerT = productId is null && r.SiteYear is null ? r.SeeIndirectTPerT : null, BenchmarkTPerT = r.BenchmarkTPerT,
            DefaultValues = productId is null && r.SiteYear is null && r.DefaultValues, EuTonnesPerYear = r.EuTonnesPerYear ?? 0m, UsTonnesPerYear = r.UsTonnesPerYear ?? 0m, UsBaselineTPerT = r.UsBaselineTPerT,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ExposureGoods.Add(good);
        await db.SaveChangesAsync(ct);
        return Outcome<ExposureGood>.Success(good);
    }

    public async Task<bool> DeleteGoodAsync(Guid id, CancellationToken ct)
    {
        var row = await db.ExposureGoods.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (row is null)
        {
            return false;
        }

        db.ExposureGoods.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void Check(List<FieldError> errors, string field, decimal value, decimal min, decimal max, string code)
    {
        if (value < min || value > max)
        {
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"from {min} to {max}"), code));
        }
    }

    private static List<decimal>? TryPrices(string? text)
    {
        var prices = new List<decimal>();
        foreach (var part in (text ?? ExposureDefaults.EuaPrices).Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!decimal.TryParse(part, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) || p <= 0 || p > 1000)
            {
                return null;
            }

            prices.Add(p);
        }

        return prices.Count is >= 1 and <= 5 ? [.. prices.Distinct().Order()] : null;
    }
}
