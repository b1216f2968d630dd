using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Data;

/// <summary>A PCR version the operator added (a new edition of a shipped PCR, or a PCR for another product category):
/// the document as uploaded and its SHA-256. Platform data, not a tenant's: every company's products follow it.
/// Never changed once added; a correction is another version.</summary>
[Audited]
public sealed class PcrVersion
{
    public Guid Id { get; set; }

    public required string PcrId { get; set; }

    public required string Version { get; set; }

    public required string Json { get; set; }

    public required string Hash { get; set; }

    public string? AddedBy { get; set; }

    public DateTime AddedAtUtc { get; set; }
}

internal sealed class PcrVersionConfiguration : IEntityTypeConfiguration<PcrVersion>
{
    public void Configure(EntityTypeBuilder<PcrVersion> e)
    {
        e.ToTable("PcrVersions");
        e.HasIndex(x => new { x.PcrId, x.Version }).IsUnique();
        e.Property(x => x.PcrId).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(20);
        e.Property(x => x.Json).HasMaxLength(200_000);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.AddedBy).HasMaxLength(256);
    }
}

/// <summary>The PCRs products follow: the shipped ones and the operator's versions (read per request: a handful of
/// rows, and a version added on one app node is followed by all at once).</summary>
public sealed class PcrCatalogs(TanpanDb db)
{
    public async Task<PcrCatalog> GetAsync(CancellationToken ct)
    {
        var rows = await db.Set<PcrVersion>().AsNoTracking().OrderBy(v => v.AddedAtUtc).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return PcrLibrary.Shipped;
        }

        // A stored document that no longer reads (edited behind the application) is left out, not a 500.
        var added = new List<Pcr>();
        foreach (var row in rows)
        {
            var parsed = PcrLibrary.Validate(row.Json);
            if (parsed.Succeeded && Platform.Records.CanonicalJson.Hash(row.Json) == row.Hash)
            {
                added.Add(parsed.Value);
            }
        }

        return PcrLibrary.Shipped.With(added);
    }
}
