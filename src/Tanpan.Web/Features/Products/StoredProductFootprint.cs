using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Products;

/// <summary>A product footprint as the page, the CFP report and (later) a PACT footprint show it: the product with
/// its PCR information and data period, the BOM as entered (with each line's derivation, uncertainty and data
/// quality), the calculation contract's full response (every factor's trace, stages, omitted, PCR check), the data
/// quality per PACT and the Monte Carlo distribution. Built live for the draft; locked as a numbered version,
/// canonical JSON hashed with SHA-256 and verified whenever it is shown, so a later factor, BOM or PCR change
/// cannot change what was locked without showing.</summary>
public sealed record StoredProductFootprint(
    int SchemaVersion,
    Guid ProductId,
    int Version,
    string CompanyName,
    StoredProduct Product,
    IReadOnlyList<StoredBomLine> Lines,
    FootprintResponse Result,
    StoredDataQuality Quality,
    StoredDistribution? Distribution,
    StoredLock? Lock)
{
    public const int CurrentVersion = 1;

    /// <summary>The Monte Carlo analysis behind every product page and report: enough draws for a stable 95 %
    /// interval, a fixed seed so the same BOM shows the same numbers.</summary>
    public static readonly MonteCarloOptions MonteCarlo = new(2000, 14067);

    public string LineName(string lineNo) => Lines.FirstOrDefault(l => l.LineNo == lineNo)?.Name ?? lineNo;
}

public sealed record StoredProduct(
    string Name, string? Model, string PcrId, string PcrVersion, string Boundary, IReadOnlyDictionary<string, string> Information,
    DateOnly? DataFrom, DateOnly? DataTo, string? DataJustification, Guid? VariantOf);

public sealed record StoredBomLine(
    string LineNo, string? Parent, string Name, string? ComponentClass, decimal Quantity, string Unit, string? Activity, string? Supplier,
    decimal? FactorValue, string? FactorUnit, string? FactorSource, string? FactorPeriod, string? Stage, bool Omitted,
    decimal? UncertaintyGsd, int? TechnologicalDqr, int? TemporalDqr, int? GeographicalDqr, LineDerivation? Derivation)
{
    public static StoredBomLine Of(BomLine l) => new(
        l.LineNo, l.Parent, l.Name, l.ComponentClass, l.Quantity, l.Unit, l.Activity, l.Supplier, l.FactorValue, l.FactorUnit, l.FactorSource, l.FactorPeriod,
        l.Stage, l.Omitted, l.UncertaintyGsd, l.TechnologicalDqr, l.TemporalDqr, l.GeographicalDqr, LineDerivation.Read(l.DerivationJson));
}

/// <summary>How a line's quantity came about when it was not simply entered: <see cref="Kind"/> is
/// <c>allocation</c> (a site inventory total × the product's share by a stated key), <c>transport</c> (mass ×
/// distance), <c>use</c> (hours × power × days × years) or <c>end-of-life</c> (mass × route share). The terms are the
/// numbers it was computed from, in order, each with its unit; <see cref="Basis"/> says where the numbers come from.</summary>
public sealed record LineDerivation(string Kind, string? Key, IReadOnlyList<DerivationTerm> Terms, string Basis, string? Justification)
{
    public static LineDerivation? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<LineDerivation>(json, CanonicalJson.Options);

    public string Write() => CanonicalJson.Serialize(this);
}

public sealed record DerivationTerm(string Name, decimal Value, string Unit);

