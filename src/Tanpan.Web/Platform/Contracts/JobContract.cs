using System.Globalization;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Jobs;

namespace Tanpan.Web.Platform.Contracts;

// The public contract of a job result (DESIGN §5), shared by POST /api/v1/calculations/job and the `result` of a
// work order. It is an answer format only: work orders keep their own stored record and map it to this.

public sealed record JobResponse(
    string Date,
    string GwpSet,
    decimal TotalKgCo2e,
    IReadOnlyList<JobShareResponse> ByProcess,
    IReadOnlyList<JobActivityResponse> ByActivity,
    JobIntensityResponse Intensity,
    IReadOnlyList<JobLineResponse> Lines,
    IReadOnlyDictionary<string, FactorResponse> Factors,
    IReadOnlyList<WarningResponse> Warnings);

public sealed record JobShareResponse(string Name, decimal KgCo2e, decimal Share);

public sealed record JobActivityResponse(string Activity, decimal Quantity, string Unit, decimal KgCo2e, decimal Share);

public sealed record JobIntensityResponse(decimal KgCo2ePerUnit, string Unit, decimal OutputQuantity);

public sealed record JobLineResponse(string Process, int ProcessIndex, int InputIndex, string Activity, decimal Quantity, string Unit, decimal KgCo2e, IReadOnlyDictionary<string, GasResponse> Gases, FactorRefResponse Factor);

public sealed record GasResponse(decimal Kg, decimal Gwp, decimal KgCo2e);

public static class JobContract
{
    public static JobResponse From(JobResult r)
    {
        var factors = new Dictionary<string, FactorResponse>(StringComparer.Ordinal);
        foreach (var line in r.Lines)
        {
            factors.TryAdd(line.Result.Factor.Id, FactorTrace.From(line.Result.Factor));
        }

        return new JobResponse(
            r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.GwpSet.Code(),
            r.TotalKgCo2e,
            r.ByProcess.Select(p => new JobShareResponse(p.Key, p.KgCo2e, p.Share)).ToArray(),
            r.ByActivity.Select(a => new JobActivityResponse(a.Activity, a.Quantity, a.Unit.Code, a.KgCo2e, a.Share)).ToArray(),
            new JobIntensityResponse(r.KgCo2ePerOutputUnit, $"kgCO2e/{r.Output.Unit.Code}", r.Output.Value),
            r.Lines.Select(l => new JobLineResponse(
                l.ProcessName,
                l.Process,
                l.Input,
                l.Result.Line.Activity,
                l.Result.Line.Quantity,
                l.Result.Line.Unit.Code,
                l.Result.KgCo2e,
                l.Result.Gases.ToDictionary(g => g.Gas, g => new GasResponse(g.Kg, g.Gwp, g.KgCo2e), StringComparer.Ordinal),
                FactorTrace.Reference(l.Result.Factor))).ToArray(),
            factors,
            r.Warnings.Select(w => new WarningResponse(w.Path, w.Message)).ToArray());
    }
}
