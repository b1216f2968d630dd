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

    /// <summary>Before stored records (schema 0): the page's snapshot as JSON. Read once by the upgrade, then cleared.</summary>
    public string? LockedResultJson { get; set; }

    /// <summary>The <see cref="StoredInventory"/> frozen at approval (canonical JSON).</summary>
    public string? LockedRecordJson { get; set; }

    /// <summary>SHA-256 of <see cref="LockedRecordJson"/>, checked whenever the locked inventory is shown.</summary>
    public string? LockedRecordHash { get; set; }

    public int LockedSchemaVersion { get; set; }

    public string? SubmittedBy { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

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
        e.Property(x => x.SubmittedBy).HasMaxLength(256);
        e.Property(x => x.LockedRecordHash).HasMaxLength(64);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}
