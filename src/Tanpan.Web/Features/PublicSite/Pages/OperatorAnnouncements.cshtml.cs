using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.PublicSite.Pages;

/// <summary>The operator posts news and events for the public home page, and reads contact messages.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorAnnouncementsModel(TanpanDb db, TimeProvider clock) : FormPage
{
    public IReadOnlyList<Announcement> Announcements { get; private set; } = [];

    public IReadOnlyList<ContactMessage> Messages { get; private set; } = [];

    [BindProperty]
    public AnnouncementKind Kind { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public DateOnly? EventDate { get; set; }

    [BindProperty]
    public string? Location { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            AddError(nameof(Title), HttpContext.T("請填標題（200 字以內）", "a title is required (up to 200 characters)"));
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Length > 4000)
        {
            AddError(nameof(Body), HttpContext.T("請填內容（4000 字以內）", "a body is required (up to 4000 characters)"));
        }

        if (Kind == AnnouncementKind.Event && EventDate is null)
        {
            AddError(nameof(EventDate), HttpContext.T("活動需填日期", "an event needs a date"));
        }

        if (Errors.Count == 0)
        {
            db.Announcements.Add(new Announcement { Id = Guid.NewGuid(), Kind = Kind, Title = Title!.Trim(), Body = Body!.Trim(), EventDate = EventDate, Location = Location?.Trim(), PublishedAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            return Redirect("/operator/announcements");
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var item = await db.Announcements.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }

        db.Announcements.Remove(item);
        await db.SaveChangesAsync(ct);
        return Redirect("/operator/announcements");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Announcements = (await db.Announcements.AsNoTracking().ToListAsync(ct)).OrderByDescending(a => a.PublishedAtUtc).ToList();
        Messages = (await db.ContactMessages.AsNoTracking().ToListAsync(ct)).OrderByDescending(m => m.ReceivedAtUtc).Take(100).ToList();
    }
}
