using Tanpan.Web.Platform.Inputs;
using Tanpan.Engine.Activities;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Calculations;

/// <summary>POST /api/v1/calculations/inventory: stateless inventory calculation, no login needed. With an
/// API key the company's own factors are available as <c>custom.{code}</c>.</summary>
public static class RunInventory
{
    public const int MaxLines = 10_000;
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    internal static async Task<Results<InventoryJsonResult, ApiError>> Handle(
        HttpRequest http, FactorResolver resolver, TenantScope tenant, ApiJson json, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<InventoryRequestDto>(http, json.Options, MaxBodyBytes, ct, InventoryRequestReader.TryRead);
        if (!body.Succeeded)
        {
            return body.Errors.ToProblem("The request body is not valid JSON for this endpoint");
        }

        var (request, originalIndex, mappingErrors) = Map(body.Value);
        // A company's own factors are used for a principal allowed to read them; anonymous calls never pay for the lookup.
        var calculator = new InventoryCalculator(tenant.HasCompany && PermissionHandler.Holds(http.HttpContext.User, Permission.FactorsRead)
            ? resolver.WithCustomFactors(await http.HttpContext.RequestServices.GetRequiredService<ICompanyFactors>().LoadAsync(ct))
            : resolver);
        if (request is null)
        {
            return mappingErrors.ToProblem();
        }

        var outcome = calculator.Calculate(request, mappingErrors.Count > 0 ? InventoryOptions.TotalsOnly : null);
        if (mappingErrors.Count > 0 || !outcome.Succeeded)
        {
            // Lines that could not even be read are reported together with what the engine finds in the others.
            var engineErrors = outcome.Succeeded ? [] : outcome.Errors.Select(e => e.Reindex("lines", k => string.Create(CultureInfo.InvariantCulture, $"lines[{originalIndex[k]}]")));
            return mappingErrors.Concat(engineErrors).OrderBy(e => e.Path, StringComparer.Ordinal).ToProblem();
        }

        // ?include=factors adds each factor's full trace once (heat value, per-gas factors, GWP basis, notes).
        return new InventoryJsonResult(outcome.Value, IncludesFactors(http));
    }

    private static bool IncludesFactors(HttpRequest http)
    {
        if (!http.QueryString.HasValue)
        {
            return false;
        }

        foreach (var value in http.Query["include"])
        {
            if (value is not null && value.Split(',').Contains("factors", StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Maps the DTO to the engine's request. Returns the lines that could be read (with their original
    /// positions) even when others could not, so every problem is reported in one answer.</summary>
    internal static (InventoryRequest? Request, IReadOnlyList<int> OriginalIndex, List<FieldError> Errors) Map(InventoryRequestDto dto)
    {
        var errors = new List<FieldError>();
        if (dto.ReportingYear is null)
        {
            errors.Add(new("reportingYear", "required: the calendar year of the inventory, e.g. 2024"));
        }

        var gwp = ActivityInputs.Gwp(dto.GwpSet, "gwpSet", errors);

        if (dto.Lines is null)
        {
            errors.Add(new("lines", "required: an array of activity lines"));
        }
        else if (dto.Lines.Count > MaxLines)
        {
            errors.Add(new("lines", $"{dto.Lines.Count} lines; at most {MaxLines} per request"));
        }

        var lines = new List<InventoryLine>(dto.Lines?.Count ?? 0);
        var originalIndex = new List<int>(dto.Lines?.Count ?? 0);
        if (dto.Lines is not null && dto.Lines.Count <= MaxLines)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < dto.Lines.Count; i++)
            {
                var line = MapLine(dto.Lines[i], i, errors);
                if (line is not null)
                {
                    if (!ids.Add(line.Id))
                    {
                        errors.Add(new(Path(i, "id"), $"'{line.Id}' is used by an earlier line; ids must be unique"));
                    }

                    lines.Add(line);
                    originalIndex.Add(i);
                }
            }
        }

        var yearOk = InputLimits.IsYear(dto.ReportingYear);
        if (dto.ReportingYear is not null && !yearOk)
        {
            errors.Add(new("reportingYear", $"must be a year {InputLimits.YearRange}"));
        }

        var request = yearOk && dto.Lines is not null && dto.Lines.Count <= MaxLines && !errors.Any(e => e.Path == "gwpSet")
            ? new InventoryRequest(dto.ReportingYear!.Value, gwp, lines, dto.FactorSet)
            : null;
        return (request, originalIndex, errors);
    }

    private static InventoryLine? MapLine(InventoryLineDto? dto, int i, List<FieldError> errors)
    {
        if (dto is null)
        {
            errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"lines[{i}]"), "must be an object, not null"));
            return null;
        }

