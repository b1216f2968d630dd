using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Inputs;

namespace Tanpan.Web.Features.Calculations;

// The public contract of POST /api/v1/calculations/inventory (DESIGN §5). Every field is nullable so that a
// missing field is reported by name instead of defaulting silently.

public sealed record InventoryRequestDto(int? ReportingYear, string? GwpSet, string? FactorSet, IReadOnlyList<InventoryLineDto?>? Lines);

public sealed record InventoryLineDto(
    string? Id,
    string? Category,
    string? Activity,
    string? Use,
    string? Technology,
    decimal? Quantity,
    string? Unit,
    PeriodDto? Period,
    int? FactorYear,
    HeatValueDto? HeatValue,
    CustomFactorDto? Factor,
    string? FactorSet);

public sealed record InventoryResponse(
    int ReportingYear,
    string GwpSet,
    decimal TotalKgCo2e,
    IReadOnlyDictionary<string, decimal> ByScope,
    IReadOnlyDictionary<string, decimal> ByCategory,
    IReadOnlyDictionary<string, decimal> ByGas,
    IReadOnlyDictionary<string, decimal> ByGasGroup,
    IReadOnlyDictionary<string, decimal> SeparatelyReported,
    decimal EstimatedKgCo2e,
    decimal EstimatedShare,
    IReadOnlyList<LineResponse> Lines,
    IReadOnlyDictionary<string, FactorResponse> Factors,
    IReadOnlyList<WarningResponse> Warnings);

public sealed record LineResponse(
    string Id,
    string Category,
    int Scope,
    string Activity,
    decimal Quantity,
    decimal IncludedQuantity,
    string Unit,
    decimal KgCo2e,
    bool Estimated,
    int? IncludedDays,
    int? PeriodDays,
    bool ReportedSeparately,
    IReadOnlyDictionary<string, GasResponse> Gases,
    FactorRefResponse Factor);


