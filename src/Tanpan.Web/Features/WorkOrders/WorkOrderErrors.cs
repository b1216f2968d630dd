using System.Globalization;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The work-order feature's errors; <see cref="ErrorResults"/> turns them into HTTP.</summary>
public static class WorkOrderErrors
{
    public static Error NotFound(Guid id) => new NotFoundError("work-order.not-found", string.Create(CultureInfo.InvariantCulture, $"No work order {id}."));

    public static Error DuplicateNumber(string workOrderNo) => new ConflictError("work-order.duplicate-number", $"Work order '{workOrderNo}' already exists for your company; work-order numbers are unique.");

    public static Error NotCertified(Guid id) => new ConflictError("work-order.not-certified", string.Create(CultureInfo.InvariantCulture, $"Work order {id} has no certificate for its current result; certify it first (POST /api/v1/work-orders/{id}/certify)."));

    public static Error Altered(Guid id) => new ConflictError("work-order.altered", string.Create(CultureInfo.InvariantCulture, $"The stored record of work order {id} does not match its hash; it cannot be certified until it is recalculated."));
}
