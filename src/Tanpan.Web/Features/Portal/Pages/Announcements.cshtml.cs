using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/announcements: every subsidy and training notice, open ones by nearest deadline first.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class AnnouncementsModel(TanpanDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PortalNotice> Notices { get; private set; } = [];

    public DateOnly Today { get; private set; }

    [BindProperty(SupportsGet = true)]
    public PortalNoticeKind? Kind { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = PortalView.TodayInTaipei(clock);
        // An unknown kind in the address lists everything rather than failing.
        var kind = Kind is { } k && Enum.IsDefined(k) ? k : (PortalNoticeKind?)null;
        var query = db.PortalNotices.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(n => n.Kind == kind);
        }

        Notices = PortalNotice.InOrder(await query.ToListAsync(ct), Today).ToList();
    }
}
