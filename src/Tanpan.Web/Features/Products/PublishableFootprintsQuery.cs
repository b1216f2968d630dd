using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Products;

/// <summary>Reads locked product footprints as <see cref="PublishableFootprint"/>s: only verified records, in the
/// terms of the record itself (a later factor, BOM or PCR change does not show through).</summary>
internal sealed class PublishableFootprintsQuery(TanpanDb db, PcrCatalogs pcrs) : IPublishableFootprints
{
    public async Task<IReadOnlyList<PublishableProduct>> ListAsync(CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Model }).ToListAsync(ct);
        var versions = await db.ProductFootprints.AsNoTracking().Select(v => new { v.ProductId, v.Version }).ToListAsync(ct);
        var byProduct = versions.ToLookup(v => v.ProductId, v => v.Version);
        return products.Select(p => new PublishableProduct(p.Id, p.Name, p.Model, byProduct[p.Id].OrderDescending().ToList())).ToList();
    }

    public async Task<PublishableFootprint?> FindAsync(Guid productId, int version, CancellationToken ct)
    {
        var row = await db.ProductFootprints.AsNoTracking().FirstOrDefaultAsync(v => v.ProductId == productId && v.Version == version, ct);
        if (row is null || ProductFootprints.Read(row) is not { } record)
        {
            return null;
        }

        var taxId = await db.Companies.AsNoTracking().Where(c => c.Id == row.CompanyId).Select(c => c.TaxId).FirstOrDefaultAsync(ct);
        var pcr = (await pcrs.GetAsync(ct)).Find(record.Product.PcrId, record.Product.PcrVersion);
        var result = record.Result;
        // Inputs are totals of the product system; the declared unit is one product, so per unit = total × this.
        var perUnit = result.TotalKgCo2e == 0 ? 0 : result.PerUnit.KgCo2e / result.TotalKgCo2e;
        var lines = record.Lines.ToDictionary(l => l.LineNo, StringComparer.Ordinal);

        bool IsPackaging(string lineNo)
        {
            // A line is packaging when it or a sub-assembly above it is (a packaging set with its box and pallet).
            for (var at = lines.GetValueOrDefault(lineNo); at is not null; at = at.Parent is null ? null : lines.GetValueOrDefault(at.Parent))
            {
                if (at.ComponentClass == "packaging")
                {
                    return true;
                }
            }

            return false;
        }

        var packaging = result.Inputs.Where(i => IsPackaging(i.Id)).Sum(i => i.KgCo2e) * perUnit;
        var secondary = result.Inputs.Where(i => !i.Primary)
            .Select(i => new PublishableFactorSource(i.Factor.Source, i.Factor.Version)).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var allocations = record.Lines.Where(l => l.Derivation is { Kind: "allocation" })
            .Select(l => $"{l.Name}: {Derivations.KeyName(l.Derivation!.Key, Platform.Localization.Language.En)}{(l.Derivation.Justification is { Length: > 0 } j ? " — " + j : string.Empty)}")
            .ToList();
        var year = result.Year;
        return new PublishableFootprint(
            row.ProductId, row.Version, row.RecordHash, record.CompanyName, taxId, record.Product.Name, record.Product.Model,
            record.Product.Information.GetValueOrDefault("type"),
            record.Product.PcrId, record.Product.PcrVersion, pcr?.NameEn ?? record.Product.PcrId, pcr?.Publisher ?? string.Empty,
            result.Boundary, result.ByStage.Keys.ToList(), MassKg(record.Product.Information.GetValueOrDefault("weight")),
            result.PerUnit.KgCo2e, packaging, result.ByStage.GetValueOrDefault("distribution") * perUnit, result.GwpSet,
            record.Product.DataFrom ?? new DateOnly(year, 1, 1), record.Product.DataTo ?? new DateOnly(year, 12, 31),
            result.PrimaryDataShare, record.Quality.TechnologicalDqr, record.Quality.TemporalDqr, record.Quality.GeographicalDqr,
            result.Omitted.Sum(o => o.Share), result.Omitted.Select(o => record.LineName(o.Id)).ToList(), secondary,
            allocations.Count == 0 ? null : string.Join("; ", allocations), row.LockedAtUtc);
    }

    /// <summary>The PCR's weight field as kilograms ("8,500" and "8500 kg" read; anything else is unknown).</summary>
    internal static decimal? MassKg(string? weight)
    {
        var text = weight?.Replace(",", string.Empty, StringComparison.Ordinal).Replace("kg", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var kg) && kg > 0 ? kg : null;
    }
}

public static class ProductServices
{
    public static IServiceCollection AddProducts(this IServiceCollection services) =>
        services.AddScoped<IPublishableFootprints, PublishableFootprintsQuery>();
}
