using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Platform.Security;

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

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(100);
        e.HasOne<Company>().WithMany().HasForeignKey(u => u.CompanyId);
    }
}
