using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

/// <summary>A footprint as published over PACT, in the protocol's terms but ours to keep: what v3 and v2.3 serve is
/// rendered from it (<see cref="PactFormat"/>), so a protocol version never changes what was published. Written from a
/// locked product footprint (<see cref="ProductRecordHash"/> names the record), hashed, verified when served.
/// Per declared unit (one product); fossil only: the factor library holds no biogenic flows, so biogenic uptake and
/// content are zero and "including" equals "excluding".</summary>
public sealed record StoredPactFootprint(
    int SchemaVersion,
    Guid Id,
    Guid ProductId,
    int ProductVersion,
    string ProductRecordHash,
    IReadOnlyList<Guid> PrecedingPfIds,
    DateTime CreatedUtc,
    DateTime ValidityStartUtc,
    DateTime ValidityEndUtc,
    string CompanyName,
    IReadOnlyList<string> CompanyIds,
    string ProductName,
    string ProductDescription,
    IReadOnlyList<string> ProductIds,
    IReadOnlyList<string> ProductClassifications,
    string Comment,
    decimal MassKgPerUnit,
    DateTime ReferenceStartUtc,
    DateTime ReferenceEndUtc,
    string GeographyCountry,
    string BoundaryDescription,
    decimal KgCo2ePerUnit,
    decimal PackagingKgCo2ePerUnit,
    decimal DistributionKgCo2ePerUnit,
    string GwpSet,
    IReadOnlyList<PublishableFactorSource> SecondarySources,
    string RuleOperator,
    string RuleOperatorName,
    string RuleName,
    decimal ExemptedPercent,
    string ExemptedDescription,
    string? AllocationDescription,
    decimal PrimaryDataPercent,
    decimal? TechnologicalDqr,
    decimal? TemporalDqr,
    decimal? GeographicalDqr)
{
    public const int CurrentVersion = 1;

    /// <summary>The classification every lathe footprint carries: UN CPC 4422 (machine tools for working metal).</summary>
    public const string LatheClassification = "urn:pact:productclassification:un-cpc:4422";

    public static StoredPactFootprint From(PublishableFootprint f, Guid companyId, Guid id, IReadOnlyList<Guid> preceding, DateTime nowUtc, decimal massKg)
    {
        // Served to the second (ISO 8601 without fractions), so stored to the second: a filter on a served time matches.
        nowUtc = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var referenceStart = f.ReferenceFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var referenceEnd = f.ReferenceTo.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // PACT: without a stated validity a footprint is valid three years from the end of its reference period; the
        // period is stated here so a customer sees it, starting when it is published.
        var validityEnd = referenceEnd.AddYears(3);
        var companyIds = new List<string> { $"urn:uuid:{companyId}" };
        if (f.CompanyTaxId is { Length: > 0 } taxId)
        {
            companyIds.Insert(0, $"urn:pact:company:tw-ban:{taxId}");
        }

        var stages = string.Join(", ", f.Stages);
        var boundary = f.Boundary == "cradle-to-grave" ? "Cradle-to-grave" : "Cradle-to-gate";
        return new StoredPactFootprint(
            CurrentVersion, id, f.ProductId, f.Version, f.RecordHash, preceding, nowUtc, nowUtc < validityEnd ? nowUtc : referenceStart, validityEnd,
            f.CompanyName, companyIds, f.ProductName,
            string.Join(", ", new[] { f.ProductName, f.Model, f.MachineType }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct()),
            PactIds.ProductIds(f.ProductId, f.Model), [LatheClassification],
            $"ISO 14067 product carbon footprint calculated in Tanpan under {f.PcrName} ({f.PcrId} {f.PcrVersion}), locked version {f.Version}.",
            massKg, referenceStart, referenceEnd, "TW", $"{boundary} per {f.PcrId} {f.PcrVersion}: {stages}.",
            f.KgCo2ePerUnit, f.PackagingKgCo2e, f.DistributionKgCo2e, f.GwpSet, f.SecondarySources,
            "Other", f.PcrPublisher.Length > 0 ? f.PcrPublisher : f.PcrId, $"{f.PcrName} v{f.PcrVersion}", f.OmittedShare * 100,
            f.Omitted.Count == 0 ? "No inputs were left out under the PCR's cut-off rule." : "Left out under the PCR's cut-off rule: " + string.Join("; ", f.Omitted) + ".",
            f.AllocationDescription, f.PrimaryDataShare * 100, f.TechnologicalDqr, f.TemporalDqr, f.GeographicalDqr);
    }
}

/// <summary>The URNs a product is known by: its vendor-assigned model code (when it has one) and its own UUID.</summary>
public static class PactIds
{
    public static IReadOnlyList<string> ProductIds(Guid productId, string? model) =>
        model is { Length: > 0 } ? [$"urn:pact:product:customcode:vendor-assigned:{Uri.EscapeDataString(model)}", $"urn:uuid:{productId}"] : [$"urn:uuid:{productId}"];
}

public enum PactFootprintStatus
{
    Active,
    Deprecated,
}

/// <summary>A published footprint: its record and hash (never changed) and its status, which turns
/// <see cref="PactFootprintStatus.Deprecated"/> when a newer version of the product is published.</summary>
[Audited]
public sealed class PublishedFootprint : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid ProductId { get; set; }

    public int ProductVersion { get; set; }

    public PactFootprintStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DeprecatedAtUtc { get; set; }

    public string? PublishedBy { get; set; }

    public required string RecordJson { get; set; }

    public required string RecordHash { get; set; }

    public static StoredPactFootprint? Read(PublishedFootprint row) =>
        CanonicalJson.Verify<StoredPactFootprint>(row.RecordJson, row.RecordHash, out var record) && record is not null && record.Id == row.Id ? record : null;
}

internal sealed class PublishedFootprintConfiguration : IEntityTypeConfiguration<PublishedFootprint>
{
    public void Configure(EntityTypeBuilder<PublishedFootprint> e)
    {
        e.ToTable("PactFootprints");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.PublishedBy).HasMaxLength(256);
        e.Property(x => x.RecordHash).HasMaxLength(64);
        e.HasIndex(x => new { x.ProductId, x.ProductVersion }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
    }
}
