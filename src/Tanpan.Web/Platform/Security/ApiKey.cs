using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Platform.Security;

/// <summary>An API key for system-to-system calls (ERP, supplier systems). Only a SHA-256 hash is stored.</summary>
public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public required string KeyHash { get; set; }

    /// <summary>First characters of the key, shown to users to tell keys apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable("ApiKeys");
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.KeyHash).HasMaxLength(64);
        e.Property(k => k.Prefix).HasMaxLength(16);
        e.HasIndex(k => k.KeyHash).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId);
    }
}
