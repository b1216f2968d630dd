using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Jobs;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.Calculations;

/// <summary>POST /api/v1/calculations/job — the carbon of one work order (DESIGN §5), stateless, no login.</summary>
public static class RunJobCalculation
{
    public sealed record Request(DateOnly? Date, string? GwpSet, string? FactorSet, OutputDto? Output, IReadOnlyList<JobProcessDto?>? Processes);

    public sealed record OutputDto(decimal? Quantity, string? Unit);

    internal static async Task<Results<Ok<JobResponse>, ApiError>> Handle(HttpRequest http, JobCalculator calculator, ApiJson json, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<Request>(http, json.Options, InputLimits.JobBodyBytes, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi("The request body is not valid JSON for this endpoint");
        }

        var mapped = Map(body.Value);
        if (!mapped.Succeeded)
        {
            return mapped.Errors.ToApi();
        }

        var outcome = calculator.Calculate(mapped.Value);
        return outcome.Succeeded ? TypedResults.Ok(JobContract.From(outcome.Value)) : outcome.Errors.ToApi();
    }

    internal static Outcome<JobRequest> Map(Request dto)
    {
        var errors = new List<FieldError>();
        var date = ActivityInputs.Date(dto.Date, "date", errors, what: "the processing date (yyyy-MM-dd); its year selects the grid factor");
        var gwp = ActivityInputs.Gwp(dto.GwpSet, "gwpSet", errors);
        var quantity = ActivityInputs.Quantity(dto.Output?.Quantity, "output.quantity", errors, positive: true);
        var unit = ActivityInputs.Unit(dto.Output?.Unit, "output.unit", errors);
        var processes = ActivityInputs.JobProcesses(dto.Processes, errors);
        return errors.Count > 0
            ? Outcome<JobRequest>.Failure(errors)
            : Outcome<JobRequest>.Success(new JobRequest(date!.Value, gwp, new Quantity(quantity!.Value, unit!), processes, JobAllocation.Direct, dto.FactorSet));
    }
}
