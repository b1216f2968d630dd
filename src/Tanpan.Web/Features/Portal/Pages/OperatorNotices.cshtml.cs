using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/operator/portal/announcements: the association posts subsidy programmes (with their application
/// deadline) and training courses (with their date) for members, and removes them.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorNoticesModel(TanpanDb db, TimeProvider clock) : PortalFormPage
{
    public sealed class NoticeInput
    {
        public PortalNoticeKind? Kind { get; set; }

        public string? TitleZh { get; set; }

        public string? TitleEn { get; set; }

        public string? BodyZh { get; set; }

        public string? BodyEn { get; set; }

        public DateOnly? Date { get; set; }

        public string? Link { get; set; }

        public string? Location { get; set; }
    }

    public IReadOnlyList<PortalNotice> Notices { get; private set; } = [];

    public DateOnly Today { get; private set; }

    [BindProperty]
    public NoticeInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var kind = Choice(nameof(NoticeInput.Kind), Input.Kind, "類型", "kind");
        var titleZh = Text(nameof(NoticeInput.TitleZh), Input.TitleZh, PortalLimits.Title, "中文標題", "Chinese title");
        var titleEn = Text(nameof(NoticeInput.TitleEn), Input.TitleEn, PortalLimits.Title, "英文標題", "English title");
        var bodyZh = Text(nameof(NoticeInput.BodyZh), Input.BodyZh, PortalLimits.Body, "中文內容", "Chinese text");
        var bodyEn = Text(nameof(NoticeInput.BodyEn), Input.BodyEn, PortalLimits.Body, "英文內容", "English text");
        // A subsidy without a deadline or a course without a date cannot tell members whether it is still open.
        var date = Date(nameof(NoticeInput.Date), Input.Date, required: true, "申請截止日或活動日期", "Application deadline or event date");
        var link = Link(nameof(NoticeInput.Link), Input.Link, "相關連結", "Link");
        var location = Text(nameof(NoticeInput.Location), Input.Location, PortalLimits.Name, "地點", "Location", required: false);
        RestUnbound();
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.PortalNotices.Add(new PortalNotice
        {
            Id = Guid.NewGuid(), Kind = kind, TitleZh = titleZh!, TitleEn = titleEn!, BodyZh = bodyZh!, BodyEn = bodyEn!, Date = date, Link = link, Location = location,
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return RedirectDone("/operator/portal/announcements", "公告已發布。", "Announcement posted.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (await db.PortalNotices.FirstOrDefaultAsync(n => n.Id == id, ct) is not { } row)
        {
            return NotFound();
        }

        db.PortalNotices.Remove(row);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/operator/portal/announcements", "公告已刪除。", "Announcement removed.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = PortalView.TodayInTaipei(clock);
        Notices = PortalNotice.InOrder(await db.PortalNotices.AsNoTracking().ToListAsync(ct), Today).ToList();
    }
}
