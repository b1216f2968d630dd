using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Reduction;

/// <summary>Which emissions the pathway plans: scopes 1 and 2 (location-based), as reduction targets are usually
/// set, or the whole inventory (categories 1–6).</summary>
public enum PlanBoundary
{
    Scopes1And2,
    AllCategories,
}

/// <summary>The company's reduction plan: base year, boundary, the yearly rate (one of the seed's energy-saving
/// rates or a custom one), target years and the discount rate of the cost curve. One row per company; absent until
/// first saved, when <see cref="ReductionPlanner"/> uses the defaults.</summary>
[Audited]
public sealed class ReductionPlanSettings : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>Null: the inventories' declared base year, else the oldest inventory year.</summary>
    public int? BaseYear { get; set; }

    /// <summary>Entered base-year emissions (tCO2e) for a company without an inventory of that year; an inventory of
    /// the base year always wins, so the plan never silently disagrees with the inventory.</summary>
    public decimal? BaseYearTonnes { get; set; }

    public PlanBoundary Boundary { get; set; }

    /// <summary>A <see cref="Engine.Reduction.RateScenario"/> code, or <c>custom</c> with <see cref="CustomRate"/>.</summary>
    public required string RateCode { get; set; }

    public decimal? CustomRate { get; set; }

    /// <summary>Comma-separated years, ascending ("2030,2050").</summary>
    public required string TargetYears { get; set; }

    public decimal DiscountRate { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One measure of the company's register, as <see cref="Engine.Reduction.ReductionMeasure"/> stores it.</summary>
[Audited]
public sealed class ReductionMeasureRecord : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public Engine.Reduction.MeasureKind Kind { get; set; }

    public decimal CapexNtd { get; set; }

    public decimal AnnualOpexChangeNtd { get; set; }

    public decimal AnnualSavingsNtd { get; set; }

    public decimal AnnualAbatementTonnes { get; set; }

    public int StartYear { get; set; }

    public int LifetimeYears { get; set; }

    public int RampYears { get; set; }

    /// <summary>Where the figures come from (a quote, an energy audit, the storage study).</summary>
    public string? Basis { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Engine.Reduction.ReductionMeasure ToMeasure() =>
        new(Id.ToString("N"), Name, Kind, CapexNtd, AnnualOpexChangeNtd, AnnualSavingsNtd, AnnualAbatementTonnes, StartYear, LifetimeYears, RampYears);
}

internal sealed class ReductionPlanSettingsConfiguration : IEntityTypeConfiguration<ReductionPlanSettings>
{
    public void Configure(EntityTypeBuilder<ReductionPlanSettings> e)
    {
        e.ToTable("ReductionPlans");
        e.Property(x => x.Boundary).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RateCode).HasMaxLength(32);
        e.Property(x => x.TargetYears).HasMaxLength(200);
        e.Property(x => x.BaseYearTonnes).HasPrecision(28, 12);
        e.Property(x => x.CustomRate).HasPrecision(28, 12);
        e.Property(x => x.DiscountRate).HasPrecision(28, 12);
        e.HasIndex(x => x.CompanyId).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class ReductionMeasureRecordConfiguration : IEntityTypeConfiguration<ReductionMeasureRecord>
{
    public void Configure(EntityTypeBuilder<ReductionMeasureRecord> e)
    {
        e.ToTable("ReductionMeasures");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Basis).HasMaxLength(1000);
        e.Property(x => x.CapexNtd).HasPrecision(28, 12);
        e.Property(x => x.AnnualOpexChangeNtd).HasPrecision(28, 12);
        e.Property(x => x.AnnualSavingsNtd).HasPrecision(28, 12);
        e.Property(x => x.AnnualAbatementTonnes).HasPrecision(28, 12);
        e.HasIndex(x => x.CompanyId);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

/// <summary>The reduction tables, as members of <see cref="TanpanDb"/>.</summary>
public static class ReductionData
{
    extension(TanpanDb db)
    {
        public DbSet<ReductionPlanSettings> ReductionPlans => db.Set<ReductionPlanSettings>();

        public DbSet<ReductionMeasureRecord> ReductionMeasures => db.Set<ReductionMeasureRecord>();
    }
}
