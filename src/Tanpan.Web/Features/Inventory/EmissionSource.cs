using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Inventory;

/// <summary>One line of the emission-source register (排放源鑑別): what emits, where, measured how, owned by whom.</summary>
[Audited]
public sealed class EmissionSource : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid FacilityId { get; set; }

    /// <summary>ISO 14064-1 category code as in 表1 ("1.1" … "6").</summary>
    public required string Category { get; set; }

    /// <summary>Factor-library activity id (electricity.grid.tw, fuel.diesel, refrigerant.R-410A, custom.&lt;code&gt;).</summary>
    public required string Activity { get; set; }

    public string? Use { get; set; }

    public string? Technology { get; set; }

    public required string Description { get; set; }

    /// <summary>Meter, electricity account (電號) or bill number.</summary>
    public string? MeterNumber { get; set; }

    public string? DataOwner { get; set; }

    /// <summary>How the activity data is measured (MOENV 量測頻率, A1); null = not yet stated (graded as estimated).</summary>
    public Engine.Inventory.MeasurementKind? Measurement { get; set; }

    /// <summary>The meter's calibration (MOENV 活動數據可信種類, A2); null = not yet stated (graded as none).</summary>
    public Engine.Inventory.CalibrationKind? Calibration { get; set; }

    /// <summary>± % at 95 % of the activity data (MOENV 表七); with <see cref="FactorUncertaintyPercent"/>, the source is assessed.</summary>
    public decimal? ActivityUncertaintyPercent { get; set; }

    /// <summary>± % at 95 % of the emission factor (e.g. IPCC 2006 default ranges).</summary>
    public decimal? FactorUncertaintyPercent { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class EmissionSourceConfiguration : IEntityTypeConfiguration<EmissionSource>
{
    public void Configure(EntityTypeBuilder<EmissionSource> e)
    {
        e.ToTable("Sources");
        e.Property(x => x.Category).HasMaxLength(8);
        e.Property(x => x.Activity).HasMaxLength(100);
        e.Property(x => x.Use).HasMaxLength(16);
        e.Property(x => x.Technology).HasMaxLength(40);
        e.Property(x => x.Description).HasMaxLength(300);
        e.Property(x => x.MeterNumber).HasMaxLength(60);
        e.Property(x => x.DataOwner).HasMaxLength(100);
        e.Property(x => x.Measurement).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Calibration).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.ActivityUncertaintyPercent).HasPrecision(9, 4);
        e.Property(x => x.FactorUncertaintyPercent).HasPrecision(9, 4);
        e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}
