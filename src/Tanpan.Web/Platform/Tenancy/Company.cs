using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tanpan.Web.Platform.Tenancy;

/// <summary>A row owned by one company. The global query filter and the stamping interceptor enforce it.</summary>
public interface ITenantOwned
{
    Guid CompanyId { get; set; }
}

public enum CompanyStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A member company (the tenant). Registers itself; the platform operator approves or rejects it.</summary>
[Audit.Audited]
public sealed class Company
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>統一編號 (8-digit business administration number, checksum-validated).</summary>
    public string? TaxId { get; set; }

    public CompanyStatus Status { get; set; } = CompanyStatus.Approved;

    public string? ContactName { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    public string? Region { get; set; }

    public string? Website { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>The company declares that one person both submits and approves its inventories (separation of duties
    /// is then impossible); recorded in the audit trail and printed in every report it approves.</summary>
    public bool SinglePersonReview { get; set; }

    /// <summary>The company consents to the association seeing that it exchanges footprints (PACT), and how: what it
    /// publishes and whom it reads from, as counts. Off until the company's admin turns it on.</summary>
    public DateTime? ExchangeListedAtUtc { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> e)
    {
        e.ToTable("Companies");
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.TaxId).HasMaxLength(8);
        e.HasIndex(c => c.TaxId).IsUnique();
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.ContactName).HasMaxLength(100);
        e.Property(c => c.Phone).HasMaxLength(40);
        e.Property(c => c.Email).HasMaxLength(256);
        e.Property(c => c.Address).HasMaxLength(300);
        e.Property(c => c.Region).HasMaxLength(40);
        e.Property(c => c.Website).HasMaxLength(300);
        e.Property(c => c.RejectionReason).HasMaxLength(1000);
    }
}
