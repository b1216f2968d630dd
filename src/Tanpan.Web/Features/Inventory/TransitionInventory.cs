using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Inventory;

/// <summary>Submit, approve (lock), return or unlock an inventory. Approval freezes the whole shown inventory as a
/// hashed <see cref="StoredInventory"/>; unlocking discards it (the audit trail keeps who and why).</summary>
public static class TransitionInventory
{
    public static async Task<Result<InventoryStatus>> ExecuteAsync(
        Guid id, InventoryAction action, WorkflowActor actor, string? comment, TanpanDb db, FactorResolver resolver, ICompanyFactors companyFactors, TimeProvider clock, CancellationToken ct)
    {
        var record = await db.Inventories.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (record is null)
        {
            return InventoryErrors.NotFound(id);
        }

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == record.CompanyId, ct);
        var next = InventoryWorkflow.Next(record.Status, action, actor, record.SubmittedBy, company.SinglePersonReview, comment?.Trim());
        if (!next.Succeeded)
        {
            return next.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (action)
        {
            case InventoryAction.Submit:
                record.SubmittedBy = actor.Name;
                record.SubmittedAtUtc = now;
                break;
            case InventoryAction.Approve:
                var review = new StoredReview(record.SubmittedBy, record.SubmittedAtUtc, actor.Name, now,
                    company.SinglePersonReview && string.Equals(record.SubmittedBy, actor.Name, StringComparison.OrdinalIgnoreCase), NullIfBlank(comment) ?? record.ReviewComment);
                var built = await InventorySnapshots.BuildAsync(db, record, resolver, companyFactors, ct, review);
                if (!built.Succeeded)
                {
                    return InventoryErrors.DoesNotCalculate;
                }

                // The result, with every factor's source and version, is frozen: later factor versions cannot change it.
                var (json, hash) = CanonicalJson.Seal(built.Value);
                record.LockedRecordJson = json;
                record.LockedRecordHash = hash;
                record.LockedSchemaVersion = StoredInventory.CurrentVersion;
                record.LockedResultJson = null;
                record.LockedAtUtc = now;
                record.LockedBy = actor.Name;
                break;
            case InventoryAction.Unlock:
                record.LockedRecordJson = null;
                record.LockedRecordHash = null;
                record.LockedSchemaVersion = 0;
                record.LockedResultJson = null;
                record.LockedAtUtc = null;
                record.LockedBy = null;
                record.SubmittedBy = null;
                record.SubmittedAtUtc = null;
                break;
        }

        record.Status = next.Value;
        record.ReviewComment = NullIfBlank(comment) ?? record.ReviewComment;
        await db.SaveChangesAsync(ct);
        return next.Value;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
