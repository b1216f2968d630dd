namespace Tanpan.Web.Platform.Contracts;

/// <summary>What a locked product footprint says, in the terms a supply-chain exchange needs (PACT): per declared
/// unit, with its reference period, data quality, cut-off and the PCR it followed. Read from the locked, hash-verified
/// record; <see cref="RecordHash"/> ties a published footprint to it.</summary>
public sealed record PublishableFootprint(
    Guid ProductId,
    int Version,
    string RecordHash,
    string CompanyName,
    string? CompanyTaxId,
    string ProductName,
    string? Model,
    string? MachineType,
    string PcrId,
    string PcrVersion,
    string PcrName,
    string PcrPublisher,
    string Boundary,
    IReadOnlyList<string> Stages,
    decimal? MassKg,
    decimal KgCo2ePerUnit,
    decimal PackagingKgCo2e,
    decimal DistributionKgCo2e,
    string GwpSet,
    DateOnly ReferenceFrom,
    DateOnly ReferenceTo,
    decimal PrimaryDataShare,
    decimal? TechnologicalDqr,
    decimal? TemporalDqr,
    decimal? GeographicalDqr,
    decimal OmittedShare,
    IReadOnlyList<string> Omitted,
    IReadOnlyList<PublishableFactorSource> SecondarySources,
    string? AllocationDescription,
    DateTime LockedAtUtc);

public sealed record PublishableFactorSource(string Name, string Version);

/// <summary>Locked product footprints of the request's company, for features that publish them (PACT) without reading
/// the products' tables.</summary>
public interface IPublishableFootprints
{
    /// <summary>The locked version, or null when there is none or its record no longer matches its hash.</summary>
    Task<PublishableFootprint?> FindAsync(Guid productId, int version, CancellationToken ct);

    /// <summary>Every product of the company with its locked versions (newest first), for choosing what to publish.</summary>
    Task<IReadOnlyList<PublishableProduct>> ListAsync(CancellationToken ct);
}

public sealed record PublishableProduct(Guid ProductId, string Name, string? Model, IReadOnlyList<int> LockedVersions);
