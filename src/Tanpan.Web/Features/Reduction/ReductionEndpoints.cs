using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Reduction;

/// <summary>The company's reduction plan: its settings, its register of measures, and the plan evaluated (cost
/// curve, pathway, progress from the inventories).</summary>
public static class ReductionEndpoints
{
    private const long MaxBody = 64 * 1024;

    public static IServiceCollection AddReduction(this IServiceCollection services) => services.AddScoped<ReductionPlanner>();

    public static RouteGroupBuilder MapReduction(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reduction").WithTags("Reduction plan");
        group.MapGet("/", Evaluate).WithName("GetReductionPlan").WithSummary("The plan evaluated: base year, cost curve, pathway to the target years, progress").RequirePermission(Permission.ReductionRead);
        group.MapPut("/plan", PutPlan).WithName("PutReductionPlan").Accepts<PlanRequest>("application/json").RequirePermission(Permission.ReductionWrite);
        group.MapGet("/measures", List).WithName("ListReductionMeasures").RequirePermission(Permission.ReductionRead);
        group.MapGet("/measures/{id:guid}", Get).WithName("GetReductionMeasure").RequirePermission(Permission.ReductionRead);
        group.MapPost("/measures", Create).WithName("CreateReductionMeasure").Accepts<MeasureRequest>("application/json").RequirePermission(Permission.ReductionWrite);
        group.MapPut("/measures/{id:guid}", Update).WithName("UpdateReductionMeasure").Accepts<MeasureRequest>("application/json").RequirePermission(Permission.ReductionWrite);
        group.MapDelete("/measures/{id:guid}", Delete).WithName("DeleteReductionMeasure").RequirePermission(Permission.ReductionWrite);
        return api;
    }

    internal static async Task<Ok<ReductionResponse>> Evaluate(ReductionPlanner planner, CancellationToken ct) =>
        TypedResults.Ok(ReductionResponse.From(await planner.EvaluateAsync(ct)));

    internal static async Task<Results<Ok<PlanResponse>, ApiError>> PutPlan(HttpRequest http, TanpanDb db, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<PlanRequest>(http, json.Options, MaxBody, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi();
        }

        var valid = SavePlan.Validate(body.Value);
        if (!valid.Succeeded)
        {
            return valid.Errors.ToApi();
        }

        var row = await StoreAsync(db, valid.Value, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(ReductionResponse.PlanOf(row, true));
    }

    /// <summary>Writes the settings onto the company's one plan row, creating it on first save (the page uses it too).</summary>
    internal static async Task<ReductionPlanSettings> StoreAsync(TanpanDb db, ReductionPlanSettings values, DateTime nowUtc, CancellationToken ct)
    {
        var row = await db.ReductionPlans.FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new ReductionPlanSettings { Id = Guid.NewGuid(), RateCode = values.RateCode, TargetYears = values.TargetYears };
            db.ReductionPlans.Add(row);
        }

        row.BaseYear = values.BaseYear;
        row.BaseYearTonnes = values.BaseYearTonnes;
        row.Boundary = values.Boundary;
        row.RateCode = values.RateCode;
        row.CustomRate = values.CustomRate;
        row.TargetYears = values.TargetYears;
        row.DiscountRate = values.DiscountRate;
        row.UpdatedAtUtc = nowUtc;
        await db.SaveChangesAsync(ct);
        return row;
    }

