namespace Tanpan.Web.Data.Entities;

public enum BoundaryApproach
{
    OperationalControl,
    FinancialControl,
    EquityShare,
}

public enum InventoryStatus
{
    Draft,
    Submitted,
    Returned,
    Locked,
}

/// <summary>A site inside the inventory boundary.</summary>
public sealed class Facility : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One line of the emission-source register (排放源鑑別): what emits, where, measured how, owned by whom.</summary>
public sealed class EmissionSource : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid FacilityId { get; set; }

    /// <summary>ISO 14064-1 category code as in 表1 ("1.1" … "6").</summary>
    public required string Category { get; set; }

    /// <summary>Factor-library activity id (electricity.grid.tw, fuel.diesel, refrigerant.R-410A, custom.&lt;code&gt;).</summary>
    public required string Activity { get; set; }

    public string? Use { get; set; }

    public string? Technology { get; set; }

    public required string Description { get; set; }

    /// <summary>Meter, electricity account (電號) or bill number.</summary>
    public string? MeterNumber { get; set; }

    public string? DataOwner { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A company's inventory for one calendar year, with its review state and, once locked, a snapshot.</summary>
public sealed class InventoryRecord : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public int Year { get; set; }

    public BoundaryApproach Boundary { get; set; } = BoundaryApproach.OperationalControl;

    public int? BaseYear { get; set; }

    /// <summary>Total score (of 20) from which an indirect category is significant and included.</summary>
    public int SignificanceThreshold { get; set; } = 12;

    public InventoryStatus Status { get; set; } = InventoryStatus.Draft;

    public string? ReviewComment { get; set; }

    /// <summary>The full result (lines, factors with source and version, totals) frozen at lock time.</summary>
    public string? LockedResultJson { get; set; }

    public DateTime? LockedAtUtc { get; set; }

    public string? LockedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum EntryKind
{
    Manual,
    TaipowerBill,
    FuelPurchase,
    RefrigerantRefill,
}

/// <summary>Activity data for one source over a period (a month, a bill period, a purchase).</summary>
public sealed class ActivityEntry : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid InventoryId { get; set; }

    public Guid SourceId { get; set; }

    public EntryKind Kind { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public decimal Quantity { get; set; }

    public required string Unit { get; set; }

    public decimal? PeakKwh { get; set; }

    public decimal? SemiPeakKwh { get; set; }

    public decimal? SaturdaySemiPeakKwh { get; set; }

    public decimal? OffPeakKwh { get; set; }

    public decimal? ContractCapacityKw { get; set; }

    public string? Reference { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Who changed what and when, with the values before and after (JSON).</summary>
public sealed class AuditEntry : ITenantOwned
{
    public long Id { get; set; }

    public Guid CompanyId { get; set; }

    public DateTime AtUtc { get; set; }

    public string? User { get; set; }

    public required string Entity { get; set; }

    public required string EntityId { get; set; }

    public required string Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

/// <summary>The significance assessment of one indirect category (3.1 … 6) for one inventory.</summary>
public sealed class SignificanceAssessment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid InventoryId { get; set; }

    public required string Category { get; set; }

    public int Magnitude { get; set; }

    public int LevelOfInfluence { get; set; }

    public int RiskOrOpportunity { get; set; }

    public int StakeholderConcern { get; set; }

    public bool Significant { get; set; }

    public string? Rationale { get; set; }
}

/// <summary>A job shop's work order (seed 002): order and work-order numbers, metal, time, product, quantity,
/// mix ratio and plating geometry, its process × energy inputs, and the calculated result with a content hash.</summary>
public sealed class WorkOrder : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string OrderNo { get; set; }

    public required string WorkOrderNo { get; set; }

    public string? Metal { get; set; }

    public DateOnly ProcessedOn { get; set; }

    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }

    public string? ProductName { get; set; }

    public decimal Quantity { get; set; }

    public required string QuantityUnit { get; set; }

    public decimal MixRatioPercent { get; set; } = 100m;

    public decimal? AreaCm2 { get; set; }

    public decimal? ThicknessUm { get; set; }

    public decimal? DensityKgPerM3 { get; set; }

    public decimal? PlatedMassKg { get; set; }

    /// <summary>How the energy was obtained ("direct per process", "batch × mix ratio").</summary>
    public required string EnergyMethod { get; set; }

    public required string InputsJson { get; set; }

    public decimal TotalKgCo2e { get; set; }

    public required string ResultJson { get; set; }

    /// <summary>SHA-256 of the work order's content and result: a certificate's verification code.</summary>
    public required string ContentHash { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime CalculatedAtUtc { get; set; }

    /// <summary>When a certificate for the current result was first issued; cleared by a recalculation.</summary>
    public DateTime? CertifiedAtUtc { get; set; }

    public string Status => CertifiedAtUtc is null ? "calculated" : "certified";
}

/// <summary>The operator's process template for its industry (JSON of <c>ProcessTemplate</c>), replacing the shipped one.</summary>
public sealed class ProcessTemplateRecord
{
    public required string Id { get; set; }

    public required string Json { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A process unit a company adds to the association's template (e.g. 烘烤, 除氫).</summary>
public sealed class CompanyProcessUnit : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public required string Name { get; set; }
}
