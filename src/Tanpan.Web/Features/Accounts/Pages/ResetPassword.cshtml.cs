using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

public sealed class ResetPasswordModel(UserManager<AppUser> users, ISignInThrottle throttle) : FormPage
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var invalidLink = HttpContext.T("重設連結無效或已過期，請重新申請。", "this reset link is invalid or has expired; ask for a new one.");
        var user = UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null || string.IsNullOrEmpty(Token))
        {
            AddError(nameof(Token), invalidLink);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password ?? string.Empty);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                AddError(error.Code == "InvalidToken" ? nameof(Token) : nameof(Password), error.Code == "InvalidToken" ? invalidLink : error.Description);
            }

            return Page();
        }

        // A successful reset lifts every sign-in block on the account: the user proved control of the mailbox. (The
        // reset also changed the security stamp, which signs out the account's other sessions.)
        throttle.Clear(SignInKeys.User(user.Id));
        await users.SetLockoutEndDateAsync(user, null);
        Done = true;
        return Page();
    }
}