        var before = errors.Count;
        IsoCategory? category = null;
        if (dto.Category is null)
        {
            errors.Add(new(Path(i, "category"), $"required; allowed: {string.Join(", ", IsoCategory.Codes)}"));
        }
        else if (!IsoCategory.TryParse(dto.Category, out category))
        {
            errors.Add(new(Path(i, "category"), $"'{dto.Category}' is not an ISO 14064-1 category; allowed: {string.Join(", ", IsoCategory.Codes)}"));
        }

        if (string.IsNullOrWhiteSpace(dto.Activity))
        {
            errors.Add(new(Path(i, "activity"), "required, e.g. electricity.grid.tw, fuel.diesel, refrigerant.R-410A (GET /api/v1/factors lists them)"));
        }

        // The engine checks the quantity's range with the rest of the line; here only that it is there.
        if (dto.Quantity is null)
        {
            errors.Add(new(Path(i, "quantity"), "required: a number ≥ 0", "quantity.required"));
        }

        var unit = ActivityInputs.Unit(dto.Unit, Path(i, "unit"), errors);
        var use = ActivityInputs.Use(dto.Use, Path(i, "use"), errors);

        ActivityPeriod? period = null;
        if (dto.Period is not null)
        {
            if (dto.Period.From is null)
            {
                errors.Add(new(Path(i, "period.from"), "required when period is given (yyyy-MM-dd)"));
            }

            if (dto.Period.To is null)
            {
                errors.Add(new(Path(i, "period.to"), "required when period is given (yyyy-MM-dd)"));
            }

            if (dto.Period.From is { } from && dto.Period.To is { } to)
            {
                period = new ActivityPeriod(from, to);
            }
        }

        var heat = ActivityInputs.HeatValue(dto.HeatValue, Path(i, "heatValue"), errors);

        Engine.Factors.CustomFactor? custom = null;
        if (dto.Factor is not null)
        {
            var built = CustomFactorRules.Create("request", dto.Factor.Value, dto.Factor.Unit, dto.Factor.Source);
            errors.AddRange(built.Errors.Select(e => e with { Path = Path(i, "factor." + e.Path) }));
            custom = built.Succeeded ? built.Value : null;
        }

        ActivityInputs.Year(dto.FactorYear, Path(i, "factorYear"), errors);

        if (errors.Count > before)
        {
            return null;
        }

        var id = string.IsNullOrWhiteSpace(dto.Id) ? string.Create(CultureInfo.InvariantCulture, $"line-{i + 1}") : dto.Id;
        return new InventoryLine(id, category!, dto.Activity!.Trim(), dto.Quantity!.Value, unit!, use, dto.Technology, period, dto.FactorYear, heat, custom, dto.FactorSet);
    }

    /// <summary>The documented contract as records; <see cref="InventoryResponseWriter"/> writes the same JSON without them.</summary>
    internal static InventoryResponse ToResponse(InventoryResult result) =>
        new(
            result.ReportingYear,
            result.GwpSet.Code(),
            result.TotalKgCo2e,
            result.ByScope,
            result.ByCategory,
            result.ByGas,
            result.ByGasGroup,
            result.SeparatelyReported,
            result.EstimatedKgCo2e,
            result.EstimatedShare,
            result.Lines.Select(ToLine).ToArray(),
            DistinctFactors(result.Lines),
            result.Warnings.Select(w => new WarningResponse(w.Path, w.Message)).ToArray());

    private static LineResponse ToLine(LineResult line) =>
        new(
            line.Line.Id,
            line.Line.Category.Code,
            line.Line.Category.Scope,
            line.Line.Activity,
            line.Line.Quantity,
            line.IncludedQuantity,
            line.Line.Unit.Code,
            line.KgCo2e,
            line.Estimated,
            line.IncludedDays,
            line.PeriodDays,
            line.ReportedSeparately,
            line.Gases.ToDictionary(g => g.Gas, g => new GasResponse(g.Kg, g.Gwp, g.KgCo2e), StringComparer.Ordinal),
            FactorTrace.Reference(line.Factor));

    private static Dictionary<string, FactorResponse> DistinctFactors(IReadOnlyList<LineResult> lines)
    {
        var factors = new Dictionary<string, FactorResponse>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!factors.ContainsKey(line.Factor.Id))
            {
                factors[line.Factor.Id] = FactorTrace.From(line.Factor);
            }
        }

        return factors;
    }

    private static string Path(int i, string field) => string.Create(CultureInfo.InvariantCulture, $"lines[{i}].{field}");
}
