using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tanpan.Web.Features.WorkOrders;

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

internal sealed class CertificateSettingsConfiguration : IEntityTypeConfiguration<CertificateSettings>
{
    public void Configure(EntityTypeBuilder<CertificateSettings> e)
    {
        e.ToTable("CertificateSettings");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.AssociationName).HasMaxLength(200);
        e.Property(x => x.SealContentType).HasMaxLength(40);
        e.Property(x => x.Disclaimer).HasMaxLength(2000);
    }
}
