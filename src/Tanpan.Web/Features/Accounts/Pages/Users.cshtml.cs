using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Email;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>A company admin's user list: invite colleagues by e-mail with a role, change roles. Whether an address has an
/// account in another company is not shown: the invitation "is sent", and that address is told instead.</summary>
[Authorize(Policy = PermissionNames.UsersManage)]
[EnableRateLimiting(AccountRateLimits.Invitations)]
public sealed class UsersModel(UserManager<AppUser> users, TanpanDb db, TenantScope tenant, IEmailSender email, TimeProvider clock, ILogger<UsersModel> logger) : FormPage
{
    public static readonly string[] CompanyRoles = [Roles.CompanyAdmin, Roles.DataClerk, Roles.Reviewer, Roles.Viewer];

    public IReadOnlyList<(AppUser User, string Role)> Members { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostInviteAsync(string? inviteEmail, string? role, CancellationToken ct)
    {
        if (!await LoadAsync())
        {
            return Forbid();
        }

        var existing = string.IsNullOrWhiteSpace(inviteEmail) ? null : await users.FindByEmailAsync(inviteEmail.Trim());
        if (string.IsNullOrWhiteSpace(inviteEmail) || !System.Net.Mail.MailAddress.TryCreate(inviteEmail.Trim(), out _))
        {
            AddError("inviteEmail", HttpContext.T("請填有效的電子郵件", "a valid e-mail address is required"));
        }
        else if (existing is not null && existing.CompanyId == tenant.CompanyId)
        {
            // Already in the member list this admin is looking at: nothing to hide.
            AddError("inviteEmail", HttpContext.T("此電子郵件已是本公司的使用者", "that address is already a user of your company"));
        }

        if (role is null || !CompanyRoles.Contains(role))
        {
            AddError("role", HttpContext.T("請選擇角色：", "choose a role: ") + string.Join(HttpContext.T("、", ", "), CompanyRoles.Select(HttpContext.RoleName)));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var address = inviteEmail!.Trim();
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == tenant.CompanyId, ct);
        if (existing is not null)
        {
            // An account elsewhere (another company, or the operator): create nothing, answer as for any invitation,
            // and let the address's owner decide what to do.
            await MailDelivery.TrySendAsync(email, logger, new EmailMessage(address, $"碳盤 Tanpan：{company.Name} 的邀請 / invitation from {company.Name}",
                $"{company.Name} 邀請您加入碳盤，但此電子郵件已有碳盤帳號，一個帳號只能屬於一家公司，因此沒有建立新帳號。如需轉換公司，請聯絡平台管理者（{Request.Scheme}://{Request.Host}/contact）。\n\n"
                + $"{company.Name} invited you to Tanpan, but this address already has a Tanpan account, and an account belongs to one company, so no new account was created. To move to another company, contact the operator ({Request.Scheme}://{Request.Host}/contact).\n"), ct);
            Notice = HttpContext.T($"已寄出邀請給 {address}", $"invitation sent to {address}");
            await LoadAsync();
            return Page();
        }

        var user = new AppUser { UserName = address, Email = address, EmailConfirmed = true, CompanyId = tenant.CompanyId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            AddError("inviteEmail", string.Join(" ", created.Errors.Select(e => e.Description)));
            return Page();
        }

        await users.AddToRoleAsync(user, role!);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{Request.Scheme}://{Request.Host}/reset-password?user={user.Id}&token={Uri.EscapeDataString(token)}";
        var sent = await MailDelivery.TrySendAsync(email, logger, new EmailMessage(address, $"碳盤 Tanpan：{company.Name} 邀請您加入 / invitation",
            $"{company.Name} 邀請您以「{Names.Find(Names.Role, role!)?.Zh}」角色使用碳盤。請於 2 小時內開啟以下連結設定密碼：\n{company.Name} invites you to Tanpan as {Names.Find(Names.Role, role!)?.En}. Set your password within 2 hours:\n\n{link}\n"), ct);
        Notice = sent ? HttpContext.T($"已寄出邀請給 {address}", $"invitation sent to {address}") : HttpContext.T("帳號已建立，但邀請信寄送失敗", "account created, but the invitation could not be e-mailed");
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string? role)
    {
        if (!await LoadAsync())
        {
            return Forbid();
        }

        // Only users of this company are in Members: another company's user id is simply not found.
        var member = Members.FirstOrDefault(m => m.User.Id == userId).User;
        if (member is null)
        {
            return NotFound();
        }

        if (role is null || !CompanyRoles.Contains(role))
        {
            AddError("role-" + userId, HttpContext.T("請選擇角色", "choose a role"));
            return Page();
        }

        if (member.Id.ToString() == users.GetUserId(User) && role != Roles.CompanyAdmin)
        {
            AddError("role-" + userId, HttpContext.T("不能移除自己的管理者角色", "you cannot remove your own admin role"));
            return Page();
        }

        await users.RemoveFromRolesAsync(member, await users.GetRolesAsync(member));
        await users.AddToRoleAsync(member, role);
        // The member's sessions still carry the old role in their cookie: a new stamp signs them out (within the
        // validation interval), and the next sign-in carries the new role.
        await users.UpdateSecurityStampAsync(member);
        Notice = HttpContext.T($"{member.Email} 角色已改為{HttpContext.RoleName(role)}", $"{member.Email} is now {HttpContext.RoleName(role)}");
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (!tenant.HasCompany)
        {
            return false;
        }

        // Users are not a tenant-filtered table (sign-in must find them), so the company is filtered explicitly.
        var companyUsers = await users.Users.Where(u => u.CompanyId == tenant.CompanyId).OrderBy(u => u.Email).ToListAsync();
        var list = new List<(AppUser, string)>();
        foreach (var u in companyUsers)
        {
            list.Add((u, (await users.GetRolesAsync(u)).FirstOrDefault() ?? "—"));
        }

        Members = list;
        return true;
    }
}
