using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Email;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>Sends a single-use, expiring reset link. The answer is the same whether or not the address is known, and
/// so is its time: the message leaves through the outbox after the response.</summary>
[EnableRateLimiting(AccountRateLimits.PasswordReset)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, EmailOutbox outbox) : FormPage
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || !System.Net.Mail.MailAddress.TryCreate(Email.Trim(), out _))
        {
            AddError(nameof(Email), HttpContext.T("請填有效的電子郵件", "a valid e-mail address is required"));
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{Request.Scheme}://{Request.Host}/reset-password?user={user.Id}&token={Uri.EscapeDataString(token)}";
            outbox.Enqueue(new EmailMessage(user.Email!, "碳盤 Tanpan：重設密碼 / reset your password",
                $"請於 2 小時內開啟以下連結重設密碼（只能使用一次）：\nOpen this link within 2 hours to reset your password (it works once):\n\n{link}\n\n若非您本人申請，請忽略本信。 If you did not ask for this, ignore this e-mail.\n"));
        }

        Sent = true;
        return Page();
    }
}
