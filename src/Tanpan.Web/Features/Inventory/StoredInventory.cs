using System.Text.Json.Serialization;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Inventory;

/// <summary>An inventory as the page, the report (PDF) and the list (xlsx) show it: company and boundary, the
/// activity data as entered, the engine's result with every factor's trace, the breakdowns, the significance
/// assessment and the review. Built live for a draft; for a locked inventory it is frozen at approval as a versioned
/// record, hashed over its canonical form and verified whenever it is shown — a later factor version, a changed
/// entry or an edit in the database cannot change what was approved without showing.</summary>
public sealed record StoredInventory(
    int SchemaVersion,
    Guid InventoryId,
    Guid CompanyId,
    string CompanyName,
    string? CompanyTaxId,
    string? CompanyAddress,
    int Year,
    string Boundary,
    int? BaseYear,
    decimal? BaseYearTotalKgCo2e,
    IReadOnlyList<StoredFacility> Facilities,
    IReadOnlyList<StoredEntry> Entries,
    StoredInventoryResult Result,
    IReadOnlyList<StoredAmount> ByFacility,
    IReadOnlyList<decimal> ByMonth,
    int SignificanceThreshold,
    IReadOnlyList<StoredSignificance> Significance,
    StoredReview Review,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StoredSourceStatement>? Statements = null)
{
    /// <summary>2: the register's data-quality statements are part of the record (<see cref="Statements"/>); a v1
    /// record has none and is converted at start-up (<see cref="LegacyInventories"/>).</summary>
    public const int CurrentVersion = 2;
}

/// <summary>What the register said about a source when the record was taken: how its activity data is measured
/// (A1), its instrument calibration (A2), by enum name, and the uncertainties stated for 表七. A locked year keeps
/// the statements it was approved with when the register says better of a later year.</summary>
public sealed record StoredSourceStatement(Guid SourceId, string? Measurement, string? Calibration, decimal? ActivityUncertaintyPercent, decimal? FactorUncertaintyPercent)
{
    public static StoredSourceStatement Of(EmissionSource source) =>
        new(source.Id, source.Measurement?.ToString(), source.Calibration?.ToString(), source.ActivityUncertaintyPercent, source.FactorUncertaintyPercent);
}

public sealed record StoredFacility(Guid Id, string Name, string? Address);

/// <summary>One activity entry as entered, with the register line it belongs to.</summary>
public sealed record StoredEntry(
    Guid Id, Guid SourceId, string Source, string Facility, string Category, string Activity, string? Use, string? Technology, string Kind,
    string From, string To, decimal Quantity, string Unit, decimal? PeakKwh, decimal? SemiPeakKwh, decimal? SaturdaySemiPeakKwh, decimal? OffPeakKwh, decimal? ContractCapacityKw, string? Reference);

public sealed record StoredInventoryResult(
    int ReportingYear,
    string GwpSet,
    string? FactorSet,
    decimal TotalKgCo2e,
    decimal Scope1KgCo2e,
    decimal Scope2KgCo2e,
    decimal Scope3KgCo2e,
    IReadOnlyList<StoredAmount> ByCategory,
    IReadOnlyList<StoredAmount> ByGas,
    IReadOnlyList<StoredAmount> ByGasGroup,
    IReadOnlyList<StoredAmount> SeparatelyReported,
    decimal EstimatedKgCo2e,
    decimal EstimatedShare,
    IReadOnlyList<StoredInventoryLine> Lines,
    IReadOnlyList<StoredFactor> Factors,
    IReadOnlyList<StoredInventoryWarning> Warnings)
{
    public StoredFactor Factor(string id) => Factors.First(f => f.Id == id);

    public decimal Scope(int scope) => scope switch { 1 => Scope1KgCo2e, 2 => Scope2KgCo2e, _ => Scope3KgCo2e };
}

/// <summary>A named amount in kgCO2e (a category, a gas, a facility).</summary>
public sealed record StoredAmount(string Key, decimal KgCo2e);

public sealed record StoredInventoryLine(
    Guid EntryId, string Source, string Facility, string Category, string Activity, decimal Quantity, decimal IncludedQuantity, string Unit, decimal KgCo2e,
    bool Estimated, int? IncludedDays, int? PeriodDays, bool ReportedSeparately, IReadOnlyList<StoredLineGas> Gases, string FactorId);

public sealed record StoredLineGas(string Gas, decimal Kg, decimal Gwp, decimal KgCo2e);

public sealed record StoredInventoryWarning(string Path, string Message);

public sealed record StoredSignificance(string Category, int Magnitude, int LevelOfInfluence, int RiskOrOpportunity, int StakeholderConcern, bool Significant, string? Rationale);

/// <summary>Who submitted and who approved, and whether the company declared a one-person review (audited and printed).</summary>
public sealed record StoredReview(string? SubmittedBy, DateTime? SubmittedAtUtc, string? ApprovedBy, DateTime? ApprovedAtUtc, bool SinglePersonReview, string? Comment);
