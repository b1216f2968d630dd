using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>GET /api/v1/work-orders: server-side search, sort and paging (shared with the history page).</summary>
public static class ListWorkOrders
{
    public static readonly IReadOnlyList<string> Sorts = ["date", "-date", "workOrderNo", "-workOrderNo", "total", "-total"];

    internal static async Task<Results<Ok<WorkOrderPage>, ApiError>> Handle(
        TanpanDb db, string? q, string? metal, DateOnly? from, DateOnly? to, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (page is < 1 or > 1_000_000)
        {
            errors.Add(new("page", "must be between 1 and 1000000"));
        }

        if (pageSize is < 1 or > 200)
        {
            errors.Add(new("pageSize", "must be between 1 and 200"));
        }

        if (sort is not null && !Sorts.Contains(sort))
        {
            errors.Add(new("sort", $"'{Platform.Inputs.ActivityInputs.Shorten(sort)}' is not allowed; allowed: {string.Join(", ", Sorts)}"));
        }

        if (q?.Length > 200 || metal?.Length > 30)
        {
            errors.Add(new(q?.Length > 200 ? "q" : "metal", "too long: at most 200 characters for q, 30 for metal"));
        }

        if (errors.Count > 0)
        {
            return errors.ToApi();
        }

        return TypedResults.Ok(await SearchAsync(db, q, metal, from, to, sort ?? "-date", page ?? 1, pageSize ?? 20, ct));
    }

    public static async Task<WorkOrderPage> SearchAsync(TanpanDb db, string? q, string? metal, DateOnly? from, DateOnly? to, string sort, int page, int pageSize, CancellationToken ct)
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
        var skip = (int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize);
        if (sort is "total" or "-total")
        {
            // SQLite cannot order by decimal in SQL; totals are sorted here after filtering (a company's history is small).
            var all = await query.ToListAsync(ct);
            rows = (sort == "total" ? all.OrderBy(w => w.TotalKgCo2e) : all.OrderByDescending(w => w.TotalKgCo2e)).Skip(skip).Take(pageSize).ToList();
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
            rows = await query.Skip(skip).Take(pageSize).ToListAsync(ct);
        }

        return new WorkOrderPage(rows.Select(WorkOrderSummary.From).ToArray(), page, pageSize, total);
    }
}
