using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Features.Tariffs;

/// <summary>A prices file (same columns as <c>data/tariffs/taipower_tou.csv</c>) the operator added: the text as
/// uploaded and its SHA-256. Platform data, not a tenant's: every company's studies bill on it from its effective
/// date. Never edited; a correction is withdrawn and uploaded again.</summary>
[Audited]
public sealed class TariffVersion
{
    public const int MaxCsvChars = 1_000_000;

    public Guid Id { get; set; }

    public required string FileName { get; set; }

    public required string PricesCsv { get; set; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public required string Hash { get; set; }

    /// <summary>What changed, in the operator's words (e.g. "2026-04 調整").</summary>
    public required string Note { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public DateTime? WithdrawnAtUtc { get; set; }

    public string? WithdrawnBy { get; set; }

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

internal sealed class TariffVersionConfiguration : IEntityTypeConfiguration<TariffVersion>
{
    public void Configure(EntityTypeBuilder<TariffVersion> e)
    {
        e.ToTable("TariffVersions");
        e.HasIndex(x => x.UploadedAtUtc);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.PricesCsv).HasMaxLength(TariffVersion.MaxCsvChars);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.Property(x => x.WithdrawnBy).HasMaxLength(256);
    }
}

/// <summary>The tariff tables, as members of <see cref="Data.TanpanDb"/>.</summary>
public static class TariffData
{
    extension(Data.TanpanDb db)
    {
        public DbSet<TariffVersion> TariffVersions => db.Set<TariffVersion>();
    }
}
