using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>Public verification of a work-order certificate: the QR code's hash must equal the stored hash, and the
/// stored record must still hash to it (so an edit made behind the application's back shows as well).</summary>
public sealed class VerifyModel(TanpanDb db) : PageModel
{
    public WorkOrderEndpoints.Response? Order { get; private set; }

    public string? CompanyName { get; private set; }

    public bool Valid { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? hash, CancellationToken ct)
    {
        // Public by design: the certificate's holder (a customer) is not a member. The tenant filter is lifted for this lookup only.
        var order = await db.WorkOrders.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return NotFound();
        }

        Order = WorkOrderEndpoints.ToResponse(order);
        CompanyName = (await db.Companies.AsNoTracking().FirstAsync(c => c.Id == order.CompanyId, ct)).Name;
        Valid = hash is not null
            && string.Equals(hash, order.ContentHash, StringComparison.OrdinalIgnoreCase)
            && WorkOrderEndpoints.Hash(order) == order.ContentHash;
        return Page();
    }
}
