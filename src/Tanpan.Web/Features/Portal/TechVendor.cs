using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Features.Portal;

/// <summary>A low-carbon technology vendor in the association's directory (platform catalogue, no tenant).</summary>
[Audited]
public sealed class TechVendor
{
    public Guid Id { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    /// <summary>Category codes between commas (",HeatPump,Monitoring,") so one category is found with a plain
    /// LIKE on both providers, and no code is a substring match of another.</summary>
    public required string Categories { get; set; }

    public required string ContactName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Website { get; set; }

    public required string DescriptionZh { get; set; }

    public required string DescriptionEn { get; set; }

    public bool Listed { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public IReadOnlyList<VendorCategory> CategoryList =>
        [.. Categories.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Enum.TryParse<VendorCategory>(c, out var v) ? v : (VendorCategory?)null).OfType<VendorCategory>()];

    public static string Join(IEnumerable<VendorCategory> categories) => "," + string.Join(",", categories.Distinct().Order()) + ",";

    public static string Pattern(VendorCategory category) => "," + category + ",";
}

internal sealed class TechVendorConfiguration : IEntityTypeConfiguration<TechVendor>
{
    public void Configure(EntityTypeBuilder<TechVendor> e)
    {
        e.ToTable("PortalVendors");
        e.Property(x => x.NameZh).HasMaxLength(PortalLimits.Name);
        e.Property(x => x.NameEn).HasMaxLength(PortalLimits.Name);
        e.Property(x => x.Categories).HasMaxLength(300);
        e.Property(x => x.ContactName).HasMaxLength(PortalLimits.Short);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.Website).HasMaxLength(PortalLimits.Url);
        e.Property(x => x.DescriptionZh).HasMaxLength(PortalLimits.Body);
        e.Property(x => x.DescriptionEn).HasMaxLength(PortalLimits.Body);
        e.Ignore(x => x.CategoryList);
    }
}
