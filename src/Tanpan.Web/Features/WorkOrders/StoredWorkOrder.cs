using System.Globalization;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>What is kept of a calculated work order: its data as entered, how its energy was obtained, and the
/// engine's result with every factor's trace. Its own versioned record (not an API response), written from the
/// engine result and hashed over its canonical form; the order's <c>ContentHash</c> is that hash. Pages, the API,
/// certificates and recalculation all read it; a change of any API contract leaves it alone.</summary>
public sealed record StoredWorkOrder(
    int SchemaVersion,
    Guid Id,
    Guid CompanyId,
    string OrderNo,
    string WorkOrderNo,
    string? Metal,
    string Date,
    string? StartTime,
    string? EndTime,
    string? ProductName,
    decimal Quantity,
    string Unit,
    decimal? AreaCm2,
    decimal? ThicknessUm,
    decimal? DensityKgPerM3,
    decimal? PlatedMassKg,
    StoredAllocation Allocation,
    string EnergyMethod,
    string GwpSet,
    IReadOnlyList<StoredProcess> Processes,
    StoredJobResult Result,
    string? CreatedBy,
    DateTime CreatedAtUtc,
    DateTime CalculatedAtUtc)
{
    public const int CurrentVersion = 1;

    /// <summary>Derived from <see cref="Allocation"/>; not part of the record.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal MixRatioPercent => Allocation.MixRatioPercent ?? 100m;

    public static StoredWorkOrder From(Guid id, Guid companyId, ValidWorkOrder input, JobResult result, string? createdBy, DateTime createdAtUtc, DateTime calculatedAtUtc) => new(
        CurrentVersion,
        id,
        companyId,
        input.OrderNo,
        input.WorkOrderNo,
        input.Metal,
        input.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        input.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        input.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        input.ProductName,
        input.Quantity,
        input.Unit.Code,
        input.AreaCm2,
        input.ThicknessUm,
        input.DensityKgPerM3,
        input.PlatedMassKg,
        StoredAllocation.From(input.Allocation),
        input.EnergyMethod,
        input.GwpSet.Code(),
        input.Processes.Select(p => new StoredProcess(p.Name, p.Inputs.Select(i => new StoredInput(i.Activity, i.Quantity, i.Unit.Code, i.Use?.ToString().ToLowerInvariant(), i.Technology, i.HeatValue is { } h ? new StoredHeatValue(h.Value, $"{h.Numerator.Code}/{h.Denominator.Code}") : null)).ToArray())).ToArray(),
        StoredJobResult.From(result),
        createdBy,
        createdAtUtc,
        calculatedAtUtc);

    /// <summary>The request this record was calculated from, for an explicit recalculation.</summary>
    public WorkOrderRequest ToRequest() => new(
        OrderNo, WorkOrderNo, Metal, DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        StartTime is null ? null : TimeOnly.ParseExact(StartTime, "HH:mm", CultureInfo.InvariantCulture),
        EndTime is null ? null : TimeOnly.ParseExact(EndTime, "HH:mm", CultureInfo.InvariantCulture),
        ProductName, Quantity, Unit, Allocation.Method == StoredAllocation.BatchShareMethod ? Allocation.MixRatioPercent : null, AreaCm2, ThicknessUm, DensityKgPerM3, GwpSet,
        Processes.Select(p => (JobProcessDto?)new JobProcessDto(p.Name, p.Inputs.Select(i => (JobInputDto?)new JobInputDto(i.Activity, i.Quantity, i.Unit, i.Use, i.Technology, i.HeatValue is { } h ? new HeatValueDto(h.Value, h.Unit) : null)).ToArray())).ToArray(),
        Allocation.Method == StoredAllocation.ByKeyMethod ? new AllocationDto(Allocation.Key, Allocation.JobValue, Allocation.TotalValue) : null);
}

public sealed record StoredAllocation(string Method, decimal? MixRatioPercent, string? Key, decimal? JobValue, decimal? TotalValue)
{
    public const string DirectMethod = "direct";
    public const string BatchShareMethod = "batch-share";
    public const string ByKeyMethod = "by-key";

    public static StoredAllocation From(JobAllocation allocation) => allocation switch
    {
        BatchShare b => new(BatchShareMethod, b.MixRatioPercent, null, null, null),
        ByKey k => new(ByKeyMethod, null, k.Key.Code(), k.JobValue, k.TotalValue),
        _ => new(DirectMethod, null, null, null, null),
    };
}

public sealed record StoredProcess(string Name, IReadOnlyList<StoredInput> Inputs);

public sealed record StoredInput(string Activity, decimal Quantity, string Unit, string? Use, string? Technology, StoredHeatValue? HeatValue);

public sealed record StoredHeatValue(decimal Value, string Unit);

/// <summary>The engine's job result as kept: totals, shares, intensity, every line with its gases, and every factor
/// used with its full trace.</summary>
public sealed record StoredJobResult(
    string Date,
    string GwpSet,
    decimal TotalKgCo2e,
    IReadOnlyList<StoredShare> ByProcess,
    IReadOnlyList<StoredActivityTotal> ByActivity,
    decimal KgCo2ePerUnit,
    string IntensityUnit,
    decimal OutputQuantity,
    IReadOnlyList<StoredJobLine> Lines,
    IReadOnlyList<StoredFactor> Factors,
    IReadOnlyList<StoredWarning> Warnings)
{
    public static StoredJobResult From(JobResult r)
    {
        var factors = new List<StoredFactor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in r.Lines)
        {
            if (seen.Add(line.Result.Factor.Id))
            {
                factors.Add(StoredFactor.From(line.Result.Factor));
            }
        }

        return new StoredJobResult(
            r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.GwpSet.Code(),
            r.TotalKgCo2e,
            r.ByProcess.Select(p => new StoredShare(p.Key, p.KgCo2e, p.Share)).ToArray(),
            r.ByActivity.Select(a => new StoredActivityTotal(a.Activity, a.Quantity, a.Unit.Code, a.KgCo2e, a.Share)).ToArray(),
            r.KgCo2ePerOutputUnit,
            $"kgCO2e/{r.Output.Unit.Code}",
            r.Output.Value,
            r.Lines.Select(l => new StoredJobLine(
                l.ProcessName, l.Process, l.Input, l.Result.Line.Activity, l.EnteredQuantity, l.Result.Line.Quantity, l.Result.Line.Unit.Code, l.Result.KgCo2e,
                l.Result.Gases.Select(g => new StoredGas(g.Gas, g.Kg, g.Gwp, g.KgCo2e)).ToArray(), l.Result.Factor.Id)).ToArray(),
            factors,
            r.Warnings.Select(w => new StoredWarning(w.Path, w.Message)).ToArray());
    }

    public StoredFactor Factor(string id) => Factors.First(f => f.Id == id);
}

public sealed record StoredShare(string Name, decimal KgCo2e, decimal Share);

public sealed record StoredActivityTotal(string Activity, decimal Quantity, string Unit, decimal KgCo2e, decimal Share);

public sealed record StoredJobLine(string Process, int ProcessIndex, int InputIndex, string Activity, decimal EnteredQuantity, decimal Quantity, string Unit, decimal KgCo2e, IReadOnlyList<StoredGas> Gases, string FactorId);

public sealed record StoredGas(string Gas, decimal Kg, decimal Gwp, decimal KgCo2e);

public sealed record StoredWarning(string Path, string Message);
