using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Exposure;

/// <summary>The company's assumptions for pricing its emissions: its Taiwan fee position, the EUA prices to try,
/// the carbon price it pays at home (deducted under CBAM) and the exchange rates that put EUR and USD in NT$. All are
/// the company's own assumptions and shown as such; absent until first saved (<see cref="ExposureDefaults"/>).</summary>
[Audited]
public sealed class ExposureSettings : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>On the list of high carbon-leakage-risk industries (K = 0, leakage adjustment by period).</summary>
    public bool HighLeakage { get; set; }

    public CarbonFeePlan Plan { get; set; }

    /// <summary>Leakage-adjustment period 1–3 (only with <see cref="HighLeakage"/>).</summary>
    public int Period { get; set; } = 1;

    /// <summary>Comma-separated EUA prices, EUR/tCO2e ("70,90,130").</summary>
    public required string EuaPrices { get; set; }

    public decimal CarbonPricePaidEurPerT { get; set; }

    public decimal NtdPerEur { get; set; }

    public decimal NtdPerUsd { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A good the company exports: to the EU (CBAM, by CN code) and/or to the US (CCA estimate). Its specific
/// embedded emissions come from a locked product footprint (per declared unit ÷ mass) or are entered (a supplier's or
/// the Commission's default values).</summary>
[Audited]
public sealed class ExposureGood : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    /// <summary>8 digits, no spaces.</summary>
    public required string CnCode { get; set; }

    public Guid? ProductId { get; set; }

    public int? ProductVersion { get; set; }

    /// <summary>Entered SEE, tCO2e per tonne of good; null when the product footprint gives it.</summary>
    public decimal? SeeDirectTPerT { get; set; }

    public decimal? SeeIndirectTPerT { get; set; }

    public decimal? BenchmarkTPerT { get; set; }

    /// <summary>SEE from the site's inventory of this year: scope 1 ÷ <see cref="SiteProductionTonnes"/> direct, scope 2 ÷
    /// it indirect — the installation's own figures when the site makes this one good.</summary>
    public int? SiteYear { get; set; }

    public decimal? SiteProductionTonnes { get; set; }

    /// <summary>The entered SEE are the Commission's default values (marked up by the year's mark-up).</summary>
    public bool DefaultValues { get; set; }

    public decimal EuTonnesPerYear { get; set; }

    public decimal UsTonnesPerYear { get; set; }

    /// <summary>US industry-average intensity of the product, tCO2e/t (the CCA charges the part above it).</summary>
    public decimal? UsBaselineTPerT { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ExposureSettingsConfiguration : IEntityTypeConfiguration<ExposureSettings>
{
    public void Configure(EntityTypeBuilder<ExposureSettings> e)
    {
        e.ToTable("ExposureSettings");
        e.Property(x => x.Plan).HasConversion<string>().HasMaxLength(8);
        e.Property(x => x.EuaPrices).HasMaxLength(200);
        e.Property(x => x.CarbonPricePaidEurPerT).HasPrecision(28, 12);
        e.Property(x => x.NtdPerEur).HasPrecision(28, 12);
        e.Property(x => x.NtdPerUsd).HasPrecision(28, 12);
        e.HasIndex(x => x.CompanyId).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class ExposureGoodConfiguration : IEntityTypeConfiguration<ExposureGood>
{
    public void Configure(EntityTypeBuilder<ExposureGood> e)
    {
        e.ToTable("ExposureGoods");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.CnCode).HasMaxLength(8);
        foreach (var p in new[] { nameof(ExposureGood.SeeDirectTPerT), nameof(ExposureGood.SeeIndirectTPerT), nameof(ExposureGood.BenchmarkTPerT), nameof(ExposureGood.EuTonnesPerYear), nameof(ExposureGood.UsTonnesPerYear), nameof(ExposureGood.UsBaselineTPerT), nameof(ExposureGood.SiteProductionTonnes) })
        {
            e.Property(p).HasPrecision(28, 12);
        }

        e.HasIndex(x => x.CompanyId);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

public static class ExposureData
{
    extension(TanpanDb db)
    {
        public DbSet<ExposureSettings> ExposureSettings => db.Set<ExposureSettings>();

        public DbSet<ExposureGood> ExposureGoods => db.Set<ExposureGood>();
    }
}

/// <summary>Before anyone saves assumptions: general rate, EUA at 70 / 90 / 130 EUR (around the 2025 EU ETS range and
/// above), no carbon price paid abroad, NT$35 per EUR and NT$32 per USD. Shown on the page as assumptions to change.</summary>
public static class ExposureDefaults
{
    public const string EuaPrices = "70,90,130";
    public const decimal NtdPerEur = 35m;
    public const decimal NtdPerUsd = 32m;

    public static ExposureSettings New() => new() { EuaPrices = EuaPrices, NtdPerEur = NtdPerEur, NtdPerUsd = NtdPerUsd, Plan = CarbonFeePlan.None, Period = 1 };
}
