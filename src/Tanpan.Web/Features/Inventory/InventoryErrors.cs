using System.Globalization;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.Inventory;

/// <summary>The inventory feature's errors; <see cref="ErrorResults"/> turns them into HTTP and page messages.</summary>
public static class InventoryErrors
{
    public static Error NotFound(Guid id) => new NotFoundError("inventory.not-found", string.Create(CultureInfo.InvariantCulture, $"No inventory {id}."));

    public static Error NotAllowed(InventoryAction action) => new ForbiddenError("inventory.not-allowed", $"Your role does not allow '{action}' on an inventory.");

    public static Error WrongState(InventoryAction action, InventoryStatus status) => new ConflictError("inventory.wrong-state", $"'{action}' is not possible while the inventory is {status}.");

    public static Error NotEditable(InventoryStatus status) => new ConflictError("inventory.not-editable", $"The inventory is {status}: its data cannot change until it is returned or unlocked.");

    public static Error SeparationOfDuties(string submitter) => new ForbiddenError("inventory.separation-of-duties", $"{submitter} submitted this inventory and cannot also approve it; another reviewer must, unless the company declares a one-person review in its profile.");

    public static Error CommentRequired => Invalid.Field("Comment", "a comment is required (why it is returned or unlocked), up to 2000 characters");

    public static Error DoesNotCalculate => new ConflictError("inventory.does-not-calculate", "The inventory does not calculate; it cannot be approved until its errors are fixed.");

    public static Error LockedRecordAltered => new ConflictError("inventory.locked-record-altered", "The locked inventory's stored record does not match its hash; it cannot be printed or exported. Unlock and approve it again, or contact the operator.");
}
