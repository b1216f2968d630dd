using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.PublicSite.Pages;

/// <summary>The public home page: what the platform offers, the operator's news and upcoming events.</summary>
public sealed class HomeModel(TanpanDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Announcement> News { get; private set; } = [];

    public IReadOnlyList<Announcement> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var all = await db.Announcements.AsNoTracking().ToListAsync(ct);
        News = all.Where(a => a.Kind == AnnouncementKind.News).OrderByDescending(a => a.PublishedAtUtc).Take(10).ToList();
        Events = all.Where(a => a.Kind == AnnouncementKind.Event && a.EventDate >= today).OrderBy(a => a.EventDate).Take(10).ToList();
    }
}
