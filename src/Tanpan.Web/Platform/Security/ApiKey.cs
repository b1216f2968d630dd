using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Platform.Security;

/// <summary>An API key for system-to-system calls (ERP, supplier systems). Only a SHA-256 hash is stored; the key
/// itself is shown once, when it is created.</summary>
[Audited]
public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public required string KeyHash { get; set; }

    /// <summary>First characters of the key, shown to users to tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Space-separated permission names the key holds (e.g. <c>work-orders:write inventory:read</c>).</summary>
    public string Scopes { get; set; } = string.Empty;

    public string? CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

public static class ApiKeys
{
    public const int MaxLength = 200;
    public const string KeyPrefix = "tpk_";

    /// <summary>A new key: 32 random bytes, URL-safe, with a recognisable prefix (so secret scanners can find leaks).</summary>
    public static string Generate() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key[..Math.Min(12, key.Length)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable("ApiKeys");
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.KeyHash).HasMaxLength(64);
        e.Property(k => k.Prefix).HasMaxLength(16);
        e.Property(k => k.Scopes).HasMaxLength(1000);
        e.Property(k => k.CreatedBy).HasMaxLength(256);
        e.HasIndex(k => k.KeyHash).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId);
    }
}
