using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.Inventory;

public enum InventoryAction
{
    Submit,
    Approve,
    Return,
    Unlock,
}

/// <summary>Who acts, and what their permissions allow.</summary>
public sealed record WorkflowActor(string Name, bool CanEdit, bool CanReview, bool CanUnlock);

/// <summary>The review workflow as a small state machine (pure): Draft/Returned —submit→ Submitted —approve→ Locked,
/// Submitted —return→ Returned, Locked —unlock→ Draft. Returning and unlocking need a reason; the person who submitted
/// cannot approve, unless the company declared a one-person review.</summary>
public static class InventoryWorkflow
{
    public const int MaxCommentLength = 2000;

    public static Result<InventoryStatus> Next(InventoryStatus current, InventoryAction action, WorkflowActor actor, string? submittedBy, bool singlePersonReview, string? comment)
    {
        var (allowed, from, to, needsComment) = action switch
        {
            InventoryAction.Submit => (actor.CanEdit, new[] { InventoryStatus.Draft, InventoryStatus.Returned }, InventoryStatus.Submitted, false),
            InventoryAction.Approve => (actor.CanReview, [InventoryStatus.Submitted], InventoryStatus.Locked, false),
            InventoryAction.Return => (actor.CanReview, [InventoryStatus.Submitted], InventoryStatus.Returned, true),
            _ => (actor.CanUnlock, [InventoryStatus.Locked], InventoryStatus.Draft, true),
        };

        if (!allowed)
        {
            return InventoryErrors.NotAllowed(action);
        }

        if (!from.Contains(current))
        {
            return InventoryErrors.WrongState(action, current);
        }

        if (needsComment && (string.IsNullOrWhiteSpace(comment) || comment.Length > MaxCommentLength))
        {
            return InventoryErrors.CommentRequired;
        }

        if (!needsComment && comment?.Length > MaxCommentLength)
        {
            return InventoryErrors.CommentRequired;
        }

        if (action == InventoryAction.Approve && submittedBy is not null && string.Equals(submittedBy, actor.Name, StringComparison.OrdinalIgnoreCase) && !singlePersonReview)
        {
            return InventoryErrors.SeparationOfDuties(submittedBy);
        }

        return to;
    }
}
