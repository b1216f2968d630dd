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

/// <summary>A company admin's user list: invite colleagues by e-mail with a role, change roles.</summary>
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

        if (string.IsNullOrWhiteSpace(inviteEmail) || !System.Net.Mail.MailAddress.TryCreate(inviteEmail.Trim(), out _))
        {
            AddError("inviteEmail", HttpContext.T("請填有效的電子郵件", "a valid e-mail address is required"));
        }
        else if (await users.FindByEmailAsync(inviteEmail.Trim()) is not null)
        {
            AddError("inviteEmail", HttpContext.T("此電子郵件已有帳號", "that address already has an account"));
        }

        if (role is null || !CompanyRoles.Contains(role))
        {
            AddError("role", HttpContext.T("請選擇角色", "choose a role") + $" ({string.Join(", ", CompanyRoles)})");
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var address = inviteEmail!.Trim();
        var user = new AppUser { UserName = address, Email = address, EmailConfirmed = true, CompanyId = tenant.CompanyId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            AddError("inviteEmail", string.Join(" ", created.Errors.Select(e => e.Description)));
            return Page();
        }

        await users.AddToRoleAsync(user, role!);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == tenant.CompanyId, ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{Request.Scheme}://{Request.Host}/reset-password?user={user.Id}&token={Uri.EscapeDataString(token)}";
        var sent = await Mail.TrySendAsync(email, logger, new EmailMessage(address, $"碳盤 Tanpan：{company.Name} 邀請您加入 / invitation",
            $"{company.Name} 邀請您以「{role}」角色使用碳盤。請於 2 小時內開啟以下連結設定密碼：\n{company.Name} invites you to Tanpan as {role}. Set your password within 2 hours:\n\n{link}\n"), ct);
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
        Notice = HttpContext.T($"{member.Email} 角色已改為 {role}", $"{member.Email} is now {role}");
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
