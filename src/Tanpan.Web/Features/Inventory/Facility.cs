using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Inventory;

/// <summary>A site inside the inventory boundary.</summary>
[Audited]
public sealed class Facility : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> e)
    {
        e.ToTable("Facilities");
        e.Property(f => f.Name).HasMaxLength(200);
        e.Property(f => f.Address).HasMaxLength(300);
        e.HasOne<Company>().WithMany().HasForeignKey(f => f.CompanyId);
    }
}
