using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal: the association's service portal for members — open subsidies and courses first, the newest
/// reduction cases, and the company's own open requests.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class HubModel(TanpanDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PortalNotice> Notices { get; private set; } = [];

    public IReadOnlyList<ReductionCase> Cases { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public int OpenRequests { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = PortalView.TodayInTaipei(clock);
        Notices = PortalNotice.InOrder(await db.PortalNotices.AsNoTracking().ToListAsync(ct), Today).Take(5).ToList();
        Cases = (await db.PortalCases.AsNoTracking().Where(c => c.Published).ToListAsync(ct)).OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAtUtc).Take(3).ToList();
        OpenRequests = await db.MatchmakingRequests.CountAsync(r => r.Status == MatchmakingStatus.New || r.Status == MatchmakingStatus.InProgress, ct)
            + await db.ConsultationRequests.CountAsync(r => r.Status == ConsultationStatus.New || r.Status == ConsultationStatus.InProgress, ct);
    }
}
