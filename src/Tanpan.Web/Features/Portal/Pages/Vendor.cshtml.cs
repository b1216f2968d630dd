using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/vendors/{id}: a vendor's details, and the matchmaking request — the association introduces the
/// company to the vendor. Everyone at the company reads; the admin and the data clerk send a request.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class VendorModel(TanpanDb db, TimeProvider clock) : PortalFormPage
{
    public sealed class MatchInput
    {
        public string? Need { get; set; }

        public string? Site { get; set; }

        public BudgetRange? Budget { get; set; }

        public string? ContactName { get; set; }

        public string? ContactPhone { get; set; }
    }

    public TechVendor Vendor { get; private set; } = null!;

    public bool CanRequest => PermissionHandler.Holds(User, Permission.PortalMatchmaking);

    [BindProperty]
    public MatchInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!CanRequest)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var need = Text(nameof(MatchInput.Need), Input.Need, PortalLimits.Note, "需求說明", "What you need");
        var site = Text(nameof(MatchInput.Site), Input.Site, PortalLimits.Name, "廠區", "Site");
        var budget = Choice(nameof(MatchInput.Budget), Input.Budget, "預算範圍", "budget range");
        var contact = Text(nameof(MatchInput.ContactName), Input.ContactName, PortalLimits.Short, "聯絡人", "Contact person");
        var phone = Text(nameof(MatchInput.ContactPhone), Input.ContactPhone, PortalLimits.Short, "聯絡電話或電子郵件", "Contact phone or e-mail");
        RestUnbound();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.MatchmakingRequests.Add(new MatchmakingRequest
        {
            Id = Guid.NewGuid(), VendorId = Vendor.Id, Need = need!, Site = site!, Budget = budget, ContactName = contact!, ContactPhone = phone!,
            Status = MatchmakingStatus.New, CreatedBy = User.Identity?.Name ?? "?", CreatedAtUtc = now, UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync(ct);
        return RedirectDone("/portal/requests", "已送出媒合申請，公會將與您聯絡。", "Matchmaking request sent; the association will contact you.");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await db.PortalVendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.Listed, ct);
        Vendor = found!;
        return found is not null;
    }
}
