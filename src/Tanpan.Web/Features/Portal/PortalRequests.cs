using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Portal;

/// <summary>A member's request to be put in touch with a vendor; the operator moves it along and notes what happened.</summary>
[Audited]
public sealed class MatchmakingRequest : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid VendorId { get; set; }

    public required string Need { get; set; }

    public required string Site { get; set; }

    public BudgetRange Budget { get; set; }

    public required string ContactName { get; set; }

    public required string ContactPhone { get; set; }

    public MatchmakingStatus Status { get; set; }

    /// <summary>The operator's note, shown to the company.</summary>
    public string? OperatorNote { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A member's question to the association's advisers; the operator answers on the same row.</summary>
[Audited]
public sealed class ConsultationRequest : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public ConsultationTopic Topic { get; set; }

    public required string Message { get; set; }

    public ContactMethod PreferredContact { get; set; }

    /// <summary>The phone number or e-mail address to use.</summary>
    public required string ContactDetail { get; set; }

    public ConsultationStatus Status { get; set; }

    public string? Reply { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class MatchmakingRequestConfiguration : IEntityTypeConfiguration<MatchmakingRequest>
{
    public void Configure(EntityTypeBuilder<MatchmakingRequest> e)
    {
        e.ToTable("PortalMatchmaking");
        e.Property(x => x.Need).HasMaxLength(PortalLimits.Note);
        e.Property(x => x.Site).HasMaxLength(PortalLimits.Name);
        e.Property(x => x.Budget).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ContactName).HasMaxLength(PortalLimits.Short);
        e.Property(x => x.ContactPhone).HasMaxLength(PortalLimits.Short);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        e.Property(x => x.OperatorNote).HasMaxLength(PortalLimits.Note);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasOne<TechVendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
    }
}

internal sealed class ConsultationRequestConfiguration : IEntityTypeConfiguration<ConsultationRequest>
{
    public void Configure(EntityTypeBuilder<ConsultationRequest> e)
    {
        e.ToTable("PortalConsultations");
        e.Property(x => x.Topic).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Message).HasMaxLength(PortalLimits.Note);
        e.Property(x => x.PreferredContact).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.ContactDetail).HasMaxLength(PortalLimits.Short);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        e.Property(x => x.Reply).HasMaxLength(PortalLimits.Note);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
    }
}
