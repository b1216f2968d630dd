using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Jobs;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.Calculations;

// POST /api/v1/calculations/job — the carbon of one work order (DESIGN §5), stateless, no login.

public sealed record JobRequestDto(DateOnly? Date, string? GwpSet, string? FactorSet, OutputDto? Output, IReadOnlyList<JobProcessDto?>? Processes);

public sealed record OutputDto(decimal? Quantity, string? Unit);

public sealed record JobProcessDto(string? Name, IReadOnlyList<JobInputDto?>? Inputs);

public sealed record JobInputDto(string? Activity, decimal? Quantity, string? Unit, string? Use, string? Technology, HeatValueDto? HeatValue);

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

public static class RunJobCalculation
{
    public const int MaxInputs = 2_000;

    internal static async Task<Results<Ok<JobResponse>, ApiError>> Handle(HttpRequest http, JobCalculator calculator, ApiJson json, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<JobRequestDto>(http, json.Options, 1024 * 1024, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToProblem("The request body is not valid JSON for this endpoint");
        }

        var mapped = Map(body.Value);
        if (!mapped.Succeeded)
        {
            return mapped.Errors.ToProblem();
        }

        var outcome = calculator.Calculate(mapped.Value);
        return outcome.Succeeded ? TypedResults.Ok(ToResponse(outcome.Value)) : outcome.Errors.ToProblem();
    }

    internal static Outcome<JobRequest> Map(JobRequestDto dto)
    {
        var errors = new List<FieldError>();
        if (dto.Date is null)
        {
            errors.Add(new("date", "required: the processing date (yyyy-MM-dd); its year selects the grid factor"));
        }

        var gwp = GwpSet.Ar5;
        if (dto.GwpSet is not null)
        {
            if (GwpSets.TryParse(dto.GwpSet, out var parsed))
            {
                gwp = parsed.Value;
            }
            else
            {
                errors.Add(new("gwpSet", $"'{dto.GwpSet}' is not a GWP set; allowed: {string.Join(", ", GwpSets.Codes)}"));
            }
        }

        Unit? outputUnit = null;
        if (dto.Output?.Quantity is null)
        {
            errors.Add(new("output.quantity", "required: the output of the job (> 0), e.g. 1000"));
        }

        if (dto.Output?.Unit is null || !Units.TryParse(dto.Output.Unit, out outputUnit))
        {
            errors.Add(new("output.unit", $"'{dto.Output?.Unit}' is not a known unit; e.g. kg, t, piece, cm2, m2"));
        }

        var processes = new List<JobProcess>();
        if (dto.Processes is null || dto.Processes.Count == 0)
        {
            errors.Add(new("processes", "required: at least one process with inputs"));
        }
        else if (dto.Processes.Sum(p => p?.Inputs?.Count ?? 0) > MaxInputs)
        {
            errors.Add(new("processes", $"at most {MaxInputs} inputs per job"));
        }
        else
        {
            for (var p = 0; p < dto.Processes.Count; p++)
            {
                var process = dto.Processes[p];
                var path = string.Create(CultureInfo.InvariantCulture, $"processes[{p}]");
                if (process is null)
                {
                    errors.Add(new(path, "must be an object, not null"));
                    continue;
                }

                var inputs = new List<JobInput>();
                for (var i = 0; i < (process.Inputs?.Count ?? 0); i++)
                {
                    var input = process.Inputs![i];
                    var inputPath = string.Create(CultureInfo.InvariantCulture, $"{path}.inputs[{i}]");
                    if (input is null)
                    {
                        errors.Add(new(inputPath, "must be an object, not null"));
                        continue;
                    }

                    var before = errors.Count;
                    if (string.IsNullOrWhiteSpace(input.Activity))
                    {
                        errors.Add(new(inputPath + ".activity", "required, e.g. electricity.grid.tw, fuel.fuel-oil, fuel.natural-gas"));
                    }

                    if (input.Quantity is null)
                    {
                        errors.Add(new(inputPath + ".quantity", "required: a number ≥ 0"));
                    }

                    if (!Units.TryParse(input.Unit, out var unit))
                    {
                        errors.Add(new(inputPath + ".unit", $"'{input.Unit}' is not a known unit, e.g. kWh, 度, L, 公秉, m3, kg"));
                    }

                    CombustionUse? use = input.Use?.Trim().ToLowerInvariant() switch
                    {
                        null => null,
                        "stationary" => CombustionUse.Stationary,
                        "mobile" => CombustionUse.Mobile,
                        _ => Invalid(errors, inputPath + ".use", $"'{input.Use}' is not allowed; allowed: stationary, mobile"),
                    };
                    Rate? heat = null;
                    if (input.HeatValue is { } hv)
                    {
                        if (hv.Value is not { } value || !Rate.TryParse(value, hv.Unit, out var rate))
                        {
                            errors.Add(new(inputPath + ".heatValue", "needs value and unit (energy per unit), e.g. { \"value\": 9320, \"unit\": \"kcal/L\" }"));
                        }
                        else
                        {
                            heat = rate;
                        }
                    }

                    if (errors.Count == before)
                    {
                        inputs.Add(new JobInput(input.Activity!.Trim(), input.Quantity!.Value, unit!, use, input.Technology, heat));
                    }
                }

                processes.Add(new JobProcess(process.Name ?? string.Empty, inputs));
            }
        }

        return errors.Count > 0
            ? Outcome<JobRequest>.Failure(errors)
            : Outcome<JobRequest>.Success(new JobRequest(dto.Date!.Value, gwp, new Quantity(dto.Output!.Quantity!.Value, outputUnit!), processes, dto.FactorSet));
    }

    private static CombustionUse? Invalid(List<FieldError> errors, string path, string message)
    {
        errors.Add(new(path, message));
        return null;
    }

    internal static JobResponse ToResponse(JobResult r)
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
