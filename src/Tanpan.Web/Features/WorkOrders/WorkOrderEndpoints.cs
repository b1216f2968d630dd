using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Features.Calculations;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Work orders for ERP systems and the job-carbon pages: create (calculated on arrival), read, search, recalculate.</summary>
public static class WorkOrderEndpoints
{
    public sealed record Request(
        string? OrderNo, string? WorkOrderNo, string? Metal, DateOnly? Date, TimeOnly? StartTime, TimeOnly? EndTime, string? ProductName,
        decimal? Quantity, string? Unit, decimal? MixRatioPercent, decimal? AreaCm2, decimal? ThicknessUm, decimal? DensityKgPerM3,
        string? GwpSet, IReadOnlyList<JobProcessDto?>? Processes, AllocationDto? Allocation = null);

    /// <summary>The inputs are a batch's or period's metered energy; the job takes jobValue ÷ totalValue of it by <c>key</c>.</summary>
    public sealed record AllocationDto(string? Key, decimal? JobValue, decimal? TotalValue);

    public sealed record Response(
        Guid Id, string OrderNo, string WorkOrderNo, string? Metal, string Date, string? StartTime, string? EndTime, string? ProductName,
        decimal Quantity, string Unit, decimal MixRatioPercent, decimal? AreaCm2, decimal? ThicknessUm, decimal? DensityKgPerM3, decimal? PlatedMassKg,
        string EnergyMethod, decimal TotalKgCo2e, string ContentHash, DateTime CalculatedAtUtc, string Status, DateTime? CertifiedAtUtc, JobResponse Result);

    public sealed record Summary(Guid Id, string OrderNo, string WorkOrderNo, string? Metal, string Date, string? ProductName, decimal Quantity, string Unit, decimal TotalKgCo2e, DateTime CalculatedAtUtc, string Status);

    public sealed record PagedResult(IReadOnlyList<Summary> Items, int Page, int PageSize, int Total);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapWorkOrders(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Work orders");
        group.MapPost("/", Create).WithName("CreateWorkOrder").Accepts<Request>("application/json").RequirePermission(Permissions.WorkOrdersWrite);
        group.MapGet("/", List).WithName("ListWorkOrders").RequirePermission(Permissions.WorkOrdersRead);
        group.MapGet("/{id:guid}", Get).WithName("GetWorkOrder").RequirePermission(Permissions.WorkOrdersRead);
        group.MapPost("/{id:guid}/calculate", Recalculate).WithName("RecalculateWorkOrder").RequirePermission(Permissions.WorkOrdersWrite);
        group.MapGet("/{id:guid}/certificate.pdf", Certificate).WithName("GetWorkOrderCertificate").RequirePermission(Permissions.WorkOrdersCertify);
        group.MapPost("/import", WorkOrderImport.Handle).WithName("ImportWorkOrders").DisableAntiforgery().RequirePermission(Permissions.WorkOrdersWrite);
        return api;
    }


    internal static async Task<Results<Created<Response>, ApiError>> Create(HttpRequest http, TanpanDb db, TenantScope tenant, JobCalculator calculator, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<Request>(http, json.Options, 1024 * 1024, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToProblem();
        }

        var created = await CreateAsync(body.Value, db, tenant, calculator, clock, http.HttpContext.User.Identity?.Name ?? "api-key", ct);
        if (!created.Succeeded)
        {
            return created.Errors.ToProblem();
        }

        var order = created.Value;
        return TypedResults.Created($"/api/v1/work-orders/{order.Id}", ToResponse(order));
    }

