using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/requests/{id}: one of the company's own requests (consultation or matchmaking) with its status
/// and the association's reply. Another company's id is not found: the tenant filter never returns it.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class RequestModel(TanpanDb db) : PageModel
{
    public ConsultationRequest? Consultation { get; private set; }

    public MatchmakingRequest? Matchmaking { get; private set; }

    public TechVendor? Vendor { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Consultation = await db.ConsultationRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        Matchmaking = Consultation is null ? await db.MatchmakingRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (Matchmaking is { } m)
        {
            Vendor = await db.PortalVendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == m.VendorId, ct);
        }

        return Consultation is null && Matchmaking is null ? NotFound() : Page();
    }
}
