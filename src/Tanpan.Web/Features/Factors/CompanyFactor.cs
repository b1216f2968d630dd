using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Factors;

/// <summary>A company-specific CO2e factor (e.g. a supplier's steam or a T-REC-backed supply, or a material factor a
/// supplier declared), used as activity <c>custom.{Code}</c>. A factor with a <see cref="Supplier"/> is the supplier's
/// primary data; its reference period is the period the supplier's figure covers.</summary>
[Audited]
public sealed class CompanyFactor : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public decimal KgCo2ePerUnit { get; set; }

    /// <summary>Unit code of the activity the factor is per (e.g. kWh, t).</summary>
    public required string PerUnit { get; set; }

    public required string Source { get; set; }

    public string? Version { get; set; }

    public int? Year { get; set; }

    /// <summary>Who declared the factor (a supplier's name); empty for the company's own factors.</summary>
    public string? Supplier { get; set; }

    public DateOnly? ReferenceFrom { get; set; }

    public DateOnly? ReferenceTo { get; set; }

    /// <summary>The supplier's data quality (PACT DQR 1–5, technological / temporal / geographical) when the factor
    /// came from a received footprint; a BOM line using the factor without ratings of its own takes these.</summary>
    public decimal? TechnologicalDqr { get; set; }

    /// <inheritdoc cref="TechnologicalDqr"/>
    public decimal? TemporalDqr { get; set; }

    /// <inheritdoc cref="TechnologicalDqr"/>
    public decimal? GeographicalDqr { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class CompanyFactorConfiguration : IEntityTypeConfiguration<CompanyFactor>
{
    public void Configure(EntityTypeBuilder<CompanyFactor> e)
    {
        e.Property(x => x.TechnologicalDqr).HasPrecision(9, 4);
        e.Property(x => x.TemporalDqr).HasPrecision(9, 4);
        e.Property(x => x.GeographicalDqr).HasPrecision(9, 4);
        e.ToTable("CustomFactors");
        e.Property(f => f.Code).HasMaxLength(64);
        e.Property(f => f.Name).HasMaxLength(200);
        e.Property(f => f.PerUnit).HasMaxLength(32);
        e.Property(f => f.Source).HasMaxLength(1000);
        e.Property(f => f.Version).HasMaxLength(100);
        e.Property(f => f.Supplier).HasMaxLength(200);
        e.Property(f => f.KgCo2ePerUnit).HasPrecision(28, 12);
        e.HasIndex(f => new { f.CompanyId, f.Code }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(f => f.CompanyId);
    }
}
