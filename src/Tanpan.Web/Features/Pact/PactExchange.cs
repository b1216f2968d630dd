using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

public enum PactDirection
{
    /// <summary>A customer asked this company for footprints (a RequestCreated event we received).</summary>
    Inbound,

    /// <summary>This company asked a supplier (a RequestCreated event we sent).</summary>
    Outbound,
}

public enum PactRequestStatus
{
    /// <summary>Not answered yet: inbound, a person decides (publish and grant, or reject); outbound, the supplier.</summary>
    Pending,
    Fulfilled,
    Rejected,
}

public enum PactDelivery
{
    /// <summary>Nothing to send.</summary>
    None,

    /// <summary>An event waits to be sent (the answer to an inbound request, or an outbound request).</summary>
    Queued,
    Delivered,

    /// <summary>Every retry failed; shown with the last error, and sent again when a person asks.</summary>
    GaveUp,
}

/// <summary>One footprint request, in either direction, with the event that answers or makes it and its delivery:
/// the background sender (<see cref="PactSender"/>) reads queued rows from the database, so an answer still owed
/// when the app stops is sent after it starts again; a lease keeps two app nodes from sending the same one.</summary>
[Audited]
public sealed class PactExchange : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public PactDirection Direction { get; set; }

    /// <summary>2 or 3: the protocol major version the request came in (or goes out) with.</summary>
    public int SpecMajor { get; set; }

    /// <summary>The RequestCreated event's id (the requester's; ours for an outbound request).</summary>
    public required string RequestEventId { get; set; }

    /// <summary>Inbound: the client that asked. Outbound: the client the supplier answers with, if any.</summary>
    public Guid? PactClientId { get; set; }

    /// <summary>Outbound: the supplier asked.</summary>
    public Guid? SupplierConnectionId { get; set; }

    /// <summary>Inbound: the requester's base URL (the event's <c>source</c>), where the answer goes.</summary>
    public string? Source { get; set; }

    /// <summary>Inbound: our own base URL as the requester reached us, the <c>source</c> of our answer.</summary>
    public string? ReplySource { get; set; }

    /// <summary>The request's filter as JSON (product ids and the other v3 criteria).</summary>
    public required string FilterJson { get; set; }

    public string? Comment { get; set; }

    public PactRequestStatus Status { get; set; }

    /// <summary>The footprints that answered it (JSON array of ids).</summary>
    public string? AnswerPfIdsJson { get; set; }

    public string? RejectCode { get; set; }

    public string? RejectMessage { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public PactDelivery Delivery { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAtUtc { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A supplier's PACT host this company reads footprints from: its base URL, protocol version and the client
/// credentials the supplier issued us (the secret encrypted with ASP.NET data protection, since it must be sent).</summary>
[Audited]
public sealed class SupplierConnection : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public required string BaseUrl { get; set; }

    public int SpecMajor { get; set; } = 3;

    public required string ClientId { get; set; }

    public required string SecretProtected { get; set; }

    /// <summary>Our API client the supplier uses to answer requests (its RequestFulfilled events reach us with it).</summary>
    public Guid? CallbackClientId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastFetchAtUtc { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A footprint received from a supplier: by PACT (fetched, or in a RequestFulfilled event), or declared on the
/// no-account form (<see cref="SelfDeclared"/>). The document is kept as received, hashed; the figures a BOM line
/// uses are read from it once, with their units.</summary>
[Audited]
public sealed class ReceivedFootprint : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>The footprint's own id (<c>id</c> in PACT); for a self-declared one, the invitation's.</summary>
    public Guid PfId { get; set; }

    public Guid? SupplierConnectionId { get; set; }

    public Guid? InvitationId { get; set; }

    public required string SupplierName { get; set; }

    public required string ProductName { get; set; }

    /// <summary>Space-separated product URNs.</summary>
    public string ProductIds { get; set; } = string.Empty;

    /// <summary>kgCO2e per <see cref="DeclaredUnit"/> (excluding biogenic uptake).</summary>
    public decimal KgCo2ePerUnit { get; set; }

    /// <summary>A Tanpan unit code (kg, piece, kWh, L, m3, t*km …).</summary>
    public required string DeclaredUnit { get; set; }

    public decimal? MassKgPerUnit { get; set; }

    public DateOnly? ReferenceFrom { get; set; }

    public DateOnly? ReferenceTo { get; set; }

    /// <summary>Primary data share, 0–100 %.</summary>
    public decimal? PrimaryDataPercent { get; set; }

    public decimal? TechnologicalDqr { get; set; }

    public decimal? TemporalDqr { get; set; }

    public decimal? GeographicalDqr { get; set; }

    public string Status { get; set; } = "Active";

    public bool SelfDeclared { get; set; }

    public string? SpecVersion { get; set; }

    public required string DocumentJson { get; set; }

    public required string DocumentHash { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}

/// <summary>A supplier invited by e-mail to declare a product's footprint on a form reached by a link, without an
/// account. Only the token's hash is stored; the link works until it is used or expires.</summary>
[Audited]
public sealed class SupplierInvitation : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string SupplierName { get; set; }

    public required string Email { get; set; }

    public required string ProductName { get; set; }

    public required string DeclaredUnit { get; set; }

    public string? Message { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public string? CreatedBy { get; set; }
}

internal sealed class PactExchangeConfiguration : IEntityTypeConfiguration<PactExchange>
{
    public void Configure(EntityTypeBuilder<PactExchange> e)
    {
        e.ToTable("PactExchanges");
        e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RequestEventId).HasMaxLength(300);
        e.Property(x => x.Source).HasMaxLength(1000);
        e.Property(x => x.ReplySource).HasMaxLength(1000);
        e.Property(x => x.FilterJson).HasMaxLength(20_000);
        e.Property(x => x.Comment).HasMaxLength(2000);
        e.Property(x => x.RejectCode).HasMaxLength(40);
        e.Property(x => x.RejectMessage).HasMaxLength(2000);
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.HasIndex(x => new { x.CompanyId, x.Direction, x.RequestEventId }).IsUnique();
        e.HasIndex(x => new { x.Delivery, x.NextAttemptAtUtc });
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class SupplierConnectionConfiguration : IEntityTypeConfiguration<SupplierConnection>
{
    public void Configure(EntityTypeBuilder<SupplierConnection> e)
    {
        e.ToTable("SupplierConnections");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.BaseUrl).HasMaxLength(500);
        e.Property(x => x.ClientId).HasMaxLength(200);
        e.Property(x => x.SecretProtected).HasMaxLength(2000);
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class ReceivedFootprintConfiguration : IEntityTypeConfiguration<ReceivedFootprint>
{
    public void Configure(EntityTypeBuilder<ReceivedFootprint> e)
    {
        e.ToTable("ReceivedFootprints");
        e.Property(x => x.SupplierName).HasMaxLength(200);
        e.Property(x => x.ProductName).HasMaxLength(300);
        e.Property(x => x.ProductIds).HasMaxLength(4000);
        e.Property(x => x.KgCo2ePerUnit).HasPrecision(38, 18);
        e.Property(x => x.MassKgPerUnit).HasPrecision(38, 18);
        e.Property(x => x.DeclaredUnit).HasMaxLength(20);
        e.Property(x => x.PrimaryDataPercent).HasPrecision(9, 4);
        e.Property(x => x.TechnologicalDqr).HasPrecision(9, 4);
        e.Property(x => x.TemporalDqr).HasPrecision(9, 4);
        e.Property(x => x.GeographicalDqr).HasPrecision(9, 4);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.SpecVersion).HasMaxLength(20);
        e.Property(x => x.DocumentHash).HasMaxLength(64);
        e.HasIndex(x => new { x.CompanyId, x.PfId }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

internal sealed class SupplierInvitationConfiguration : IEntityTypeConfiguration<SupplierInvitation>
{
    public void Configure(EntityTypeBuilder<SupplierInvitation> e)
    {
        e.ToTable("SupplierInvitations");
        e.Property(x => x.SupplierName).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.ProductName).HasMaxLength(300);
        e.Property(x => x.DeclaredUnit).HasMaxLength(20);
        e.Property(x => x.Message).HasMaxLength(2000);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}

/// <summary>The exchange's tables, as members of <see cref="Data.TanpanDb"/>.</summary>
public static class PactData
{
    extension(Data.TanpanDb db)
    {
        public DbSet<PactClient> PactClients => db.Set<PactClient>();

        public DbSet<PactClientGrant> PactClientGrants => db.Set<PactClientGrant>();

        public DbSet<PublishedFootprint> PactFootprints => db.Set<PublishedFootprint>();

        public DbSet<PactExchange> PactExchanges => db.Set<PactExchange>();

        public DbSet<SupplierConnection> SupplierConnections => db.Set<SupplierConnection>();

        public DbSet<ReceivedFootprint> ReceivedFootprints => db.Set<ReceivedFootprint>();

        public DbSet<SupplierInvitation> SupplierInvitations => db.Set<SupplierInvitation>();
    }
}
