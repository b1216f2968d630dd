using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Factors;

/// <summary>A company-specific CO2e factor (e.g. a supplier's steam or a T-REC-backed supply), used as activity <c>custom.{Code}</c>.</summary>
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

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class CompanyFactorConfiguration : IEntityTypeConfiguration<CompanyFactor>
{
    public void Configure(EntityTypeBuilder<CompanyFactor> e)
    {
        e.ToTable("CustomFactors");
        e.Property(f => f.Code).HasMaxLength(64);
        e.Property(f => f.Name).HasMaxLength(200);
        e.Property(f => f.PerUnit).HasMaxLength(32);
        e.Property(f => f.Source).HasMaxLength(1000);
        e.Property(f => f.Version).HasMaxLength(100);
        e.Property(f => f.KgCo2ePerUnit).HasPrecision(28, 12);
        e.HasIndex(f => new { f.CompanyId, f.Code }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(f => f.CompanyId);
    }
}
