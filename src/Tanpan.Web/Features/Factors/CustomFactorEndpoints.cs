using Tanpan.Web.Platform.Inputs;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Engine.Factors;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Security;
using Entity = Tanpan.Web.Features.Factors.CompanyFactor;

namespace Tanpan.Web.Features.Factors;

/// <summary>Company-specific factors (tenant-owned). Usable in calculations as activity <c>custom.{code}</c>.</summary>
public static partial class CustomFactorEndpoints
{
    public sealed record Request(string? Code, string? Name, decimal? Value, string? Unit, string? Source, string? Version, int? Year, string? Supplier = null, DateOnly? ReferenceFrom = null, DateOnly? ReferenceTo = null);

    public sealed record Response(Guid Id, string Code, string Activity, string Name, decimal Value, string Unit, string Source, string? Version, int? Year, string? Supplier, DateOnly? ReferenceFrom, DateOnly? ReferenceTo, DateTime CreatedAtUtc);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex CodePattern();

    public static RouteGroupBuilder MapCustomFactors(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/custom-factors").WithTags("Company factors");
        group.MapGet("/", List).WithName("ListCustomFactors").RequirePermission(Permission.FactorsRead);
        group.MapGet("/{id:guid}", Get).WithName("GetCustomFactor").RequirePermission(Permission.FactorsRead);
        group.MapPost("/", Create).WithName("CreateCustomFactor").Accepts<Request>("application/json").RequirePermission(Permission.FactorsWrite);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteCustomFactor").RequirePermission(Permission.FactorsWrite);
        return api;
    }


    internal static async Task<Ok<Response[]>> List(TanpanDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.CustomFactors.AsNoTracking().OrderBy(f => f.Code).ToListAsync(ct)).Select(ToResponse).ToArray());

    internal static async Task<Results<Ok<Response>, NotFound<ProblemDetails>>> Get(Guid id, TanpanDb db, CancellationToken ct) =>
        await db.CustomFactors.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } row
            ? TypedResults.Ok(ToResponse(row))
            : NotFound(id);

    internal static async Task<Results<Created<Response>, ApiError>> Create(HttpRequest http, TanpanDb db, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<Request>(http, json.Options, 64 * 1024, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToProblem();
        }

        var built = await BuildAsync(body.Value, db, clock.GetUtcNow().UtcDateTime, ct);
        if (!built.Succeeded)
        {
            return built.Errors.ToProblem();
        }

        var row = built.Value;
        db.CustomFactors.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/custom-factors/{row.Id}", ToResponse(row));
    }

    /// <summary>Validates a new company factor (field paths as the API names them) and builds its row; the page's
    /// form uses the same rules.</summary>
    internal static async Task<Outcome<Entity>> BuildAsync(Request request, TanpanDb db, DateTime nowUtc, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var code = request.Code?.Trim().ToLowerInvariant();
        if (code is null || !CodePattern().IsMatch(code))
        {
            errors.Add(new("code", "required: 1–64 characters a–z, 0–9 and '-', starting with a letter or digit", "factor.code.pattern"));
        }
        else if (await db.CustomFactors.AnyAsync(f => f.Code == code, ct))
        {
            errors.Add(new("code", $"'{code}' already exists for your company", "factor.code.taken"));
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors.Add(new("name", "required, at most 200 characters", "factor.name.required"));
        }

        if (request.Year is { } year && !InputLimits.IsYear(year))
        {
            errors.Add(new("year", $"must be a year {InputLimits.YearRange}"));
        }

        if (request.Supplier?.Length > 200)
        {
            errors.Add(new("supplier", "at most 200 characters", "factor.supplier.too-long"));
        }

        if ((request.ReferenceFrom is null) != (request.ReferenceTo is null))
        {
            errors.Add(new(request.ReferenceFrom is null ? "referenceFrom" : "referenceTo", "a reference period has both ends (yyyy-MM-dd), or neither", "factor.period.incomplete"));
        }
        else if (request.ReferenceFrom is { } from && request.ReferenceTo is { } to && (to < from || !InputLimits.IsYear(from.Year) || !InputLimits.IsYear(to.Year)))
        {
            errors.Add(new("referenceTo", $"on or after referenceFrom, years {InputLimits.YearRange}", "factor.period.order"));
        }

        var built = CustomFactorRules.Create(code ?? string.Empty, request.Value, request.Unit, request.Source, request.Version, request.Year);
        errors.AddRange(built.Errors);
        if (errors.Count > 0)
        {
            return Outcome<Entity>.Failure(errors);
        }

        var factor = built.Value;

        var row = new Entity
        {
            Id = Guid.NewGuid(),
            Code = code!,
            Name = request.Name!.Trim(),
            KgCo2ePerUnit = factor.KgCo2ePerUnit,
            PerUnit = factor.PerUnit.Code,
            Source = factor.Source,
            Version = request.Version,
            Year = request.Year,
            Supplier = string.IsNullOrWhiteSpace(request.Supplier) ? null : request.Supplier.Trim(),
            ReferenceFrom = request.ReferenceFrom,
            ReferenceTo = request.ReferenceTo,
            CreatedAtUtc = nowUtc,
        };
        return Outcome<Entity>.Success(row);
    }

    internal static async Task<Results<NoContent, NotFound<ProblemDetails>>> Delete(Guid id, TanpanDb db, CancellationToken ct)
    {
        var row = await db.CustomFactors.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (row is null)
        {
            return NotFound(id);
        }

        db.CustomFactors.Remove(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = string.Create(CultureInfo.InvariantCulture, $"No company factor {id}.") });

    private static Response ToResponse(Entity f) =>
        new(f.Id, f.Code, "custom." + f.Code, f.Name, f.KgCo2ePerUnit, $"kgCO2e/{f.PerUnit}", f.Source, f.Version, f.Year, f.Supplier, f.ReferenceFrom, f.ReferenceTo, f.CreatedAtUtc);
}
