using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Inventory;

public enum EntryKind
{
    Manual,
    TaipowerBill,
    FuelPurchase,
    RefrigerantRefill,

    /// <summary>A meter's total of one local month (Features/Meters), with the meter and month in the reference.</summary>
    MeterTotal,
}

/// <summary>Activity data for one source over a period (a month, a bill period, a purchase).</summary>
[Audited]
public sealed class ActivityEntry : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid InventoryId { get; set; }

    public Guid SourceId { get; set; }

    public EntryKind Kind { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public decimal Quantity { get; set; }

    public required string Unit { get; set; }

    public decimal? PeakKwh { get; set; }

    public decimal? SemiPeakKwh { get; set; }

    public decimal? SaturdaySemiPeakKwh { get; set; }

    public decimal? OffPeakKwh { get; set; }

    public decimal? ContractCapacityKw { get; set; }

    public string? Reference { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ActivityEntryConfiguration : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> e)
    {
        e.ToTable("Entries");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Unit).HasMaxLength(16);
        e.Property(x => x.Quantity).HasPrecision(28, 10);
        e.Property(x => x.PeakKwh).HasPrecision(28, 4);
        e.Property(x => x.SemiPeakKwh).HasPrecision(28, 4);
        e.Property(x => x.SaturdaySemiPeakKwh).HasPrecision(28, 4);
        e.Property(x => x.OffPeakKwh).HasPrecision(28, 4);
        e.Property(x => x.ContractCapacityKw).HasPrecision(28, 4);
        e.Property(x => x.Reference).HasMaxLength(100);
        e.HasIndex(x => new { x.CompanyId, x.InventoryId });
        e.HasOne<InventoryRecord>().WithMany().HasForeignKey(x => x.InventoryId);
        e.HasOne<EmissionSource>().WithMany().HasForeignKey(x => x.SourceId);
    }
}
