using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Features.Portal;

/// <summary>A subsidy programme or a training course the association announces to members.</summary>
[Audited]
public sealed class PortalNotice
{
    public Guid Id { get; set; }

    public PortalNoticeKind Kind { get; set; }

    public required string TitleZh { get; set; }

    public required string TitleEn { get; set; }

    public required string BodyZh { get; set; }

    public required string BodyEn { get; set; }

    /// <summary>The application deadline (subsidy) or the event date (training); after it the notice is closed.</summary>
    public DateOnly? Date { get; set; }

    public string? Link { get; set; }

    public string? Location { get; set; }

    public DateTime PublishedAtUtc { get; set; }

    public bool IsClosed(DateOnly today) => Date is { } d && d < today;

    /// <summary>Open ones with the nearest date first, then open ones without a date, newest first, then the closed.</summary>
    public static IEnumerable<PortalNotice> InOrder(IEnumerable<PortalNotice> notices, DateOnly today) =>
        notices.OrderBy(n => n.IsClosed(today) ? 2 : n.Date is null ? 1 : 0)
            .ThenBy(n => n.IsClosed(today) ? -n.Date!.Value.DayNumber : n.Date?.DayNumber ?? 0)
            .ThenByDescending(n => n.PublishedAtUtc);
}

internal sealed class PortalNoticeConfiguration : IEntityTypeConfiguration<PortalNotice>
{
    public void Configure(EntityTypeBuilder<PortalNotice> e)
    {
        e.ToTable("PortalNotices");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
        e.Property(x => x.TitleZh).HasMaxLength(PortalLimits.Title);
        e.Property(x => x.TitleEn).HasMaxLength(PortalLimits.Title);
        e.Property(x => x.BodyZh).HasMaxLength(PortalLimits.Body);
        e.Property(x => x.BodyEn).HasMaxLength(PortalLimits.Body);
        e.Property(x => x.Link).HasMaxLength(PortalLimits.Url);
        e.Property(x => x.Location).HasMaxLength(PortalLimits.Name);
    }
}
