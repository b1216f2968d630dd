using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>An issued work-order certificate: the <see cref="StoredCertificate"/> of everything it prints, hashed.
/// Never changed after issue; a recalculation makes the order's next certificate a new row.</summary>
[Audited]
public sealed class WorkOrderCertificate : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid WorkOrderId { get; set; }

    public int SchemaVersion { get; set; }

    public required string RecordJson { get; set; }

    /// <summary>SHA-256 of <see cref="RecordJson"/>: the verification code printed and in the QR link.</summary>
    public required string Hash { get; set; }

    /// <summary>For a certificate issued before stored records: the code printed on it then, still accepted.</summary>
    public string? LegacyHash { get; set; }

    public DateTime IssuedAtUtc { get; set; }
}

/// <summary>A seal image as printed on certificates, kept by its SHA-256 so a certificate prints the seal it was
/// issued with even after the operator uploads a new one.</summary>
public sealed class CertificateSeal
{
    public required string Sha256 { get; set; }

    public required byte[] Image { get; set; }

    public required string ContentType { get; set; }

    public DateTime AddedAtUtc { get; set; }
}

internal sealed class WorkOrderCertificateConfiguration : IEntityTypeConfiguration<WorkOrderCertificate>
{
    public void Configure(EntityTypeBuilder<WorkOrderCertificate> e)
    {
        e.ToTable("Certificates");
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.LegacyHash).HasMaxLength(64);
        e.HasIndex(x => new { x.CompanyId, x.WorkOrderId });
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        e.HasOne<WorkOrder>().WithMany().HasForeignKey(x => x.WorkOrderId);
    }
}

internal sealed class CertificateSealConfiguration : IEntityTypeConfiguration<CertificateSeal>
{
    public void Configure(EntityTypeBuilder<CertificateSeal> e)
    {
        e.ToTable("CertificateSeals");
        e.HasKey(x => x.Sha256);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.ContentType).HasMaxLength(40);
    }
}
