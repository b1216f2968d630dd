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

/// <summary>Company registration (seed 002): the company starts pending; the operator approves or rejects it. Whether
/// an e-mail, account name or 統一編號 is already registered is never shown on the page: such an application gets the
/// same "received" answer, creates nothing, and the address given is e-mailed what went wrong.</summary>
[EnableRateLimiting(AccountRateLimits.Registration)]
public sealed class RegisterModel(TanpanDb db, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, IEmailSender email, TimeProvider clock, ILogger<RegisterModel> logger) : FormPage
{
    public static readonly IReadOnlyList<string> Regions =
    [
        "臺北市", "新北市", "桃園市", "臺中市", "臺南市", "高雄市", "基隆市", "新竹市", "嘉義市", "新竹縣", "苗栗縣", "彰化縣",
        "南投縣", "雲林縣", "嘉義縣", "屏東縣", "宜蘭縣", "花蓮縣", "臺東縣", "澎湖縣", "金門縣", "連江縣",
    ];

    public sealed class Form
    {
        public string? CompanyName { get; set; }

        public string? TaxId { get; set; }

        public string? Account { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }

        public string? ContactName { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Address { get; set; }

        public string? Region { get; set; }

        public string? Website { get; set; }
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    public bool Submitted { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        var i = Input;
        Required(nameof(Form.CompanyName), i.CompanyName, 200, HttpContext.T("請填公司名稱", "company name is required"));
        Required(nameof(Form.ContactName), i.ContactName, 100, HttpContext.T("請填聯絡人", "contact person is required"));
        Required(nameof(Form.Phone), i.Phone, 40, HttpContext.T("請填電話", "phone is required"));
        Required(nameof(Form.Address), i.Address, 300, HttpContext.T("請填地址", "address is required"));
        if (!TaxId.IsValid(i.TaxId?.Trim()))
        {
            AddError(nameof(Form.TaxId), HttpContext.T("統一編號須為 8 位數字且檢查碼正確", "must be an 8-digit 統一編號 with a valid checksum"));
        }

        if (string.IsNullOrWhiteSpace(i.Account) || i.Account.Trim().Length is < 3 or > 64 || !i.Account.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' or '@'))
        {
            AddError(nameof(Form.Account), HttpContext.T("帳號 3–64 字元：英數字與 . _ - @", "account: 3–64 characters a–z, 0–9, . _ - @"));
        }

        if (string.IsNullOrWhiteSpace(i.Email) || !System.Net.Mail.MailAddress.TryCreate(i.Email.Trim(), out _))
        {
            AddError(nameof(Form.Email), HttpContext.T("請填有效的電子郵件", "a valid e-mail address is required"));
        }

        if (i.Region is not null && !Regions.Contains(i.Region))
        {
            AddError(nameof(Form.Region), HttpContext.T("請選擇縣市", "choose a county or city"));
        }

        if (!string.IsNullOrWhiteSpace(i.Website) && !Platform.Inputs.TextInputs.IsWebAddress(i.Website))
        {
            AddError(nameof(Form.Website), HttpContext.T("網址需以 http:// 或 https:// 開頭", "website must start with http:// or https://"));
        }

        if (i.Password != i.ConfirmPassword)
        {
            AddError(nameof(Form.ConfirmPassword), HttpContext.T("兩次密碼不一致", "passwords do not match"));
        }

        var user = new AppUser { UserName = i.Account?.Trim(), Email = i.Email?.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, i.Password ?? string.Empty);
            if (!check.Succeeded)
            {
                AddError(nameof(Form.Password), string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var conflicts = new Conflicts(
            EmailTaken: await users.FindByEmailAsync(i.Email!.Trim()) is not null,
            AccountTaken: await users.FindByNameAsync(i.Account!.Trim()) is not null,
            TaxIdTaken: await db.Companies.AnyAsync(c => c.TaxId == i.TaxId!.Trim(), ct));
        if (conflicts.Any)
        {
            // The hash a real registration computes, so that this answer takes about as long.
            hasher.HashPassword(user, i.Password!);
            return await RefuseAsync(conflicts, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var company = new Company
        {
            Id = Guid.NewGuid(),
            Name = i.CompanyName!.Trim(),
            TaxId = i.TaxId!.Trim(),
            Status = CompanyStatus.Pending,
            ContactName = i.ContactName!.Trim(),
            Phone = i.Phone!.Trim(),
            Email = i.Email!.Trim(),
            Address = i.Address!.Trim(),
            Region = i.Region,
            Website = string.IsNullOrWhiteSpace(i.Website) ? null : i.Website.Trim(),
            CreatedAtUtc = now,
        };
        user.CompanyId = company.Id;

        // Company and first user are saved together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        var created = await users.CreateAsync(user, i.Password!);
        if (!created.Succeeded)
        {
            await tx.RollbackAsync(ct);
            // Taken in the moment since the check above (a concurrent registration): the same answer as any conflict.
            var duplicate = new Conflicts(
                EmailTaken: created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)),
                AccountTaken: created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)),
                TaxIdTaken: false);
            if (duplicate.Any)
            {
                return await RefuseAsync(duplicate, ct);
            }

            AddError(nameof(Form.Account), string.Join(" ", created.Errors.Select(e => e.Description)));
            return Page();
        }

        await users.AddToRoleAsync(user, Roles.CompanyAdmin);
        await tx.CommitAsync(ct);

        await MailDelivery.TrySendAsync(email, logger, new EmailMessage(company.Email, "碳盤 Tanpan：會員申請已收到 / application received",
            $"{company.Name} 您好：\n\n我們已收到貴公司的會員申請，平台管理者審核後將以電子郵件通知結果。\n\nWe have received your application; the platform operator will e-mail you the decision.\n"), ct);
        Submitted = true;
        return Page();
    }

    private sealed record Conflicts(bool EmailTaken, bool AccountTaken, bool TaxIdTaken)
    {
        public bool Any => EmailTaken || AccountTaken || TaxIdTaken;
    }

    /// <summary>Creates nothing, tells the address given why, and answers as if the application went through.</summary>
    private async Task<IActionResult> RefuseAsync(Conflicts conflicts, CancellationToken ct)
    {
        var site = $"{Request.Scheme}://{Request.Host}";
        var account = Input.Account!.Trim();
        var taxId = Input.TaxId!.Trim();
        var zh = new List<string>();
        var en = new List<string>();
        if (conflicts.EmailTaken)
        {
            zh.Add($"・此電子郵件已有帳號：請直接登入（{site}/login），忘記密碼可重設（{site}/forgot-password）。");
            en.Add($"- An account with this address already exists: sign in at {site}/login, or reset your password at {site}/forgot-password.");
        }

        if (conflicts.AccountTaken)
        {
            zh.Add($"・帳號名稱「{account}」已被使用：請以其他帳號名稱重新申請（{site}/register）。");
            en.Add($"- The account name \"{account}\" is taken: register again with another at {site}/register.");
        }

        if (conflicts.TaxIdTaken)
        {
            zh.Add($"・統一編號 {taxId} 已註冊：請洽貴公司在碳盤的管理者邀請您加入，或聯絡平台管理者（{site}/contact）。");
            en.Add($"- The 統一編號 {taxId} is already registered: ask your company's administrator on Tanpan to invite you, or contact the operator at {site}/contact.");
        }

        await MailDelivery.TrySendAsync(email, logger, new EmailMessage(Input.Email!.Trim(), "碳盤 Tanpan：會員申請未完成 / application not completed",
            $"您好：\n\n我們收到以此電子郵件提出的會員申請，但沒有建立帳號：\n{string.Join("\n", zh)}\n\n"
            + $"We received a membership application with this e-mail address but created no account:\n{string.Join("\n", en)}\n\n"
            + "若非您本人申請，請忽略本信。 If you did not apply, ignore this e-mail.\n"), ct);
        Submitted = true;
        return Page();
    }

    private void Required(string field, string? value, int max, string message)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
        {
            AddError(field, message);
        }
    }
}
