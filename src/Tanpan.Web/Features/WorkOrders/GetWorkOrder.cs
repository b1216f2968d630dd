using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>GET /api/v1/work-orders/{id}: the order from its stored record, with an integrity verdict.</summary>
public static class GetWorkOrder
{
    internal static async Task<Results<Ok<WorkOrderResponse>, ApiError>> Handle(Guid id, HttpRequest http, TanpanDb db, IConfiguration configuration, CancellationToken ct)
    {
        var found = await LoadAsync(id, db, http, configuration, ct);
        return found.Succeeded ? TypedResults.Ok(found.Value) : found.Error!.ToApi();
    }

    public static async Task<Result<WorkOrderResponse>> LoadAsync(Guid id, TanpanDb db, HttpRequest http, IConfiguration configuration, CancellationToken ct)
    {
        var row = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (row is null)
        {
            return WorkOrderErrors.NotFound(id);
        }

        var (record, intact) = WorkOrderRecords.Read(row);
        if (record is null)
        {
            // Unreadable as well as altered: show nothing that could be mistaken for the record.
            return WorkOrderErrors.Altered(id);
        }

        var certificate = row.CurrentCertificateId is { } certificateId
            ? await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId, ct)
            : null;
        return WorkOrderResponse.From(row, record, intact, certificate is null ? null : CertificateLinks.Response(certificate, http, configuration));
    }
}
