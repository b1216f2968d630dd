using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Email;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Pact.Pages;

/// <summary>/exchange/invitations: a supplier without a PACT host is invited by e-mail to declare a product's
/// footprint on a form reached by a link (<see cref="SupplierFormModel"/>), valid 30 days and once.</summary>
[Authorize(Policy = PermissionNames.ExchangeRequest)]
public sealed class InvitationsModel(TanpanDb db, TenantScope tenant, TimeProvider clock, IEmailSender email, ILogger<InvitationsModel> logger) : FormPage
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(30);
    public static readonly string[] DeclaredUnits = ["kg", "piece", "t", "m2", "L", "kWh"];

    public IReadOnlyList<SupplierInvitation> Invitations { get; private set; } = [];

    [BindProperty]
    public string? SupplierName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? ProductName { get; set; }

    [BindProperty]
    public string? DeclaredUnit { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        string? Required(string field, string? value, int max, string zh, string en)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v) || v.Length > max)
            {
                AddError(field, HttpContext.T(zh, en));
                return null;
            }

            return v;
        }

        var supplier = Required("SupplierName", SupplierName, 200, "必填：供應商名稱（200 字以內）", "required: the supplier's name (at most 200 characters)");
        var to = Required("Email", Email, 256, "必填：供應商聯絡人的電子郵件", "required: the supplier contact's e-mail address");
        if (to is not null && !System.Net.Mail.MailAddress.TryCreate(to, out _))
        {
            AddError("Email", HttpContext.T("電子郵件格式不正確", "not an e-mail address"));
        }

        var product = Required("ProductName", ProductName, 300, "必填：請供應商申報的產品或零件名稱", "required: the product or part the supplier declares");
        if (DeclaredUnit is null || !DeclaredUnits.Contains(DeclaredUnit))
        {
            AddError("DeclaredUnit", HttpContext.T("請選擇宣告單位", "choose the declared unit"));
        }

        if (Message?.Length > 2000)
        {
            AddError("Message", HttpContext.T("說明 2000 字以內", "at most 2000 characters"));
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var token = PactAuth.NewSecret()[4..];
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new SupplierInvitation
        {
            SupplierName = supplier!, Email = to!, ProductName = product!, DeclaredUnit = DeclaredUnit!, Message = string.IsNullOrWhiteSpace(Message) ? null : Message.Trim(),
            TokenHash = PactAuth.Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now + Validity, CreatedBy = tenant.Actor,
        };
        db.SupplierInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == tenant.CompanyId).Select(c => c.Name).FirstAsync(ct);
        var link = $"{PactEndpoints.Origin(HttpContext)}/supplier-form/{token}";
        var sent = await MailDelivery.TrySendAsync(email, logger, new EmailMessage(invitation.Email, $"碳盤 Tanpan：{company} 請您提供「{invitation.ProductName}」的碳足跡 / please declare a product footprint",
            $"{company} 請您提供「{invitation.ProductName}」每{invitation.DeclaredUnit}的產品碳足跡（kgCO2e），不需註冊帳號：\n{link}\n\n" +
            $"{company} asks you to declare the carbon footprint (kgCO2e per {invitation.DeclaredUnit}) of “{invitation.ProductName}”; no account is needed:\n{link}\n\n" +
            (invitation.Message is { } m ? m + "\n\n" : string.Empty) + $"此連結於 {TaipeiTime.Format(invitation.ExpiresAtUtc)} 前有效，限用一次。 / The link works once, until {TaipeiTime.Format(invitation.ExpiresAtUtc)} (Taipei time)."), ct);
        return sent
            ? RedirectDone("/exchange/invitations", $"已寄出邀請給 {invitation.Email}。", $"The invitation was sent to {invitation.Email}.")
            : RedirectDone("/exchange/invitations", $"邀請已建立，但郵件未能寄出（郵件伺服器拒絕或未設定）。", "The invitation was created but the e-mail could not be sent (mail server refused or not configured).");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Invitations = (await db.SupplierInvitations.AsNoTracking().ToListAsync(ct)).OrderByDescending(i => i.CreatedAtUtc).ToList();
}
