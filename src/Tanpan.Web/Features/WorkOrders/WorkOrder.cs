using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>A job shop's work order (seed 002): order and work-order numbers, metal, time, product, quantity,
/// mix ratio and plating geometry, its process × energy inputs, and the calculated result with a content hash.</summary>
[Audited]
public sealed class WorkOrder : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string OrderNo { get; set; }

    public required string WorkOrderNo { get; set; }

    public string? Metal { get; set; }

    public DateOnly ProcessedOn { get; set; }

    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }

    public string? ProductName { get; set; }

    public decimal Quantity { get; set; }

    public required string QuantityUnit { get; set; }

    public decimal MixRatioPercent { get; set; } = 100m;

    public decimal? AreaCm2 { get; set; }

    public decimal? ThicknessUm { get; set; }

    public decimal? DensityKgPerM3 { get; set; }

    public decimal? PlatedMassKg { get; set; }

    /// <summary>How the energy was obtained ("direct per process", "batch × mix ratio").</summary>
    public required string EnergyMethod { get; set; }

    public decimal TotalKgCo2e { get; set; }

    /// <summary>The <see cref="StoredWorkOrder"/> (canonical JSON); the columns above are its searchable projection.</summary>
    public string? RecordJson { get; set; }

    /// <summary>Version of <see cref="RecordJson"/>; 0 for a row from before stored records (see <see cref="LegacyWorkOrders"/>).</summary>
    public int SchemaVersion { get; set; }

    /// <summary>SHA-256 of <see cref="RecordJson"/>.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Before schema version 1: the inputs as received (JSON). Read once by the upgrade, then cleared.</summary>
    public string? InputsJson { get; set; }

    /// <summary>Before schema version 1: the API response that was stored as the result. Read once by the upgrade, then cleared.</summary>
    public string? ResultJson { get; set; }

    /// <summary>The certificate issued for the current result, if any.</summary>
    public Guid? CurrentCertificateId { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime CalculatedAtUtc { get; set; }

    /// <summary>When a certificate for the current result was first issued; cleared by a recalculation.</summary>
    public DateTime? CertifiedAtUtc { get; set; }

    public string Status => CertifiedAtUtc is null ? "calculated" : "certified";
}

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> e)
    {
        e.ToTable("WorkOrders");
        e.Property(x => x.OrderNo).HasMaxLength(60);
        e.Property(x => x.WorkOrderNo).HasMaxLength(60);
        e.Property(x => x.Metal).HasMaxLength(30);
        e.Property(x => x.ProductName).HasMaxLength(200);
        e.Property(x => x.QuantityUnit).HasMaxLength(16);
        e.Property(x => x.EnergyMethod).HasMaxLength(400);
        e.Property(x => x.ContentHash).HasMaxLength(64);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.Quantity).HasPrecision(28, 8);
        e.Property(x => x.MixRatioPercent).HasPrecision(9, 4);
        e.Property(x => x.AreaCm2).HasPrecision(28, 6);
        e.Property(x => x.ThicknessUm).HasPrecision(18, 6);
        e.Property(x => x.DensityKgPerM3).HasPrecision(18, 4);
        e.Property(x => x.PlatedMassKg).HasPrecision(28, 12);
        e.Property(x => x.TotalKgCo2e).HasPrecision(28, 12);
        e.Ignore(x => x.Status);
        e.HasIndex(x => new { x.CompanyId, x.WorkOrderNo }).IsUnique();
        e.HasIndex(x => new { x.CompanyId, x.ProcessedOn });
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}
