using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/requests: the company's own consultation and matchmaking requests with their status and the
/// association's reply (the tenant filter keeps other companies' out), and the consultation form, which anyone at
/// the company may send.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class RequestsModel(TanpanDb db, TimeProvider clock) : PortalFormPage
{
    public sealed record Match(MatchmakingRequest Request, TechVendor? Vendor);

    public sealed class ConsultInput
    {
        public ConsultationTopic? Topic { get; set; }

        public string? Message { get; set; }

        public ContactMethod? PreferredContact { get; set; }

        public string? ContactDetail { get; set; }
    }

    public IReadOnlyList<ConsultationRequest> Consultations { get; private set; } = [];

    public IReadOnlyList<Match> Matches { get; private set; } = [];

    [BindProperty]
    public ConsultInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConsultAsync(CancellationToken ct)
    {
        var topic = Choice(nameof(ConsultInput.Topic), Input.Topic, "諮詢主題", "topic");
        var message = Text(nameof(ConsultInput.Message), Input.Message, PortalLimits.Note, "問題說明", "Your question");
        var method = Choice(nameof(ConsultInput.PreferredContact), Input.PreferredContact, "聯絡方式", "way to contact you");
        var detail = Text(nameof(ConsultInput.ContactDetail), Input.ContactDetail, PortalLimits.Short, "聯絡電話或電子郵件", "Phone or e-mail");
        RestUnbound();
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.ConsultationRequests.Add(new ConsultationRequest
        {
            Id = Guid.NewGuid(), Topic = topic, Message = message!, PreferredContact = method, ContactDetail = detail!, Status = ConsultationStatus.New,
            CreatedBy = User.Identity?.Name ?? "?", CreatedAtUtc = now, UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync(ct);
        return RedirectDone("/portal/requests", "已送出諮詢申請，公會輔導團隊將與您聯絡。", "Consultation request sent; the association's advisers will contact you.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Consultations = (await db.ConsultationRequests.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.CreatedAtUtc).ToList();
        var matches = (await db.MatchmakingRequests.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.CreatedAtUtc).ToList();
        var ids = matches.Select(m => m.VendorId).Distinct().ToList();
        var vendors = await db.PortalVendors.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        Matches = matches.Select(m => new Match(m, vendors.GetValueOrDefault(m.VendorId))).ToList();
    }
}
