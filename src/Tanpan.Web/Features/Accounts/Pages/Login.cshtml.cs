using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>Sign-in. The password is checked first (with lockout), so a company's status is only told to its own users.</summary>
public sealed class LoginModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, TanpanDb db) : FormPage
{
    [BindProperty]
    public string? Account { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var invalid = HttpContext.T("帳號或密碼錯誤", "wrong account or password");
        var user = string.IsNullOrWhiteSpace(Account) ? null : await users.FindByNameAsync(Account.Trim()) ?? await users.FindByEmailAsync(Account.Trim());
        if (user is null || string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Account), invalid);
            return Page();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            AddError(nameof(Account), HttpContext.T("登入失敗次數過多，帳號暫時鎖定 15 分鐘；可使用「忘記密碼」重設。", "too many failed attempts: the account is locked for 15 minutes; you can reset the password."));
            return Page();
        }

        if (!check.Succeeded)
        {
            AddError(nameof(Account), invalid);
            return Page();
        }

        if (user.CompanyId is { } companyId)
        {
            var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == companyId, ct);
            if (company.Status == CompanyStatus.Pending)
            {
                AddError(nameof(Account), HttpContext.T("貴公司的會員申請尚在審核中，通過後即可登入。", "your company's application is awaiting approval."));
                return Page();
            }

            if (company.Status == CompanyStatus.Rejected)
            {
                AddError(nameof(Account), HttpContext.T($"貴公司的會員申請未通過：{company.RejectionReason}", $"your company's application was rejected: {company.RejectionReason}"));
                return Page();
            }
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account");
    }
}
