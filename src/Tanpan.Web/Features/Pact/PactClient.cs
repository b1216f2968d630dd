using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

/// <summary>A customer's system allowed to read this company's footprints over PACT: OAuth2 client credentials (the
/// secret is shown once and stored as a SHA-256 hash) and the products whose footprints it may see
/// (<see cref="PactClientGrant"/>). A customer's host that sends us requests needs our answers back: the credentials
/// we present to its token endpoint are kept encrypted (<see cref="CallbackSecretProtected"/>), because they must be
/// sent, not only checked.</summary>
[Audited]
public sealed class PactClient : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    /// <summary>The public client id (<c>tpc_…</c>), unique over the platform: it names the company at the token
    /// endpoint, before any tenant is known.</summary>
    public required string ClientId { get; set; }

    public required string SecretHash { get; set; }

    /// <summary>The client id we present to the customer's token endpoint when answering its requests.</summary>
    public string? CallbackClientId { get; set; }

    public string? CallbackSecretProtected { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>A product whose published footprints a client may see. Without a grant a footprint is not served, listed
/// or sent in answer to a request.</summary>
public sealed class PactClientGrant : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid PactClientId { get; set; }

    public Guid ProductId { get; set; }
}

/// <summary>An access token issued at <c>/auth/token</c>: opaque, random, stored as a hash, valid for an hour, and
/// dead as soon as its client is revoked.</summary>
public sealed class PactAccessToken
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid PactClientId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}

internal sealed class PactClientConfiguration : IEntityTypeConfiguration<PactClient>
{
    public void Configure(EntityTypeBuilder<PactClient> e)
    {
        e.ToTable("PactClients");
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ClientId).HasMaxLength(64);
        e.HasIndex(x => x.ClientId).IsUnique();
        e.Property(x => x.SecretHash).HasMaxLength(64);
        e.Property(x => x.CallbackClientId).HasMaxLength(200);
        e.Property(x => x.CallbackSecretProtected).HasMaxLength(2000);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class PactClientGrantConfiguration : IEntityTypeConfiguration<PactClientGrant>
{
    public void Configure(EntityTypeBuilder<PactClientGrant> e)
    {
        e.ToTable("PactClientGrants");
        e.HasIndex(x => new { x.PactClientId, x.ProductId }).IsUnique();
        e.HasOne<PactClient>().WithMany().HasForeignKey(x => x.PactClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PactAccessTokenConfiguration : IEntityTypeConfiguration<PactAccessToken>
{
    public void Configure(EntityTypeBuilder<PactAccessToken> e)
    {
        e.ToTable("PactAccessTokens");
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.ExpiresAtUtc);
        e.HasOne<PactClient>().WithMany().HasForeignKey(x => x.PactClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
