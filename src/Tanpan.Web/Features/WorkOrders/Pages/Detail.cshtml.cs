using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>One work order: its data, process × energy result with shares and intensity, and its certificate.</summary>
[Authorize(Policy = PermissionNames.WorkOrdersRead)]
public sealed class DetailModel(TanpanDb db, TenantScope tenant) : PageModel
{
    public WorkOrderEndpoints.Response Order { get; private set; } = null!;

    public string VerificationUrl { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var order = tenant.HasCompany ? await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) : null;
        if (order is null)
        {
            return NotFound();
        }

        Order = WorkOrderEndpoints.ToResponse(order);
        VerificationUrl = WorkOrderEndpoints.VerificationUrl(Request, order);
        return Page();
    }
}