    /// <summary>Validates, calculates and stores a work order (shared by the API and the job pages).</summary>
    public static async Task<Outcome<WorkOrder>> CreateAsync(Request request, TanpanDb db, TenantScope tenant, JobCalculator calculator, TimeProvider clock, string createdBy, CancellationToken ct)
    {
        var r = Normalized(request);
        var errors = Validate(r);
        if (r.WorkOrderNo is { } no && await db.WorkOrders.AnyAsync(w => w.WorkOrderNo == no.Trim(), ct))
        {
            errors.Add(new("workOrderNo", $"'{no.Trim()}' already exists for your company"));
        }

        var outcome = Calculate(r, calculator);
        errors.AddRange(outcome.Errors);
        if (errors.Count > 0)
        {
            return Outcome<WorkOrder>.Failure(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var order = new WorkOrder
        {
            Id = Guid.NewGuid(),
            CompanyId = tenant.CompanyId, // set now, not by the save interceptor: the content hash includes it
            OrderNo = r.OrderNo!.Trim(),
            WorkOrderNo = r.WorkOrderNo!.Trim(),
            Metal = r.Metal?.Trim(),
            ProcessedOn = r.Date!.Value,
            StartTime = r.StartTime,
            EndTime = r.EndTime,
            ProductName = r.ProductName?.Trim(),
            Quantity = r.Quantity!.Value,
            QuantityUnit = Engine.Quantities.Units.Parse(r.Unit!).Code,
            MixRatioPercent = r.MixRatioPercent ?? 100m,
            AreaCm2 = r.AreaCm2,
            ThicknessUm = r.ThicknessUm,
            DensityKgPerM3 = r.DensityKgPerM3,
            PlatedMassKg = r.AreaCm2 is { } a && r.ThicknessUm is { } t && r.DensityKgPerM3 is { } d ? Plating.MassKilograms(a, t, d) : null,
            EnergyMethod = EnergyMethod(r),
            InputsJson = JsonSerializer.Serialize(new StoredInputs(r.Processes, r.Allocation), Json),
            ResultJson = string.Empty,
            ContentHash = string.Empty,
            CreatedBy = createdBy,
            CreatedAtUtc = now,
        };
        Store(order, outcome.Value, now);
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync(ct);
        return Outcome<WorkOrder>.Success(order);
    }

    internal static async Task<Results<Ok<PagedResult>, ApiError>> List(
        TanpanDb db, string? q, string? metal, DateOnly? from, DateOnly? to, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (page is < 1)
        {
            errors.Add(new("page", "must be 1 or greater"));
        }

        if (pageSize is < 1 or > 200)
        {
            errors.Add(new("pageSize", "must be between 1 and 200"));
        }

        string[] sorts = ["date", "-date", "workOrderNo", "-workOrderNo", "total", "-total"];
        if (sort is not null && !sorts.Contains(sort))
        {
            errors.Add(new("sort", $"'{sort}' is not allowed; allowed: {string.Join(", ", sorts)}"));
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        var result = await Search(db, q, metal, from, to, sort ?? "-date", page ?? 1, pageSize ?? 20, ct);
        return TypedResults.Ok(result);
    }

    /// <summary>Server-side search shared by the API and the history page.</summary>
    public static async Task<PagedResult> Search(TanpanDb db, string? q, string? metal, DateOnly? from, DateOnly? to, string sort, int page, int pageSize, CancellationToken ct)
    {
        var query = db.WorkOrders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            // ToLower().Contains translates to LOWER(..) LIKE on both SQLite and PostgreSQL; the StringComparison overload does not.
#pragma warning disable CA1862
            query = query.Where(w => w.OrderNo.ToLower().Contains(term) || w.WorkOrderNo.ToLower().Contains(term) || (w.ProductName != null && w.ProductName.ToLower().Contains(term)) || (w.Metal != null && w.Metal.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        if (!string.IsNullOrWhiteSpace(metal))
        {
            query = query.Where(w => w.Metal == metal.Trim());
        }

        if (from is { } f)
        {
            query = query.Where(w => w.ProcessedOn >= f);
        }

        if (to is { } t)
        {
            query = query.Where(w => w.ProcessedOn <= t);
        }

        var total = await query.CountAsync(ct);
        List<WorkOrder> rows;
        if (sort is "total" or "-total")
        {
            // SQLite cannot order by decimal in SQL; totals are sorted here after filtering (a company's history is small).
            var all = await query.ToListAsync(ct);
            rows = (sort == "total" ? all.OrderBy(w => w.TotalKgCo2e) : all.OrderByDescending(w => w.TotalKgCo2e)).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        }
        else
        {
            query = sort switch
            {
                "date" => query.OrderBy(w => w.ProcessedOn).ThenBy(w => w.WorkOrderNo),
                "workOrderNo" => query.OrderBy(w => w.WorkOrderNo),
                "-workOrderNo" => query.OrderByDescending(w => w.WorkOrderNo),
                _ => query.OrderByDescending(w => w.ProcessedOn).ThenByDescending(w => w.WorkOrderNo),
            };
            rows = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        }

        return new PagedResult(rows.Select(w => new Summary(w.Id, w.OrderNo, w.WorkOrderNo, w.Metal, w.ProcessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.ProductName, w.Quantity, w.QuantityUnit, w.TotalKgCo2e, w.CalculatedAtUtc, w.Status)).ToArray(), page, pageSize, total);
    }

    public const string DefaultDisclaimer = "本證明依會員填報之工單活動數據與主管機關公告排放係數計算，僅供供應鏈溝通參考，並非經第三方查證之產品碳足跡（ISO 14067）。This certificate is calculated from the member's work-order data and published emission factors for supply-chain communication; it is not a verified product carbon footprint (ISO 14067).";

    internal static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Certificate(Guid id, HttpRequest http, TanpanDb db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return NotFound(id);
        }

        if (order.CertifiedAtUtc is null)
        {
            order.CertifiedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == order.CompanyId, ct);
        var settings = await db.CertificateSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var disclaimer = settings?.Disclaimer ?? configuration["Certificate:Disclaimer"] ?? DefaultDisclaimer;
        var pdf = WorkOrderCertificatePdf.Render(company, ToResponse(order), VerificationUrl(http, order), disclaimer, settings?.AssociationName, settings?.SealImage, clock.GetUtcNow().UtcDateTime);
        return TypedResults.File(pdf, "application/pdf", $"tanpan-certificate-{order.WorkOrderNo}.pdf");
    }

    public static string VerificationUrl(HttpRequest http, WorkOrder order) =>
        $"{http.Scheme}://{http.Host}/verify/{order.Id}?hash={order.ContentHash}";

    internal static async Task<Results<Ok<Response>, NotFound<ProblemDetails>>> Get(Guid id, TanpanDb db, CancellationToken ct) =>
        await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is { } order ? TypedResults.Ok(ToResponse(order)) : NotFound(id);

    /// <summary>Recalculation with the current factor library is explicit, and audited like any other change.</summary>
    internal static async Task<Results<Ok<Response>, NotFound<ProblemDetails>, ApiError>> Recalculate(Guid id, TanpanDb db, JobCalculator calculator, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return NotFound(id);
        }

        var request = Normalized(FromStored(order));
        var outcome = Calculate(request, calculator);
        if (!outcome.Succeeded)
        {
            return outcome.Errors.ToProblem();
        }

        Store(order, outcome.Value, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(order));
    }

    public static List<FieldError> Validate(Request r)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.OrderNo) || r.OrderNo.Trim().Length > 60)
        {
            errors.Add(new("orderNo", "required: the customer order number (訂單編號), up to 60 characters"));
        }

        if (string.IsNullOrWhiteSpace(r.WorkOrderNo) || r.WorkOrderNo.Trim().Length > 60)
        {
            errors.Add(new("workOrderNo", "required: the work-order number (工單編號), unique in your company, up to 60 characters"));
        }

        if (r.MixRatioPercent is { } mix && mix is <= 0 or > 100)
        {
            errors.Add(new("mixRatioPercent", "must be greater than 0 and at most 100 (% of the batch this job takes)"));
        }

        foreach (var (name, value) in new[] { ("areaCm2", r.AreaCm2), ("thicknessUm", r.ThicknessUm), ("densityKgPerM3", r.DensityKgPerM3) })
        {
            if (value < 0)
            {
                errors.Add(new(name, "must be zero or greater"));
            }
        }

        if (r.Allocation is { } allocation)
        {
            if (allocation.Key is null || !Plating.AllocationKeys.Contains(allocation.Key))
            {
                errors.Add(new("allocation.key", $"'{allocation.Key}' is not an allocation key; allowed: {string.Join(", ", Plating.AllocationKeys)}"));
            }

            if (allocation.TotalValue is not (> 0))
            {
                errors.Add(new("allocation.totalValue", "required: the batch's or period's total of the key (> 0)"));
            }

            if (allocation.JobValue is not { } jobValue || jobValue < 0 || jobValue > allocation.TotalValue)
            {
                errors.Add(new("allocation.jobValue", "required: this job's value of the key, between 0 and totalValue"));
            }

            if (r.MixRatioPercent is not null and not 100m)
            {
                errors.Add(new("mixRatioPercent", "use either a mix ratio or an allocation key, not both"));
            }
        }

        if (r.StartTime is { } start && r.EndTime is { } end && end < start)
        {
            errors.Add(new("endTime", $"must be at or after startTime ({start:HH\\:mm})"));
        }

        return errors;
    }

