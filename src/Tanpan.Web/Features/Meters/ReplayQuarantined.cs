using System.Text;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Meters;

/// <summary>Sends a quarantined payload through ingestion again (after its meter was created, say): accepted, it is
/// marked replayed; refused again, it stays with the new reason.</summary>
public static class ReplayQuarantined
{
    public static async Task<Result<IngestResponse>> ExecuteAsync(Guid id, TanpanDb db, TenantScope tenant, MeterIngestion ingestion, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.MeterQuarantine.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (row is null)
        {
            return MeterErrors.QuarantineNotFound(id);
        }

        if (row.ReplayedAtUtc is not null)
        {
            return new ConflictError("meter.quarantine.replayed", "This payload was already replayed and accepted.");
        }

        var payload = new IncomingPayload(tenant.CompanyId, row.MeterCode, IngestChannel.Replay, tenant.Actor, Encoding.UTF8.GetBytes(row.Payload), row.ContentType.Contains("csv", StringComparison.Ordinal));
        var outcome = (await ingestion.IngestAsync(db, [payload], quarantine: false, ct))[0];
        if (!outcome.Accepted)
        {
            row.Field = outcome.Errors[0].Path.Length > 200 ? outcome.Errors[0].Path[..200] : outcome.Errors[0].Path;
            row.Reason = outcome.Errors[0].Message.Length > 1000 ? outcome.Errors[0].Message[..1000] : outcome.Errors[0].Message;
            await db.SaveChangesAsync(ct);
            return new Invalid(outcome.Errors, "The payload was refused again; the reason is updated");
        }

        row.ReplayedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.ReplayedBy = tenant.Actor;
        await db.SaveChangesAsync(ct);
        return new IngestResponse(outcome.Readings, outcome.Inserted, outcome.Readings - outcome.Inserted);
    }
}
