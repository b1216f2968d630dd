using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tanpan.Web.Features.PublicSite;

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

internal sealed class ContactMessageConfiguration : IEntityTypeConfiguration<ContactMessage>
{
    public void Configure(EntityTypeBuilder<ContactMessage> e)
    {
        e.ToTable("ContactMessages");
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.CompanyName).HasMaxLength(200);
        e.Property(x => x.Message).HasMaxLength(4000);
    }
}
