using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The operator's process template for its industry (JSON of <c>ProcessTemplate</c>), replacing the shipped one.</summary>
public sealed class ProcessTemplateRecord
{
    public required string Id { get; set; }

    public required string Json { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class ProcessTemplateRecordConfiguration : IEntityTypeConfiguration<ProcessTemplateRecord>
{
    public void Configure(EntityTypeBuilder<ProcessTemplateRecord> e)
    {
        e.ToTable("ProcessTemplates");
        e.Property(x => x.Id).HasMaxLength(60);
        e.Property(x => x.Json).HasMaxLength(20000);
    }
}
