using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Accounts;

public sealed class MemberRegistrationTests_Sqlite(SqliteApp app) : MemberRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class MemberRegistrationTests_Postgres(PostgresApp app) : MemberRegistrationTests(app), IClassFixture<PostgresApp>;

/// <summary>Register → pending → operator approves or rejects → e-mail → sign in; lockout and password reset.
/// E-mail goes through a real SMTP server (aiosmtpd) and is read back from its mailbox.</summary>
public abstract class MemberRegistrationTests(TanpanApp app)
{
    private static int _sequence;

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private static (string TaxId, string Account, string Email) NewApplicant()
    {
        var n = Interlocked.Increment(ref _sequence);
        return (NewTaxId(), $"user{n}-{Guid.NewGuid():N}"[..20], $"owner{n}-{Guid.NewGuid():N}@example.test");
    }

    /// <summary>A fresh 統一編號 with a valid checksum (the checksum itself is tested in <see cref="TaxIdTests"/>).</summary>
    private static string NewTaxId()
    {
        while (true)
        {
            var candidate = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Web.Features.Accounts.TaxId.IsValid(candidate))
            {
                return candidate;
            }
        }
    }

    private static List<KeyValuePair<string, string>> Form(string taxId, string account, string email, string password = "Factory-Pass-2024") =>
    [
        new("Input.CompanyName", "光輝電鍍股份有限公司"),
        new("Input.TaxId", taxId),
        new("Input.Account", account),
        new("Input.Password", password),
        new("Input.ConfirmPassword", password),
        new("Input.ContactName", "王小明"),
        new("Input.Phone", "04-2345-6789"),
        new("Input.Email", email),
        new("Input.Address", "臺中市西屯區工業區一路 1 號"),
        new("Input.Region", "臺中市"),
        new("Input.Website", "https://example.test"),
    ];

    private async Task<string> RegisterAsync(string taxId, string account, string email)
    {
        var response = await Forms.PostAsync(Browser(), "/register", Form(taxId, account, email));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"submitted\"", html, StringComparison.Ordinal);
        return html;
    }

    private async Task<string> LoginAsync(HttpClient client, string account, string password)
    {
        var response = await Forms.PostAsync(client, "/login", [new("Account", account), new("Password", password)]);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpClient> OperatorAsync()
    {
        var client = Browser();
        var html = await LoginAsync(client, TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        Assert.Contains("data-testid=\"nav-account\"", html, StringComparison.Ordinal);
        return client;
    }

    private static string CompanyId(string membersHtml, string taxId)
    {
        var row = membersHtml[membersHtml.IndexOf($"data-testid=\"member-{taxId}\"", StringComparison.Ordinal)..];
        return System.Text.RegularExpressions.Regex.Match(row, "id=([0-9a-f-]{36})&amp;handler=Approve").Groups[1].Value;
    }

    [Fact]
    public async Task Applicant_IsPendingUntilApproved_ThenSignsIn_AndIsEmailedBothTimes()
    {
        var (taxId, account, email) = NewApplicant();
        await RegisterAsync(taxId, account, email);
        await app.Mail.WaitForAsync(email, "已收到");

        var pending = await LoginAsync(Browser(), account, "Factory-Pass-2024");
        Assert.Contains("審核中", pending, StringComparison.Ordinal);

        var op = await OperatorAsync();
        var members = await op.GetStringAsync("/operator/members?status=Pending");
        Assert.Contains("光輝電鍍股份有限公司", members, StringComparison.Ordinal);
        var approved = await Forms.PostAsync(op, $"/operator/members?id={CompanyId(members, taxId)}", [], handler: "Approve");
        var approvedHtml = await approved.Content.ReadAsStringAsync();
        Assert.True(approvedHtml.Contains("已通知申請者", StringComparison.Ordinal), $"{approved.RequestMessage?.RequestUri} {(int)approved.StatusCode}: {approvedHtml}");

        var mail = await app.Mail.WaitForAsync(email, "已通過");
        Assert.Contains("/login", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        var me = Browser();
        var home = await LoginAsync(me, account, "Factory-Pass-2024");
        Assert.Contains("光輝電鍍股份有限公司", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejection_NeedsAReason_IsEmailed_AndIsShownAtSignIn()
    {
        var (taxId, account, email) = NewApplicant();
        await RegisterAsync(taxId, account, email);
        var op = await OperatorAsync();
        var id = CompanyId(await op.GetStringAsync("/operator/members?status=Pending"), taxId);

        var noReason = await (await Forms.PostAsync(op, $"/operator/members?id={id}", [new("reason", " ")], handler: "Reject")).Content.ReadAsStringAsync();
        Assert.Contains("退件須填寫原因", noReason, StringComparison.Ordinal);

        await Forms.PostAsync(op, $"/operator/members?id={id}", [new("reason", "非本會產業類別")], handler: "Reject");
        var mail = await app.Mail.WaitForAsync(email, "未通過");
        Assert.Contains("非本會產業類別", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("非本會產業類別", await LoginAsync(Browser(), account, "Factory-Pass-2024"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.TaxId", "12345678", "TaxId")]
    [InlineData("Input.Email", "not-an-email", "Email")]
    [InlineData("Input.Password", "short", "Password")]
    [InlineData("Input.ConfirmPassword", "Different-Pass-2024", "ConfirmPassword")]
    [InlineData("Input.Website", "example", "Website")]
    [InlineData("Input.Region", "火星", "Region")]
    [InlineData("Input.CompanyName", "", "CompanyName")]
    public async Task BadRegistration_ShowsTheFieldError_AndSavesNothing(string field, string value, string errorField)
    {
        var (taxId, account, email) = NewApplicant();
        var form = Form(taxId, account, email).Where(f => f.Key != field).Append(new(field, value)).ToList();

        var html = await (await Forms.PostAsync(Browser(), "/register", form)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"errors\"", html, StringComparison.Ordinal);
        var input = html.IndexOf($"id=\"{errorField}\"", StringComparison.Ordinal);
        Assert.True(input > 0, $"field {errorField} not on page");
        var error = html[input..html.IndexOf("</span>", input, StringComparison.Ordinal)];
        Assert.Matches("field-error\">.+", error);
        var members = await (await OperatorAsync()).GetStringAsync("/operator/members");
        Assert.DoesNotContain($"member-{taxId}", members, StringComparison.Ordinal);
    }

    private async Task<bool> UserExistsAsync(string accountOrEmail)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByNameAsync(accountOrEmail) is not null || await users.FindByEmailAsync(accountOrEmail) is not null;
    }

    private async Task<int> CompaniesWithTaxIdAsync(string taxId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TanpanDb>().Companies.CountAsync(c => c.TaxId == taxId);
    }

    /// <summary>The answer a fresh application gets; a conflicting one must get exactly this.</summary>
    private static string Answer(string html) => System.Text.RegularExpressions.Regex.Match(html, "<section class=\"callout\" data-testid=\"submitted\">.*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    [Fact]
    public async Task RegisteredTaxId_GetsTheUsualAnswer_CreatesNothing_AndTheApplicantIsToldByEmail()
    {
        var (_, account, email) = NewApplicant();
        var fresh = Answer(await RegisterAsync(NewTaxId(), NewApplicant().Account, NewApplicant().Email));

        var html = await RegisterAsync("04595257", account, email);

        Assert.Equal(fresh, Answer(html));
        Assert.DoesNotContain("已註冊", html, StringComparison.Ordinal);
        Assert.Equal(1, await CompaniesWithTaxIdAsync("04595257"));
        Assert.False(await UserExistsAsync(account));
        var mail = await app.Mail.WaitForAsync(email, "未完成");
        Assert.Contains("統一編號 04595257 已註冊", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("04595257 is already registered", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisteredEmail_GetsTheUsualAnswer_CreatesNothing_AndTheOwnerIsToldByEmail()
    {
        var (taxId, account, email) = NewApplicant();
        await RegisterAsync(taxId, account, email);
        var (secondTaxId, secondAccount, _) = NewApplicant();

        var html = await RegisterAsync(secondTaxId, secondAccount, email);

        Assert.Equal(Answer(await RegisterAsync(NewTaxId(), NewApplicant().Account, NewApplicant().Email)), Answer(html));
        Assert.Equal(0, await CompaniesWithTaxIdAsync(secondTaxId));
        Assert.False(await UserExistsAsync(secondAccount));
        var mail = await app.Mail.WaitForAsync(email, "未完成");
        Assert.Contains("此電子郵件已有帳號", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("/forgot-password", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakenAccountName_GetsTheUsualAnswer_CreatesNothing_AndTheApplicantIsToldByEmail()
    {
        var (taxId, account, email) = NewApplicant();
        await RegisterAsync(taxId, account, email);
        var (secondTaxId, _, secondEmail) = NewApplicant();

        var html = await RegisterAsync(secondTaxId, account.ToUpperInvariant(), secondEmail);

        Assert.Equal(Answer(await RegisterAsync(NewTaxId(), NewApplicant().Account, NewApplicant().Email)), Answer(html));
        Assert.Equal(0, await CompaniesWithTaxIdAsync(secondTaxId));
        Assert.False(await UserExistsAsync(secondEmail));
        var mail = await app.Mail.WaitForAsync(secondEmail, "未完成");
        Assert.Contains("已被使用", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("register again with another", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Mail.Messages(), m => m.To.ToString().Contains(secondEmail, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? string.Empty).Contains("已收到", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FifthWrongPassword_BlocksThatAddress_EvenAgainstTheRightOne_ButNotTheOwnerElsewhere()
    {
        var (taxId, account, email) = NewApplicant();
        await RegisterAsync(taxId, account, email);
        var client = Browser();
        client.DefaultRequestHeaders.Add(TanpanApp.ClientAddressHeader, "192.0.2.66");
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("帳號或密碼錯誤，或登入嘗試過多請稍後再試", await LoginAsync(client, account, "wrong-password-" + i), StringComparison.Ordinal);
        }

        var blocked = await LoginAsync(client, account, "Factory-Pass-2024");
        Assert.Contains("帳號或密碼錯誤，或登入嘗試過多請稍後再試", blocked, StringComparison.Ordinal);
        Assert.DoesNotContain("鎖定", blocked, StringComparison.Ordinal);
        // The right password from another address gets past the password (to the company-status message).
        Assert.Contains("審核中", await LoginAsync(Browser(), account, "Factory-Pass-2024"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_LinkWorksOnce()
    {
        var (taxId, account, email) = NewApplicant();
        await RegisterAsync(taxId, account, email);
        var sent = await (await Forms.PostAsync(Browser(), "/forgot-password", [new("Email", email)])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sent\"", sent, StringComparison.Ordinal);

        var mail = await app.Mail.WaitForAsync(email, "重設密碼");
        var link = new Uri((mail.TextBody ?? string.Empty).Split('\n').First(l => l.Contains("/reset-password?", StringComparison.Ordinal)).Trim());
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        List<KeyValuePair<string, string>> fields = [new("user", query["user"]!), new("token", query["token"]!), new("Password", "Brand-New-Pass-2025")];

        var first = await (await Forms.PostAsync(Browser(), link.PathAndQuery, fields)).Content.ReadAsStringAsync();
        var second = await (await Forms.PostAsync(Browser(), link.PathAndQuery, fields)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"done\"", first, StringComparison.Ordinal);
        Assert.Contains("無效或已過期", second, StringComparison.Ordinal);
        Assert.Contains("審核中", await LoginAsync(Browser(), account, "Brand-New-Pass-2025"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_GetsTheSameAnswer_AndNoEmail()
    {
        var address = $"nobody-{Guid.NewGuid():N}@example.test";

        var html = await (await Forms.PostAsync(Browser(), "/forgot-password", [new("Email", address)])).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"sent\"", html, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.DoesNotContain(app.Mail.Messages(), m => m.To.ToString().Contains(address, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MemberPages_AreForTheOperatorOnly()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await anonymous.GetAsync("/operator/members");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/login", redirect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var demo = Browser();
        await LoginAsync(demo, TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var denied = await demo.GetAsync("/operator/members");
        Assert.EndsWith("/access-denied", denied.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"members\"", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInUser_SeesOnlyItsCompanysData_ThroughTheApi()
    {
        var (_, other) = await app.CreateCompanyAsync("別家公司");
        await other.PostAsJsonAsync("/api/v1/custom-factors", new { code = "other-steam", name = "x", value = 1, unit = "kgCO2e/t", source = "s" });
        var demo = Browser();
        await LoginAsync(demo, TanpanApp.DemoEmail, TanpanApp.DemoPassword);

        var codes = (await Problem.ReadJsonAsync(await demo.GetAsync("/api/v1/custom-factors"))).EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToArray();

        Assert.Contains("steam-park", codes);
        Assert.DoesNotContain("other-steam", codes);
    }
}
