using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>A process unit a company adds to the association's template (e.g. 烘烤, 除氫).</summary>
[Audited]
public sealed class CompanyProcessUnit : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }
}

internal sealed class CompanyProcessUnitConfiguration : IEntityTypeConfiguration<CompanyProcessUnit>
{
    public void Configure(EntityTypeBuilder<CompanyProcessUnit> e)
    {
        e.ToTable("CompanyProcessUnits");
        e.Property(x => x.Name).HasMaxLength(60);
        e.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}