    /// <summary>Maps through the job contract; with a mix ratio below 100 % the inputs are the batch's and are scaled.</summary>
    public static Outcome<JobResult> Calculate(Request r, JobCalculator calculator)
    {
        var mapped = RunJobCalculation.Map(new JobRequestDto(r.Date, r.GwpSet, null, new OutputDto(r.Quantity, r.Unit), r.Processes));
        if (!mapped.Succeeded)
        {
            return Outcome<JobResult>.Failure(mapped.Errors.Select(e => e with { Path = e.Path.Replace("output.", string.Empty, StringComparison.Ordinal) }).ToArray());
        }

        var job = mapped.Value;
        var mix = r.MixRatioPercent ?? 100m;
        Func<decimal, decimal>? share = r.Allocation is { TotalValue: > 0, JobValue: { } jobValue } allocation
            ? q => Plating.Allocate(q, jobValue, allocation.TotalValue!.Value)
            : mix is > 0 and < 100 ? q => Plating.ShareOfBatch(q, mix) : null;
        if (share is not null)
        {
            job = job with { Processes = job.Processes.Select(p => p with { Inputs = p.Inputs.Select(i => i with { Quantity = share(i.Quantity) }).ToArray() }).ToArray() };
        }

        var outcome = calculator.Calculate(job);
        return outcome.Succeeded ? outcome : Outcome<JobResult>.Failure(outcome.Errors.Select(e => e with { Path = e.Path.Replace("output.", string.Empty, StringComparison.Ordinal) }).ToArray());
    }

