using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/operator/portal/requests: every member's consultation and matchmaking requests. The operator moves each
/// along (a request starts as new; the operator sets in progress, then matched / answered or closed) and writes a
/// note the company reads on its own requests page. Each change is in the company's audit trail.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorRequestsModel(TanpanDb db, TimeProvider clock) : PortalFormPage
{
    public sealed record Match(MatchmakingRequest Request, string Company, TechVendor? Vendor);

    public sealed record Consult(ConsultationRequest Request, string Company);

    public IReadOnlyList<Match> Matches { get; private set; } = [];

    public IReadOnlyList<Consult> Consults { get; private set; } = [];

    public static readonly MatchmakingStatus[] MatchSteps = [MatchmakingStatus.InProgress, MatchmakingStatus.Matched, MatchmakingStatus.Closed];

    public static readonly ConsultationStatus[] ConsultSteps = [ConsultationStatus.InProgress, ConsultationStatus.Answered, ConsultationStatus.Closed];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMatchAsync(Guid id, [FromForm] string? status, [FromForm] string? note, CancellationToken ct)
    {
        // Across members, on purpose: the operator has no tenant of its own and answers every company's requests.
        if (await db.MatchmakingRequests.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } row)
        {
            return NotFound();
        }

        var field = "match-" + id;
        var step = Step(field, status, MatchSteps);
        var text = Text(field, note, PortalLimits.Note, "給公司的說明", "Note to the company", required: false);
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        (row.Status, row.OperatorNote, row.UpdatedAtUtc) = (step!.Value, text, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/operator/portal/requests", "媒合申請已更新。", "Matchmaking request updated.");
    }

    public async Task<IActionResult> OnPostConsultAsync(Guid id, [FromForm] string? status, [FromForm] string? note, CancellationToken ct)
    {
        if (await db.ConsultationRequests.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } row)
        {
            return NotFound();
        }

        var field = "consult-" + id;
        var step = Step(field, status, ConsultSteps);
        var text = Text(field, note, PortalLimits.Note, "回覆", "Reply", required: step == ConsultationStatus.Answered);
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        (row.Status, row.Reply, row.UpdatedAtUtc) = (step!.Value, text, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/operator/portal/requests", "諮詢申請已更新。", "Consultation request updated.");
    }

    private TEnum? Step<TEnum>(string field, string? value, TEnum[] allowed)
        where TEnum : struct, Enum
    {
        // By name only: "1" or "99" is not a status a person chose.
        var found = allowed.Where(s => string.Equals(s.ToString(), value, StringComparison.Ordinal)).Select(s => (TEnum?)s).FirstOrDefault();
        if (found is null)
        {
            var names = string.Join(T("、", ", "), allowed.Select(s => HttpContext.Name(s)));
            AddError(field, T($"請選擇狀態：{names}", $"choose a status: {names}"));
        }

        return found;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var matches = await db.MatchmakingRequests.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        var consults = await db.ConsultationRequests.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        var companyIds = matches.Select(m => m.CompanyId).Concat(consults.Select(c => c.CompanyId)).Distinct().ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var vendorIds = matches.Select(m => m.VendorId).Distinct().ToList();
        var vendors = await db.PortalVendors.AsNoTracking().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        // Open ones first (new, then in progress), newest first within each.
        Matches = matches.OrderBy(m => m.Status).ThenByDescending(m => m.CreatedAtUtc)
            .Select(m => new Match(m, companies.GetValueOrDefault(m.CompanyId) ?? "?", vendors.GetValueOrDefault(m.VendorId))).ToList();
        Consults = consults.OrderBy(c => c.Status).ThenByDescending(c => c.CreatedAtUtc)
            .Select(c => new Consult(c, companies.GetValueOrDefault(c.CompanyId) ?? "?")).ToList();
    }
}
