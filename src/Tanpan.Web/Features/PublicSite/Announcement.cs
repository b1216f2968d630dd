using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tanpan.Web.Features.PublicSite;

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

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> e)
    {
        e.ToTable("Announcements");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(8);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Body).HasMaxLength(4000);
        e.Property(x => x.Location).HasMaxLength(200);
    }
}
