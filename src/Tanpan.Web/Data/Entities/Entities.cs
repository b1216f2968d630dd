namespace Tanpan.Web.Data.Entities;

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

    public DateTime? DecidedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A person who signs in. Operator staff have no company; everyone else belongs to exactly one.</summary>
public sealed class AppUser : Microsoft.AspNetCore.Identity.IdentityUser<Guid>
{
    public Guid? CompanyId { get; set; }

    public string? DisplayName { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Role names. Operator staff run the platform; the others act inside their company.</summary>
public static class Roles
{
    public const string OperatorAdmin = "operator-admin";
    public const string CompanyAdmin = "company-admin";
    public const string DataClerk = "data-clerk";
    public const string Reviewer = "reviewer";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [OperatorAdmin, CompanyAdmin, DataClerk, Reviewer, Viewer];
}

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

/// <summary>A company-specific CO2e factor (e.g. a supplier's steam or a T-REC-backed supply), used as activity <c>custom.{Code}</c>.</summary>
public sealed class CustomFactor : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public decimal KgCo2ePerUnit { get; set; }

    /// <summary>Unit code of the activity the factor is per (e.g. kWh, t).</summary>
    public required string PerUnit { get; set; }

    public required string Source { get; set; }

    public string? Version { get; set; }

    public int? Year { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum AnnouncementKind
{
    News,
    Event,
}

/// <summary>News or an event the platform operator posts on the public home page.</summary>
public sealed class Announcement
{
    public Guid Id { get; set; }

    public AnnouncementKind Kind { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public DateOnly? EventDate { get; set; }

    public string? Location { get; set; }

    public DateTime PublishedAtUtc { get; set; }
}

/// <summary>A message sent through the public contact page.</summary>
public sealed class ContactMessage
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? CompanyName { get; set; }

    public required string Message { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}

/// <summary>The operator's certificate settings (one row): association name, seal image and disclaimer.</summary>
public sealed class CertificateSettings
{
    public int Id { get; set; }

    public string? AssociationName { get; set; }

    public byte[]? SealImage { get; set; }

    public string? SealContentType { get; set; }

    public string? Disclaimer { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
