using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Jobs;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>A work order as an ERP, the form or an import row sends it.</summary>
public sealed record WorkOrderRequest(
    string? OrderNo, string? WorkOrderNo, string? Metal, DateOnly? Date, TimeOnly? StartTime, TimeOnly? EndTime, string? ProductName,
    decimal? Quantity, string? Unit, decimal? MixRatioPercent, decimal? AreaCm2, decimal? ThicknessUm, decimal? DensityKgPerM3,
    string? GwpSet, IReadOnlyList<JobProcessDto?>? Processes, AllocationDto? Allocation = null, MeterWindowDto? MeterWindow = null);

/// <summary>The job's energy measured on a meter over its run (start and end, as a MES posts them): added to the
/// named process (the first, if none is named) as the job's own quantity, without allocation.</summary>
public sealed record MeterWindowDto(string? MeterId, DateTimeOffset? From, DateTimeOffset? To, string? Process = null);

/// <summary>The inputs are a batch's or period's metered energy; the job takes jobValue ÷ totalValue of it by <c>key</c>.</summary>
public sealed record AllocationDto(string? Key, decimal? JobValue, decimal? TotalValue);

/// <summary>A validated work order: its fields (trimmed, normalised) and the engine request they make.</summary>
public sealed record ValidWorkOrder(
    string OrderNo, string WorkOrderNo, string? Metal, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, string? ProductName,
    decimal Quantity, Unit Unit, decimal? AreaCm2, decimal? ThicknessUm, decimal? DensityKgPerM3, decimal? PlatedMassKg,
    GwpSet GwpSet, IReadOnlyList<JobProcess> Processes, JobAllocation Allocation)
{
    public decimal MixRatioPercent => Allocation is BatchShare b ? b.MixRatioPercent : 100m;

    public JobRequest ToJob() => new(Date, GwpSet, new Quantity(Quantity, Unit), Processes, Allocation);

    /// <summary>Set when the energy was measured on a meter over the job's window (see <see cref="MeteredWorkOrders"/>).</summary>
    public string? MeasuredMethod { get; init; }

    /// <summary>How the job's energy was obtained, in the words stored and printed (English; pages translate).</summary>
    public string EnergyMethod => MeasuredMethod ?? Allocation switch
    {
        ByKey key => string.Create(CultureInfo.InvariantCulture, $"metered energy allocated by {key.Key.Code()}: {CanonicalJson.Normalize(key.JobValue)} of {CanonicalJson.Normalize(key.TotalValue)}"),
        BatchShare => "batch × mix ratio",
        _ => "direct per process",
    };
}

public static class WorkOrderInput
{
    public const int NumberLength = 60;
    public const int MetalLength = 30;
    public const int ProductLength = 200;

    /// <summary>Checks every field (all problems in one answer) and builds the engine request. Paths are the
    /// request's (<c>quantity</c>, <c>processes[0].inputs[1].unit</c>, <c>allocation.key</c>).</summary>
    public static Outcome<ValidWorkOrder> Validate(WorkOrderRequest r)
    {
        var errors = new List<FieldError>();
        var orderNo = ActivityInputs.Text(r.OrderNo, "orderNo", NumberLength, errors, required: true, what: "the customer order number (訂單編號)");
        var workOrderNo = ActivityInputs.Text(r.WorkOrderNo, "workOrderNo", NumberLength, errors, required: true, what: "the work-order number (工單編號), unique in your company");
        var metal = ActivityInputs.Text(r.Metal, "metal", MetalLength, errors);
        var product = ActivityInputs.Text(r.ProductName, "productName", ProductLength, errors);
        var date = ActivityInputs.Date(r.Date, "date", errors, what: "the processing date (yyyy-MM-dd); its year selects the grid factor");
        var quantity = ActivityInputs.Quantity(r.Quantity, "quantity", errors, positive: true);
        var unit = ActivityInputs.Unit(r.Unit, "unit", errors);
        var gwp = ActivityInputs.Gwp(r.GwpSet, "gwpSet", errors);
        var area = ActivityInputs.Number(r.AreaCm2, "areaCm2", 0m, InputLimits.MaxQuantity, errors, "cm²");
        var thickness = ActivityInputs.Number(r.ThicknessUm, "thicknessUm", 0m, 1_000_000m, errors, "µm");
        var density = ActivityInputs.Number(r.DensityKgPerM3, "densityKgPerM3", 0m, 100_000m, errors, "kg/m³");
        if (r.StartTime is { } start && r.EndTime is { } end && end < start)
        {
            errors.Add(new("endTime", string.Create(CultureInfo.InvariantCulture, $"must be at or after startTime ({start:HH\\:mm})"), "time.order"));
        }

        var allocation = Allocation(r, errors);
        var processes = ActivityInputs.JobProcesses(r.Processes, errors);
        if (errors.Count > 0)
        {
            return Outcome<ValidWorkOrder>.Failure(errors);
        }

        var plated = area is { } a && thickness is { } t && density is { } d ? Plating.MassKilograms(a, t, d) : (decimal?)null;
        return Outcome<ValidWorkOrder>.Success(new ValidWorkOrder(
            orderNo!, workOrderNo!, metal, date!.Value, r.StartTime, r.EndTime, product, quantity!.Value, unit!, area, thickness, density, plated,
            gwp, processes, allocation!));
    }

    private static JobAllocation? Allocation(WorkOrderRequest r, List<FieldError> errors)
    {
        if (r.Allocation is { } dto)
        {
            var before = errors.Count;
            if (!AllocationKeys.TryParse(dto.Key, out var key))
            {
                errors.Add(new("allocation.key", $"'{ActivityInputs.Shorten(dto.Key)}' is not an allocation key; allowed: {string.Join(", ", AllocationKeys.Codes)}", "job.allocation.key"));
            }

            if (dto.TotalValue is not { } total || total <= 0 || total > InputLimits.MaxQuantity)
            {
                errors.Add(new("allocation.totalValue", "required: the batch's or period's total of the key (> 0, at most 1e15)", "job.allocation.total"));
            }

            if (dto.JobValue is not { } job || job < 0 || job > dto.TotalValue)
            {
                errors.Add(new("allocation.jobValue", "required: this job's value of the key, between 0 and totalValue", "job.allocation.job-value"));
            }

            if (r.MixRatioPercent is not null and not 100m)
            {
                errors.Add(new("mixRatioPercent", "use either a mix ratio or an allocation key, not both", "job.allocation.both"));
            }

            return errors.Count == before ? new ByKey(key, dto.JobValue!.Value, dto.TotalValue!.Value) : null;
        }

        if (r.MixRatioPercent is not { } mix || mix == 100m)
        {
            return JobAllocation.Direct;
        }

        var share = new BatchShare(mix);
        var problems = share.Validate();
        errors.AddRange(problems);
        return problems.Count == 0 ? share : null;
    }

    /// <summary>Engine paths in the request's terms: the output is the order's own quantity and unit.</summary>
    public static FieldError ToRequestPath(FieldError error) => error.Path switch
    {
        "output.quantity" => error with { Path = "quantity" },
        "output.unit" => error with { Path = "unit" },
        _ => error,
    };
}
