using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Pact.Pages;

/// <summary>/supplier-form/{token}: the invited supplier declares the product's footprint without an account. The
/// link works once and until it expires; the answer lands as a received footprint of the inviting company, flagged
/// self-declared, with the declarant's name, method and reference period.</summary>
[AllowAnonymous]
public sealed class SupplierFormModel(TanpanDb db, TenantScope tenant, TimeProvider clock) : FormPage
{
    public SupplierInvitation? Invitation { get; private set; }

    public string? CompanyName { get; private set; }

    [BindProperty]
    public decimal? KgCo2e { get; set; }

    [BindProperty]
    public DateOnly? ReferenceFrom { get; set; }

    [BindProperty]
    public DateOnly? ReferenceTo { get; set; }

    [BindProperty]
    public decimal? PrimaryDataPercent { get; set; }

    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public string? Declarant { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => await FindAsync(token, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await FindAsync(token, ct))
        {
            return NotFound();
        }

        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        if (KgCo2e is not { } value || value < 0 || value > 1_000_000_000m)
        {
            AddError("KgCo2e", HttpContext.T("必填：每宣告單位的 kgCO2e，0 以上", "required: kgCO2e per declared unit, 0 or more"));
        }

        if (ReferenceFrom is null || ReferenceTo is null || ReferenceTo < ReferenceFrom)
        {
            AddError("ReferenceTo", HttpContext.T("必填：參考期間的起訖日（迄日不早於起日）", "required: the reference period's first and last day (last not before first)"));
        }

        if (PrimaryDataPercent is < 0 or > 100)
        {
            AddError("PrimaryDataPercent", HttpContext.T("初級數據比例須介於 0 與 100 %", "the primary data share is between 0 and 100 %"));
        }

        var method = Method?.Trim();
        if (string.IsNullOrEmpty(method) || method.Length > 2000)
        {
            AddError("Method", HttpContext.T("必填：計算方法與依據（例如 ISO 14067、所用係數），2000 字以內", "required: how it was calculated (e.g. ISO 14067, the factors used), at most 2000 characters"));
        }

        var declarant = Declarant?.Trim();
        if (string.IsNullOrEmpty(declarant) || declarant.Length > 200)
        {
            AddError("Declarant", HttpContext.T("必填：填報人姓名與職稱", "required: your name and position"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var invitation = Invitation!;
        tenant.Enter(invitation.CompanyId, "supplier-form:" + invitation.Email, PrincipalKind.System);
        var row = await db.SupplierInvitations.FirstAsync(i => i.Id == invitation.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The declaration as received, in its own terms (not PACT's): kept and hashed like any received document.
        var document = new JsonObject
        {
            ["invitation"] = invitation.Id.ToString(), ["supplier"] = invitation.SupplierName, ["email"] = invitation.Email, ["product"] = invitation.ProductName,
            ["declaredUnit"] = invitation.DeclaredUnit, ["kgCo2ePerDeclaredUnit"] = KgCo2e!.Value.ToString(CultureInfo.InvariantCulture),
            ["referenceFrom"] = ReferenceFrom!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["referenceTo"] = ReferenceTo!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["primaryDataPercent"] = PrimaryDataPercent?.ToString(CultureInfo.InvariantCulture), ["method"] = method, ["declarant"] = declarant, ["declaredAt"] = PactFormat.Time(now),
        }.ToJsonString(PactReceived.Readable);
        db.ReceivedFootprints.Add(new ReceivedFootprint
        {
            PfId = invitation.Id, InvitationId = invitation.Id, SupplierName = invitation.SupplierName, ProductName = invitation.ProductName,
            KgCo2ePerUnit = KgCo2e.Value, DeclaredUnit = invitation.DeclaredUnit, ReferenceFrom = ReferenceFrom, ReferenceTo = ReferenceTo,
            PrimaryDataPercent = PrimaryDataPercent, SelfDeclared = true, DocumentJson = document, DocumentHash = CanonicalJson.Hash(document), ReceivedAtUtc = now,
        });
        row.AnsweredAtUtc = now;
        await db.SaveChangesAsync(ct);
        return RedirectDone($"/supplier-form/{token}/thanks", "已收到您的填報，謝謝。", "Your declaration was received. Thank you.");
    }

    private async Task<bool> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100)
        {
            return false;
        }

        var hash = PactAuth.Hash(token);
        // Before any tenant: the token names the invitation.
        Invitation = await db.SupplierInvitations.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AnsweredAtUtc == null && i.ExpiresAtUtc > clock.GetUtcNow().UtcDateTime, ct);
        CompanyName = Invitation is null ? null : await db.Companies.AsNoTracking().Where(c => c.Id == Invitation.CompanyId).Select(c => c.Name).FirstAsync(ct);
        return Invitation is not null;
    }
}
