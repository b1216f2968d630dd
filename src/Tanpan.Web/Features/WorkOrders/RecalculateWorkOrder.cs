using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>POST /api/v1/work-orders/{id}/calculate: recalculation with the current factor library is explicit and
/// audited like any other change; it supersedes the certificate of the previous result.</summary>
public static class RecalculateWorkOrder
{
    internal static async Task<Results<Ok<WorkOrderResponse>, ApiError>> Handle(Guid id, TanpanDb db, JobCalculator calculator, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (row is null)
        {
            return WorkOrderErrors.NotFound(id).ToApi();
        }

        var (record, _) = WorkOrderRecords.Read(row);
        if (record is null)
        {
            return WorkOrderErrors.Altered(id).ToApi();
        }

        var prepared = CreateWorkOrder.Prepare(record.ToRequest(), calculator, record.EnergyMethod.StartsWith(MeteredWorkOrders.MethodPrefix, StringComparison.Ordinal) ? record.EnergyMethod : null);
        if (!prepared.Succeeded)
        {
            return prepared.Errors.ToApi();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (input, result) = prepared.Value;
        var recalculated = StoredWorkOrder.From(row.Id, row.CompanyId, input, result, record.CreatedBy, record.CreatedAtUtc, now);
        WorkOrderRecords.Write(row, recalculated);
        row.CertifiedAtUtc = null;
        row.CurrentCertificateId = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WorkOrderResponse.From(row, recalculated, intact: true, certificate: null));
    }
}
