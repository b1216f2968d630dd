using Microsoft.AspNetCore.Identity;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts;

/// <summary>ASP.NET Identity's messages (password rules, duplicate e-mail, expired link) in the reader's language:
/// zh-TW by default, Identity's own English when the page is in English. The codes stay Identity's.</summary>
public sealed class LocalizedIdentityErrors(IHttpContextAccessor http) : IdentityErrorDescriber
{
    private bool English => http.HttpContext is { } context && Lang.IsEnglish(context);

    private IdentityError Zh(IdentityError english, string zh) => English ? english : new IdentityError { Code = english.Code, Description = zh };

    public override IdentityError DefaultError() => Zh(base.DefaultError(), "發生錯誤，請再試一次。");

    public override IdentityError ConcurrencyFailure() => Zh(base.ConcurrencyFailure(), "資料已被他人修改，請重新整理後再試。");

    public override IdentityError PasswordMismatch() => Zh(base.PasswordMismatch(), "密碼不正確。");

    public override IdentityError InvalidToken() => Zh(base.InvalidToken(), "連結已失效或已使用過，請重新申請。");

    public override IdentityError LoginAlreadyAssociated() => Zh(base.LoginAlreadyAssociated(), "此外部帳號已連結其他使用者。");

    public override IdentityError InvalidUserName(string? userName) => Zh(base.InvalidUserName(userName), $"帳號「{userName}」含不允許的字元。");

    public override IdentityError InvalidEmail(string? email) => Zh(base.InvalidEmail(email), $"「{email}」不是有效的電子郵件。");

    public override IdentityError DuplicateUserName(string userName) => Zh(base.DuplicateUserName(userName), $"帳號「{userName}」已被使用。");

    public override IdentityError DuplicateEmail(string email) => Zh(base.DuplicateEmail(email), $"電子郵件「{email}」已被使用。");

    public override IdentityError InvalidRoleName(string? role) => Zh(base.InvalidRoleName(role), $"角色名稱「{role}」無效。");

    public override IdentityError DuplicateRoleName(string role) => Zh(base.DuplicateRoleName(role), $"角色「{role}」已存在。");

    public override IdentityError UserAlreadyHasPassword() => Zh(base.UserAlreadyHasPassword(), "此使用者已設定密碼。");

    public override IdentityError UserLockoutNotEnabled() => Zh(base.UserLockoutNotEnabled(), "此使用者未啟用鎖定功能。");

    public override IdentityError UserAlreadyInRole(string role) => Zh(base.UserAlreadyInRole(role), "使用者已具有此角色。");

    public override IdentityError UserNotInRole(string role) => Zh(base.UserNotInRole(role), "使用者不具有此角色。");

    public override IdentityError PasswordTooShort(int length) => Zh(base.PasswordTooShort(length), $"密碼至少需 {length} 個字元。");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Zh(base.PasswordRequiresUniqueChars(uniqueChars), $"密碼至少需含 {uniqueChars} 種不同的字元。");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Zh(base.PasswordRequiresNonAlphanumeric(), "密碼需含至少一個符號（非英數字）。");

    public override IdentityError PasswordRequiresDigit() => Zh(base.PasswordRequiresDigit(), "密碼需含至少一個數字（0–9）。");

    public override IdentityError PasswordRequiresLower() => Zh(base.PasswordRequiresLower(), "密碼需含至少一個小寫英文字母（a–z）。");

    public override IdentityError PasswordRequiresUpper() => Zh(base.PasswordRequiresUpper(), "密碼需含至少一個大寫英文字母（A–Z）。");

    public override IdentityError RecoveryCodeRedemptionFailed() => Zh(base.RecoveryCodeRedemptionFailed(), "復原碼無效。");
}
