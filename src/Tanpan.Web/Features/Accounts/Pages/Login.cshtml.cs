using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>Sign-in. One answer, after about the same work, whether the account is unknown, the password wrong or the
/// attempt throttled, so the page tells nothing about which accounts exist. The password is checked first, so a
/// company's status is only told to its own users.</summary>
[EnableRateLimiting(AccountRateLimits.SignIn)]
public sealed class LoginModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, ISignInThrottle throttle, TanpanDb db) : FormPage
{
    // Far beyond any real name or password; longer input is refused before any lookup or hashing.
    private const int MaxInput = 256;

    // A hash made by the app's own hasher (same algorithm and iteration count as real ones) of a password nobody knows:
    // verifying against it costs what verifying a real password costs.
    private static string? _dummyHash;

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
        var refused = HttpContext.T("帳號或密碼錯誤，或登入嘗試過多請稍後再試", "wrong account or password, or too many attempts: try again later");
        var name = Account?.Trim() ?? string.Empty;
        var password = Password ?? string.Empty;
        if (name.Length is 0 or > MaxInput || password.Length is 0 or > MaxInput)
        {
            AddError(nameof(Account), refused);
            return Page();
        }

        var user = await users.FindByNameAsync(name) ?? await users.FindByEmailAsync(name);
        var account = user is null ? SignInKeys.UnknownName(users.NormalizeName(name)) : SignInKeys.User(user.Id);
        var address = ClientAddress.Key(HttpContext);
        var blocked = throttle.IsBlocked(account, address);
        if (user is null || blocked)
        {
            _dummyHash ??= hasher.HashPassword(new AppUser(), GeneratedSecrets.Password());
            hasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
            if (!blocked)
            {
                throttle.RecordFailure(account, address);
            }

            AddError(nameof(Account), refused);
            return Page();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!check.Succeeded)
        {
            throttle.RecordFailure(account, address);
            AddError(nameof(Account), refused);
            return Page();
        }

        throttle.RecordSuccess(account, address);
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
        // A member company lands on its dashboard; the operator on the account page with its tools.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : user.CompanyId is null ? "/account" : "/dashboard");
    }
}
