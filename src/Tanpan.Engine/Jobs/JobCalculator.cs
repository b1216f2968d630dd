using Tanpan.Engine.Activities;
using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Jobs;

/// <summary>One energy or material input of a process step (e.g. 3000 L fuel oil in 前處理).</summary>
public sealed record JobInput(string Activity, decimal Quantity, Unit Unit, CombustionUse? Use = null, string? Technology = null, Rate? HeatValue = null);

/// <summary>A process unit of a work order (前處理 / 電鍍 / 後處理 …) with its inputs.</summary>
public sealed record JobProcess(string Name, IReadOnlyList<JobInput> Inputs);

/// <summary>The carbon of one work order: processes × inputs on the job's date, per unit of output. The inputs are
/// as entered; <paramref name="Allocation"/> says how they become the job's own (explicit, never defaulted).</summary>
public sealed record JobRequest(DateOnly Date, GwpSet GwpSet, Quantity Output, IReadOnlyList<JobProcess> Processes, JobAllocation Allocation, string? FactorSet = null);

public sealed record JobShare(string Key, decimal KgCo2e, decimal Share);

public sealed record JobActivityTotal(string Activity, decimal Quantity, Unit Unit, decimal KgCo2e, decimal Share);

/// <summary>One input's result; <paramref name="EnteredQuantity"/> is what was entered (a batch's or meter's total
/// under an allocation), the result's quantity is the job's allocated share of it.</summary>
public sealed record JobLine(int Process, int Input, string ProcessName, decimal EnteredQuantity, LineResult Result);

public sealed record JobResult(
    DateOnly Date,
    GwpSet GwpSet,
    decimal TotalKgCo2e,
    IReadOnlyList<JobShare> ByProcess,
    IReadOnlyList<JobActivityTotal> ByActivity,
    decimal KgCo2ePerOutputUnit,
    Quantity Output,
    JobAllocation Allocation,
    IReadOnlyList<JobLine> Lines,
    IReadOnlyList<CalculationWarning> Warnings);

/// <summary>Job carbon for job shops (capability 4): every input through the inventory engine with the factors of
/// the job's year (grid factor of that year; fuels stationary unless stated), then subtotals by process and by
/// activity with shares that sum to exactly 1, and the intensity per output unit.</summary>
public sealed class JobCalculator(InventoryCalculator calculator)
{
    public Outcome<JobResult> Calculate(JobRequest request)
    {
        try
        {
            return CalculateChecked(request);
        }
        catch (OverflowException)
        {
            // E.g. a tiny output quantity under a large total: the intensity leaves decimal's range.
            return Outcome<JobResult>.Failure([new FieldError("output.quantity", "the result per output unit exceeds the range that can be calculated; check the output quantity and the inputs", "calculation.overflow")]);
        }
    }

    private Outcome<JobResult> CalculateChecked(JobRequest request)
    {
        var errors = new List<FieldError>(request.Allocation.Validate());
        if (request.Output.Value <= 0)
        {
            errors.Add(new("output.quantity", "must be greater than 0 (the intensity is per output unit)"));
        }

        if (request.Processes.Count == 0)
        {
            errors.Add(new("processes", "at least one process with inputs is required"));
        }

        var lines = new List<InventoryLine>();
        var map = new List<(int Process, int Input)>();
        for (var p = 0; p < request.Processes.Count; p++)
        {
            var process = request.Processes[p];
            if (string.IsNullOrWhiteSpace(process.Name))
            {
                errors.Add(new(Path(p, null, "name"), "required, e.g. 前處理, 電鍍, 後處理"));
            }

            for (var i = 0; i < process.Inputs.Count; i++)
            {
                var input = process.Inputs[i];
                var kind = ActivityId.KindOf(input.Activity);
                var category = kind == ActivityKind.Grid ? IsoCategory.PurchasedElectricity
                    : input.Use == CombustionUse.Mobile ? IsoCategory.MobileCombustion
                    : kind is ActivityKind.Refrigerant or ActivityKind.Gas ? IsoCategory.FugitiveEmissions
                    : IsoCategory.StationaryCombustion;
                // Quantities can be checked only once the allocation is valid; otherwise they are computed as entered
                // and the allocation's own errors are reported.
                var quantity = errors.Count == 0 ? request.Allocation.Apply(input.Quantity) : input.Quantity;
                lines.Add(new InventoryLine(Path(p, i, null), category, input.Activity, quantity, input.Unit, input.Use ?? (kind == ActivityKind.Fuel ? CombustionUse.Stationary : null), input.Technology, HeatValue: input.HeatValue));
                map.Add((p, i));
            }
        }

        var outcome = calculator.Calculate(new InventoryRequest(request.Date.Year, request.GwpSet, lines, request.FactorSet));
        if (!outcome.Succeeded)
        {
            errors.AddRange(outcome.Errors.Select(e => e.Reindex("lines", k => Path(map[k].Process, map[k].Input, null))));
        }

        if (errors.Count > 0)
        {
            return Outcome<JobResult>.Failure(errors);
        }

        var result = outcome.Value;
        var total = result.TotalKgCo2e + result.SeparatelyReported.Values.Sum();
        var jobLines = result.Lines.Select((l, k) => new JobLine(map[k].Process, map[k].Input, request.Processes[map[k].Process].Name, request.Processes[map[k].Process].Inputs[map[k].Input].Quantity, l)).ToArray();

        var byProcess = Shares(
            request.Processes.Select((process, p) => (process.Name, jobLines.Where(l => l.Process == p).Sum(l => l.Result.KgCo2e))).ToList(),
            total).Select(s => new JobShare(s.Key, s.Kg, s.Share)).ToArray();
        var activityGroups = jobLines.GroupBy(l => (l.Result.Line.Activity, l.Result.Factor.PerUnit.Code)).ToList();
        var activityShares = Shares(activityGroups.Select(g => (g.Key.Activity, g.Sum(l => l.Result.KgCo2e))).ToList(), total);
        var byActivity = activityGroups.Select((g, k) => new JobActivityTotal(g.Key.Activity, g.Sum(l => l.Result.QuantityInFactorUnit), g.First().Result.Factor.PerUnit, activityShares[k].Kg, activityShares[k].Share)).ToArray();

        return Outcome<JobResult>.Success(new JobResult(request.Date, request.GwpSet, total, byProcess, byActivity, total / request.Output.Value, request.Output, request.Allocation, jobLines, result.Warnings.Select(w => w with { Path = FieldPaths.Reindex(w.Path, "lines", k => Path(map[k].Process, map[k].Input, null)) }).ToArray()));
    }

    /// <summary>Shares of the total; the last non-zero share is 1 − Σ others so that they sum to exactly 1.</summary>
    internal static List<(string Key, decimal Kg, decimal Share)> Shares(List<(string Key, decimal Kg)> parts, decimal total)
    {
        var shares = parts.Select(p => (p.Key, p.Kg, Share: total == 0 ? 0m : p.Kg / total)).ToList();
        var last = shares.FindLastIndex(s => s.Kg != 0);
        if (total != 0 && last >= 0)
        {
            shares[last] = (shares[last].Key, shares[last].Kg, 1m - shares.Where((_, i) => i != last).Sum(s => s.Share));
        }

        return shares;
    }

    private static string Path(int process, int? input, string? field) =>
        string.Create(CultureInfo.InvariantCulture, $"processes[{process}]") + (input is { } i ? string.Create(CultureInfo.InvariantCulture, $".inputs[{i}]") : string.Empty) + (field is null ? string.Empty : "." + field);
}