    internal static async Task<Ok<MeasureResponse[]>> List(TanpanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.ReductionMeasures.AsNoTracking().ToListAsync(ct)).OrderBy(m => m.StartYear).ThenBy(m => m.Name, StringComparer.Ordinal).Select(MeasureResponse.From).ToArray());

    internal static async Task<Results<Ok<MeasureResponse>, NotFound<ProblemDetails>>> Get(Guid id, TanpanDb db, CancellationToken ct) =>
        await db.ReductionMeasures.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } row ? TypedResults.Ok(MeasureResponse.From(row)) : NotFound(id);

    internal static async Task<Results<Created<MeasureResponse>, ApiError>> Create(HttpRequest http, TanpanDb db, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<MeasureRequest>(http, json.Options, MaxBody, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi();
        }

        var created = await CreateAsync(db, body.Value, clock.GetUtcNow().UtcDateTime, ct);
        if (!created.Succeeded)
        {
            return created.Error!.ToApi();
        }

        return TypedResults.Created($"/api/v1/reduction/measures/{created.Value.Id}", MeasureResponse.From(created.Value));
    }

    /// <summary>Adds a measure to the register (at most <see cref="SaveMeasure.MaxMeasures"/>); the page uses it too.</summary>
    internal static async Task<Result<ReductionMeasureRecord>> CreateAsync(TanpanDb db, MeasureRequest request, DateTime nowUtc, CancellationToken ct)
    {
        var valid = SaveMeasure.Validate(request);
        if (!valid.Succeeded)
        {
            return new Invalid(valid.Errors);
        }

        if (await db.ReductionMeasures.CountAsync(ct) >= SaveMeasure.MaxMeasures)
        {
            return new ConflictError("reduction.too-many-measures", string.Create(CultureInfo.InvariantCulture, $"the register holds at most {SaveMeasure.MaxMeasures} measures; delete one first"));
        }

        var row = new ReductionMeasureRecord { Id = Guid.NewGuid(), Name = valid.Value.Name, CreatedAtUtc = nowUtc };
        SaveMeasure.Apply(row, valid.Value, request.Basis, nowUtc);
        db.ReductionMeasures.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    internal static async Task<Results<Ok<MeasureResponse>, ApiError, NotFound<ProblemDetails>>> Update(Guid id, HttpRequest http, TanpanDb db, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<MeasureRequest>(http, json.Options, MaxBody, ct);
        if (!body.Succeeded)
        {
            return await db.ReductionMeasures.AnyAsync(m => m.Id == id, ct) ? body.Errors.ToApi() : NotFound(id);
        }

        var updated = await UpdateAsync(db, id, body.Value, clock.GetUtcNow().UtcDateTime, ct);
        return updated.Succeeded ? TypedResults.Ok(MeasureResponse.From(updated.Value)) : updated.Error is NotFoundError ? NotFound(id) : updated.Error!.ToApi();
    }

    /// <summary>Changes a measure of the register (the page's edit form uses it too).</summary>
    internal static async Task<Result<ReductionMeasureRecord>> UpdateAsync(TanpanDb db, Guid id, MeasureRequest request, DateTime nowUtc, CancellationToken ct)
    {
        var row = await db.ReductionMeasures.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null)
        {
            return new NotFoundError("reduction.measure.not-found", string.Create(CultureInfo.InvariantCulture, $"No reduction measure {id}."));
        }

        var valid = SaveMeasure.Validate(request);
        if (!valid.Succeeded)
        {
            return new Invalid(valid.Errors);
        }

        SaveMeasure.Apply(row, valid.Value, request.Basis, nowUtc);
        await db.SaveChangesAsync(ct);
        return row;
    }

    internal static async Task<Results<NoContent, NotFound<ProblemDetails>>> Delete(Guid id, TanpanDb db, CancellationToken ct) =>
        await DeleteAsync(db, id, ct) is null ? NotFound(id) : TypedResults.NoContent();

    /// <summary>Removes a measure; the deleted row, or null when the company has none with that id.</summary>
    internal static async Task<ReductionMeasureRecord?> DeleteAsync(TanpanDb db, Guid id, CancellationToken ct)
    {
        var row = await db.ReductionMeasures.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is not null)
        {
            db.ReductionMeasures.Remove(row);
            await db.SaveChangesAsync(ct);
        }

        return row;
    }

    private static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = string.Create(CultureInfo.InvariantCulture, $"No reduction measure {id}.") });
}
