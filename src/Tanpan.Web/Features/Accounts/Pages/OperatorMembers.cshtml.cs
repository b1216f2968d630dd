using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Email;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>The platform operator's member list: approve or reject applications (a rejection needs a reason);
/// the applicant is e-mailed either way.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorMembersModel(TanpanDb db, IEmailSender email, TimeProvider clock, ILogger<OperatorMembersModel> logger) : FormPage
{
    [BindProperty(SupportsGet = true)]
    public CompanyStatus? Status { get; set; }

    public IReadOnlyList<Company> Companies { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (company is null)
        {
            return NotFound();
        }

        company.Status = CompanyStatus.Approved;
        company.RejectionReason = null;
        company.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var sent = await MailDelivery.TrySendAsync(email, logger, new EmailMessage(company.Email ?? string.Empty, "碳盤 Tanpan：會員申請已通過 / application approved",
            $"{company.Name} 您好：\n\n貴公司的會員申請已通過，現在可以登入：{Request.Scheme}://{Request.Host}/login\n\nYour application is approved; you can sign in now.\n"), ct);
        Notice = Sent(sent, company.Name, HttpContext.T("已核准", "approved"));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (company is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            AddError("reason-" + id, HttpContext.T("退件須填寫原因（1000 字以內）", "a reason is required (up to 1000 characters)"));
            await LoadAsync(ct);
            return Page();
        }

        company.Status = CompanyStatus.Rejected;
        company.RejectionReason = reason.Trim();
        company.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var sent = await MailDelivery.TrySendAsync(email, logger, new EmailMessage(company.Email ?? string.Empty, "碳盤 Tanpan：會員申請未通過 / application not approved",
            $"{company.Name} 您好：\n\n很抱歉，貴公司的會員申請未通過。原因：{company.RejectionReason}\n\nYour application was not approved. Reason: {company.RejectionReason}\n"), ct);
        Notice = Sent(sent, company.Name, HttpContext.T("已退件", "rejected"));
        await LoadAsync(ct);
        return Page();
    }

    private string Sent(bool sent, string name, string what) =>
        sent ? $"{name}：{what}，" + HttpContext.T("已通知申請者。", "applicant notified.")
             : $"{name}：{what}，" + HttpContext.T("但通知信寄送失敗，請另行聯絡。", "but the e-mail could not be sent; contact them directly.");

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.Companies.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        Companies = await query.OrderBy(c => c.Status).ThenByDescending(c => c.CreatedAtUtc).ToListAsync(ct);
    }
}
