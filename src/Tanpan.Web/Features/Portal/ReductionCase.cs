using Tanpan.Engine.Reduction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Features.Portal;

/// <summary>A reduction case the association publishes for members to learn from: what was done, what it cost,
/// what it saves. Catalogue content of the platform, not of a company (no tenant).</summary>
[Audited]
public sealed class ReductionCase
{
    public Guid Id { get; set; }

    public required string TitleZh { get; set; }

    public required string TitleEn { get; set; }

    public IndustrySector Sector { get; set; }

    public MeasureKind Measure { get; set; }

    public required string SummaryZh { get; set; }

    public required string SummaryEn { get; set; }

    public decimal InvestmentNtd { get; set; }

    public decimal AnnualSavingNtd { get; set; }

    public decimal AnnualAbatementT { get; set; }

    /// <summary>Null when the company asked to stay anonymous.</summary>
    public string? CompanyName { get; set; }

    public int Year { get; set; }

    public bool Published { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Simple payback: investment over annual saving; none when nothing is saved.</summary>
    public decimal? PaybackYears => AnnualSavingNtd > 0 ? Math.Round(InvestmentNtd / AnnualSavingNtd, 1) : null;
}

internal sealed class ReductionCaseConfiguration : IEntityTypeConfiguration<ReductionCase>
{
    public void Configure(EntityTypeBuilder<ReductionCase> e)
    {
        e.ToTable("PortalCases");
        e.Property(x => x.TitleZh).HasMaxLength(PortalLimits.Title);
        e.Property(x => x.TitleEn).HasMaxLength(PortalLimits.Title);
        e.Property(x => x.SummaryZh).HasMaxLength(PortalLimits.Body);
        e.Property(x => x.SummaryEn).HasMaxLength(PortalLimits.Body);
        e.Property(x => x.CompanyName).HasMaxLength(PortalLimits.Name);
        e.Property(x => x.Sector).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Measure).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.InvestmentNtd).HasPrecision(28, 12);
        e.Property(x => x.AnnualSavingNtd).HasPrecision(28, 12);
        e.Property(x => x.AnnualAbatementT).HasPrecision(28, 12);
        e.Ignore(x => x.PaybackYears);
        e.HasIndex(x => new { x.Published, x.Sector, x.Measure });
    }
}

/// <summary>Lengths the tables and the forms share.</summary>
public static class PortalLimits
{
    public const int Title = 200;
    public const int Name = 200;
    public const int Short = 100;
    public const int Body = 4000;
    public const int Url = 500;
    public const int Note = 2000;

    /// <summary>NT$ and tCO2e beyond this are typing mistakes, not factories.</summary>
    public const decimal MaxAmount = 100_000_000_000m;
}
