using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Inputs;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Turns a work order's meter window into the job's own energy input: the meter's data over the window,
/// prorated at the edges, added to a process — primary data, no allocation — with the method stored and printed.</summary>
public static class MeteredWorkOrders
{
    public const string MethodPrefix = "Measured on meter ";

    /// <summary>The request with the measured input added (and no window), and the method; or the errors.</summary>
    public static async Task<Outcome<(WorkOrderRequest Request, string? Method)>> ResolveAsync(WorkOrderRequest request, IMeteredEnergy meters, CancellationToken ct)
    {
        if (request.MeterWindow is not { } w)
        {
            return Outcome<(WorkOrderRequest, string?)>.Success((request, null));
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(w.MeterId))
        {
            errors.Add(new("meterWindow.meterId", "required: the id of the meter on the job's line", "job.meter.id"));
        }

        if (w.From is not { } from)
        {
            errors.Add(new("meterWindow.from", "required: the job's start, ISO 8601 with its offset (e.g. 2024-06-05T08:07:00+08:00)", "job.meter.from"));
        }

        if (w.To is not { } to)
        {
            errors.Add(new("meterWindow.to", "required: the job's end, ISO 8601 with its offset", "job.meter.to"));
        }
        else if (w.From is { } f && (to <= f || to - f > TimeSpan.FromDays(31)))
        {
            errors.Add(new("meterWindow.to", "must be after from, and the window at most 31 days", "job.meter.window"));
        }

        if (request.Allocation is not null || request.MixRatioPercent is not (null or 100m))
        {
            errors.Add(new("meterWindow", "measured energy is the job's own: send no allocation and no mix ratio with a meter window", "job.meter.allocation"));
        }

        var processes = request.Processes?.ToList() ?? [];
        var index = string.IsNullOrWhiteSpace(w.Process) ? (processes.Count > 0 ? 0 : -1) : processes.FindIndex(p => p?.Name?.Trim() == w.Process.Trim());
        if (index < 0)
        {
            errors.Add(new("meterWindow.process", processes.Count == 0 ? "the work order has no process to add the measured energy to" : $"no process named '{ActivityInputs.Shorten(w.Process)}' in processes", "job.meter.process"));
        }

        if (errors.Count > 0)
        {
            return Outcome<(WorkOrderRequest, string?)>.Failure(errors);
        }

        var measured = await meters.MeasureAsync(w.MeterId!.Trim(), w.From!.Value.UtcDateTime, w.To!.Value.UtcDateTime, ct);
        if (measured is null)
        {
            return Outcome<(WorkOrderRequest, string?)>.Failure("meterWindow.meterId", $"no meter '{ActivityInputs.Shorten(w.MeterId)}' in your company");
        }

        if (measured.Activity is null)
        {
            return Outcome<(WorkOrderRequest, string?)>.Failure("meterWindow.meterId", $"meter '{measured.MeterCode}' is not an electricity meter and feeds no emission source, so there is no factor for its quantity; link it to a source first");
        }

        if (measured.Readings == 0 || measured.CoverageShare == 0)
        {
            return Outcome<(WorkOrderRequest, string?)>.Failure("meterWindow", string.Create(CultureInfo.InvariantCulture, $"meter '{measured.MeterCode}' has no readings in the window; send its readings first, or enter the energy instead"));
        }

        var process = processes[index]!;
        var inputs = (process.Inputs ?? []).Append(new JobInputDto(measured.Activity, measured.Quantity, measured.Unit, null, null, null)).ToList();
        processes[index] = process with { Inputs = inputs };
        return Outcome<(WorkOrderRequest, string?)>.Success((request with { Processes = processes, MeterWindow = null }, measured.Method));
    }
}
