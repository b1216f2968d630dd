using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Inventory;

/// <summary>The significance assessment of one indirect category (3.1 … 6) for one inventory.</summary>
[Audited]
public sealed class SignificanceAssessment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid InventoryId { get; set; }

    public required string Category { get; set; }

    public int Magnitude { get; set; }

    public int LevelOfInfluence { get; set; }

    public int RiskOrOpportunity { get; set; }

    public int StakeholderConcern { get; set; }

    public bool Significant { get; set; }

    public string? Rationale { get; set; }
}

internal sealed class SignificanceAssessmentConfiguration : IEntityTypeConfiguration<SignificanceAssessment>
{
    public void Configure(EntityTypeBuilder<SignificanceAssessment> e)
    {
        e.ToTable("SignificanceAssessments");
        e.Property(x => x.Category).HasMaxLength(8);
        e.Property(x => x.Rationale).HasMaxLength(1000);
        e.HasIndex(x => new { x.CompanyId, x.InventoryId, x.Category }).IsUnique();
        e.HasOne<InventoryRecord>().WithMany().HasForeignKey(x => x.InventoryId);
    }
}