    /// <summary>How the job's energy was obtained, in words printed on the certificate.</summary>
    private static string EnergyMethod(Request r) =>
        r.Allocation is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"metered energy allocated by {a.Key}: {Normalize(a.JobValue)} of {Normalize(a.TotalValue)}")
            : (r.MixRatioPercent ?? 100m) == 100m ? "direct per process" : "batch × mix ratio";

    /// <summary>Numbers without trailing zeros, so a value read back from the database (numeric(28,8)) calculates,
    /// serialises and hashes exactly like the value first received.</summary>
    private static Request Normalized(Request r) => r with
    {
        Quantity = Normalize(r.Quantity),
        MixRatioPercent = Normalize(r.MixRatioPercent),
        AreaCm2 = Normalize(r.AreaCm2),
        ThicknessUm = Normalize(r.ThicknessUm),
        DensityKgPerM3 = Normalize(r.DensityKgPerM3),
    };

    private static decimal? Normalize(decimal? value) => value / 1.0000000000000000000000000000m;

    /// <summary>What the order was calculated from: the process inputs as received and any allocation key.</summary>
    private sealed record StoredInputs(IReadOnlyList<JobProcessDto?>? Processes, AllocationDto? Allocation);

    private static Request FromStored(WorkOrder w)
    {
        var inputs = JsonSerializer.Deserialize<StoredInputs>(w.InputsJson, Json);
        return new(
            w.OrderNo, w.WorkOrderNo, w.Metal, w.ProcessedOn, w.StartTime, w.EndTime, w.ProductName, w.Quantity, w.QuantityUnit, w.MixRatioPercent,
            w.AreaCm2, w.ThicknessUm, w.DensityKgPerM3, JsonSerializer.Deserialize<JobResponse>(w.ResultJson, Json)?.GwpSet, inputs?.Processes, inputs?.Allocation);
    }

    private static void Store(WorkOrder order, JobResult result, DateTime nowUtc)
    {
        order.ResultJson = JsonSerializer.Serialize(RunJobCalculation.ToResponse(result), Json);
        order.TotalKgCo2e = result.TotalKgCo2e;
        order.CalculatedAtUtc = nowUtc;
        order.CertifiedAtUtc = null;
        order.ContentHash = Hash(order);
    }

    /// <summary>SHA-256 over the order's identifying fields, its inputs and its result: any change shows.</summary>
    public static string Hash(WorkOrder w)
    {
        var canonical = string.Join('\n', w.CompanyId, w.OrderNo, w.WorkOrderNo, w.Metal, w.ProcessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            w.ProductName, Normalize(w.Quantity)!.Value.ToString(CultureInfo.InvariantCulture), w.QuantityUnit, Normalize(w.MixRatioPercent)!.Value.ToString(CultureInfo.InvariantCulture),
            Normalize(w.PlatedMassKg)?.ToString(CultureInfo.InvariantCulture), w.InputsJson, w.ResultJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static Response ToResponse(WorkOrder w) => new(
        w.Id, w.OrderNo, w.WorkOrderNo, w.Metal, w.ProcessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        w.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture), w.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture), w.ProductName,
        w.Quantity, w.QuantityUnit, w.MixRatioPercent, w.AreaCm2, w.ThicknessUm, w.DensityKgPerM3, w.PlatedMassKg, w.EnergyMethod, w.TotalKgCo2e,
        w.ContentHash, w.CalculatedAtUtc, w.Status, w.CertifiedAtUtc, JsonSerializer.Deserialize<JobResponse>(w.ResultJson, Json)!);

    private static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not found", Detail = string.Create(CultureInfo.InvariantCulture, $"No work order {id}.") });
}