/// <summary>Data quality per PACT (DQR 1 very good … 5 poor), each dimension the emissions-weighted average over the
/// counted inputs rated in it; <see cref="CoverageShare"/> is the share of the counted emissions rated in all three.</summary>
public sealed record StoredDataQuality(decimal? TechnologicalDqr, decimal? TemporalDqr, decimal? GeographicalDqr, decimal CoverageShare)
{
    public static StoredDataQuality Of(FootprintResponse result, IReadOnlyList<StoredBomLine> lines)
    {
        var byLine = lines.ToDictionary(l => l.LineNo, StringComparer.Ordinal);
        var rated = result.Inputs.Select(i => (Kg: Math.Abs(i.KgCo2e), Line: byLine.GetValueOrDefault(i.Id))).Where(x => x.Line is not null).ToList();
        var total = result.Inputs.Sum(i => Math.Abs(i.KgCo2e));
        decimal? Weighted(Func<StoredBomLine, int?> rating)
        {
            var withRating = rated.Where(x => rating(x.Line!) is not null).ToList();
            var weight = withRating.Sum(x => x.Kg);
            return weight == 0 ? null : withRating.Sum(x => x.Kg * rating(x.Line!)!.Value) / weight;
        }

        var covered = rated.Where(x => x.Line!.TechnologicalDqr is not null && x.Line.TemporalDqr is not null && x.Line.GeographicalDqr is not null).Sum(x => x.Kg);
        return new(Weighted(l => l.TechnologicalDqr), Weighted(l => l.TemporalDqr), Weighted(l => l.GeographicalDqr), total == 0 ? 0 : covered / total);
    }
}

/// <summary>The Monte Carlo distribution of the footprint (draws, seed, mean, sd, 95 % interval and histogram).</summary>
public sealed record StoredDistribution(int Iterations, ulong Seed, decimal Mean, decimal Sd, decimal P2Point5, decimal P97Point5, decimal HistogramFrom, decimal BinWidth, IReadOnlyList<int> Counts)
{
    public static StoredDistribution? Of(MonteCarloResult? mc) => mc is null ? null
        : new(mc.Iterations, mc.Seed, mc.Mean, mc.Sd, mc.Percentile2Point5, mc.Percentile97Point5, mc.Histogram.From, mc.Histogram.BinWidth, mc.Histogram.Counts);
}

public sealed record StoredLock(string? LockedBy, DateTime LockedAtUtc, string? Note);

/// <summary>A locked version of a product's footprint: the record and its hash, never changed after it is written.
/// Versions count up per product; the newest is the product's current declared footprint.</summary>
[Audited]
public sealed class ProductFootprintVersion : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid ProductId { get; set; }

    public int Version { get; set; }

    public int SchemaVersion { get; set; }

    /// <summary>The total per declared unit, for lists (the record is the truth).</summary>
    public decimal TotalKgCo2e { get; set; }

    public required string RecordJson { get; set; }

    public required string RecordHash { get; set; }

    public string? LockedBy { get; set; }

    public DateTime LockedAtUtc { get; set; }
}

internal sealed class ProductFootprintVersionConfiguration : IEntityTypeConfiguration<ProductFootprintVersion>
{
    public void Configure(EntityTypeBuilder<ProductFootprintVersion> e)
    {
        e.ToTable("ProductFootprints");
        e.HasIndex(x => new { x.ProductId, x.Version }).IsUnique();
        e.Property(x => x.TotalKgCo2e).HasPrecision(38, 18);
        e.Property(x => x.RecordHash).HasMaxLength(64);
        e.Property(x => x.LockedBy).HasMaxLength(256);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

/// <summary>Builds the live record of a product and reads locked ones.</summary>
public static class ProductFootprints
{
    public static StoredProductFootprint Build(string companyName, Product product, IReadOnlyDictionary<string, string> information, Pcr pcr, IReadOnlyList<BomLine> lines, FootprintResult result, StoredLock? locked, int version)
    {
        var stored = lines.OrderBy(l => l.Position).Select(StoredBomLine.Of).ToList();
        var response = FootprintResponse.From(result);
        return new StoredProductFootprint(
            StoredProductFootprint.CurrentVersion, product.Id, version, companyName,
            new StoredProduct(product.Name, product.Model, pcr.Id, pcr.Version, product.Boundary, information, product.DataFrom, product.DataTo, product.DataJustification, product.VariantOf),
            stored, response, StoredDataQuality.Of(response, stored), StoredDistribution.Of(result.MonteCarlo), locked);
    }

    /// <summary>The locked record, or null when the stored JSON no longer hashes to its hash (altered outside the
    /// application) or is not this product's.</summary>
    public static StoredProductFootprint? Read(ProductFootprintVersion row) =>
        CanonicalJson.Verify<StoredProductFootprint>(row.RecordJson, row.RecordHash, out var record) && record is not null && record.ProductId == row.ProductId && record.Version == row.Version
            ? record : null;
}
