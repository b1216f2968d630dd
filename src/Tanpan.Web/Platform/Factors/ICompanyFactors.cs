using Tanpan.Engine.Factors;

namespace Tanpan.Web.Platform.Factors;

/// <summary>The current company's own factors (<c>custom.&lt;code&gt;</c>) as an engine source. Declared here so
/// calculating features need not know the feature that keeps them.</summary>
public interface ICompanyFactors
{
    Task<ICustomFactorSource> LoadAsync(CancellationToken ct);

    /// <summary>The codes of the company's own factors, ordered, for choosers.</summary>
    Task<IReadOnlyList<string>> CodesAsync(CancellationToken ct);

    /// <summary>The company's factors with what a chooser shows: name, value, unit, who declared it and its period.</summary>
    Task<IReadOnlyList<CompanyFactorInfo>> ListAsync(CancellationToken ct);

    /// <summary>Adds a supplier-declared factor (a received footprint becoming BOM primary data) under the same rules
    /// as the factor page; the field errors name the draft's fields when it is refused.</summary>
    Task<IReadOnlyList<Engine.Common.FieldError>> AddAsync(CompanyFactorDraft draft, CancellationToken ct);
}

public sealed record CompanyFactorDraft(string Code, string Name, decimal KgCo2ePerUnit, string PerUnit, string Source, string? Version, string Supplier, DateOnly? ReferenceFrom, DateOnly? ReferenceTo,
    decimal? TechnologicalDqr = null, decimal? TemporalDqr = null, decimal? GeographicalDqr = null);

/// <summary>A company factor as another feature sees it; <see cref="Supplier"/> set = the supplier's primary data.</summary>
public sealed record CompanyFactorInfo(string Activity, string Name, decimal KgCo2ePerUnit, string PerUnit, string? Supplier, DateOnly? ReferenceFrom, DateOnly? ReferenceTo,
    decimal? TechnologicalDqr = null, decimal? TemporalDqr = null, decimal? GeographicalDqr = null);
