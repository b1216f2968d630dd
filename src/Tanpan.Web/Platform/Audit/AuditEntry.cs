using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Platform.Audit;

/// <summary>Who changed what and when, with the values before and after (JSON).</summary>
public sealed class AuditEntry : ITenantOwned
{
    /// <summary>The trail of platform data (not any company's): rows the operator adds for every tenant.</summary>
    public static readonly Guid PlatformTrail = Guid.Empty;

    public long Id { get; set; }

    public Guid CompanyId { get; set; }

    public DateTime AtUtc { get; set; }

    public string? User { get; set; }

    public required string Entity { get; set; }

    public required string EntityId { get; set; }

    public required string Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("Audit");
        e.Property(x => x.User).HasMaxLength(256);
        e.Property(x => x.Entity).HasMaxLength(60);
        e.Property(x => x.EntityId).HasMaxLength(60);
        e.Property(x => x.Action).HasMaxLength(30);
        e.HasIndex(x => new { x.CompanyId, x.AtUtc });
    }
}
