using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Inventory;

public enum BoundaryApproach
{
    OperationalControl,
    FinancialControl,
    EquityShare,
}

public enum InventoryStatus
{
    Draft,
    Submitted,
    Returned,
    Locked,
}

/// <summary>A company's inventory for one calendar year, with its review state and, once locked, a snapshot.</summary>
[Audited]
public sealed class InventoryRecord : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public int Year { get; set; }

    public BoundaryApproach Boundary { get; set; } = BoundaryApproach.OperationalControl;

    public int? BaseYear { get; set; }

    /// <summary>Total score (of 20) from which an indirect category is significant and included.</summary>
    public int SignificanceThreshold { get; set; } = 12;

    public InventoryStatus Status { get; set; } = InventoryStatus.Draft;

    public string? ReviewComment { get; set; }

    /// <summary>The full result (lines, factors with source and version, totals) frozen at lock time.</summary>
    public string? LockedResultJson { get; set; }

    public DateTime? LockedAtUtc { get; set; }

    public string? LockedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class InventoryRecordConfiguration : IEntityTypeConfiguration<InventoryRecord>
{
    public void Configure(EntityTypeBuilder<InventoryRecord> e)
    {
        e.ToTable("Inventories");
        e.HasIndex(x => new { x.CompanyId, x.Year }).IsUnique();
        e.Property(x => x.Boundary).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ReviewComment).HasMaxLength(2000);
        e.Property(x => x.LockedBy).HasMaxLength(256);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}
