using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Accounts;

public sealed class CompanyUsersTests_Sqlite(SqliteApp app) : CompanyUsersTests(app), IClassFixture<SqliteApp>;

public sealed class CompanyUsersTests_Postgres(PostgresApp app) : CompanyUsersTests(app), IClassFixture<PostgresApp>;

/// <summary>Company admins invite colleagues by e-mail with a role; roles limit what each may do.</summary>
public abstract class CompanyUsersTests(TanpanApp app)
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private async Task<HttpClient> AcceptInvitationAsync(HttpClient admin, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var invited = await (await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", email), new("role", role)], handler: "Invite")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"notice\"", invited, StringComparison.Ordinal);

        var mail = await app.Mail.WaitForAsync(email, "邀請");
        var link = new Uri((mail.TextBody ?? string.Empty).Split('\n').First(l => l.Contains("/reset-password?", StringComparison.Ordinal)).Trim());
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var done = await (await Forms.PostAsync(Browser(), link.PathAndQuery, [new("user", query["user"]!), new("token", query["token"]!), new("Password", "Invited-Pass-2024")])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"done\"", done, StringComparison.Ordinal);

        var client = Browser();
        var home = await (await Forms.PostAsync(client, "/login", [new("Account", email), new("Password", "Invited-Pass-2024")])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"company-name\"", home, StringComparison.Ordinal);
        return client;
    }

    [Fact]
    public async Task InvitedClerk_CanEnterData_ButNotApprove_AndViewerCanOnlyRead()
    {
        var admin = (await app.SignInAsNewCompanyUserAsync("邀請測試公司")).Client;
        var created = await Forms.PostAsync(admin, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        var url = created.RequestMessage!.RequestUri!.AbsolutePath;

        var clerk = await AcceptInvitationAsync(admin, "data-clerk");
        var clerkPage = await clerk.GetStringAsync(url);
        Assert.Contains("data-testid=\"submit\"", clerkPage, StringComparison.Ordinal);
        await Forms.PostAsync(clerk, url, [new("Comment", "")], handler: "Submit");
        Assert.DoesNotContain("data-testid=\"approve\"", await clerk.GetStringAsync(url), StringComparison.Ordinal);
        var approve = await Forms.PostAsync(clerk, url, [new("Comment", "")], handler: "Approve");
        Assert.EndsWith("/access-denied", approve.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var viewer = await AcceptInvitationAsync(admin, "viewer");
        var viewerPage = await viewer.GetStringAsync(url);
        Assert.DoesNotContain("data-testid=\"submit\"", viewerPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"results\"", viewerPage, StringComparison.Ordinal);
        var usersPage = await viewer.GetAsync("/account/users");
        Assert.EndsWith("/access-denied", usersPage.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInvitation_IsAFieldError()
    {
        var admin = (await app.SignInAsNewCompanyUserAsync("邀請測試公司 2")).Client;

        var badEmail = await (await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", "nope"), new("role", "viewer")], handler: "Invite")).Content.ReadAsStringAsync();
        var badRole = await (await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", $"x{Guid.NewGuid():N}@example.test"), new("role", "operator-admin")], handler: "Invite")).Content.ReadAsStringAsync();

        Assert.Matches("field-error\">請填有效的電子郵件", badEmail);
        Assert.Matches("field-error\">請選擇角色", badRole);
    }

    [Fact]
    public async Task InvitingAnAddressOfAnotherCompany_AnswersSent_CreatesNothing_AndTellsThatAddress()
    {
        var admin = (await app.SignInAsNewCompanyUserAsync("邀請他人公司")).Client;
        var elsewhereCompany = await app.CreateApprovedCompanyAsync("別人的公司");
        var elsewhere = await app.CreateUserAsync(elsewhereCompany, "viewer");
        var fresh = $"fresh-{Guid.NewGuid():N}@example.test";

        var taken = await (await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", elsewhere), new("role", "viewer")], handler: "Invite")).Content.ReadAsStringAsync();
        var sent = await (await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", fresh), new("role", "viewer")], handler: "Invite")).Content.ReadAsStringAsync();

        Assert.Equal(Notice(sent).Replace(fresh, "x", StringComparison.Ordinal), Notice(taken).Replace(elsewhere, "x", StringComparison.Ordinal));
        Assert.Contains($"已寄出邀請給 {elsewhere}", taken, StringComparison.Ordinal);
        Assert.DoesNotContain("已有帳號", taken, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere, Regex.Match(taken, "data-testid=\"users\".*?</table>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
        var mail = await app.Mail.WaitForAsync(elsewhere, "的邀請");
        Assert.Contains("已有碳盤帳號", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("/reset-password", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Platform.Security.AppUser>>().FindByEmailAsync(elsewhere);
        Assert.Equal(elsewhereCompany, user!.CompanyId);
    }

    [Fact]
    public async Task InvitingAColleagueAgain_SaysTheyAreAlreadyAUser()
    {
        var companyId = await app.CreateApprovedCompanyAsync("重複邀請公司");
        var admin = await app.SignInAsync(await app.CreateUserAsync(companyId), TanpanApp.CompanyUserPassword);
        var colleague = await app.CreateUserAsync(companyId, "viewer");

        var html = await (await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", colleague), new("role", "viewer")], handler: "Invite")).Content.ReadAsStringAsync();

        Assert.Matches("field-error\">此電子郵件已是本公司的使用者", html);
    }

    private static string Notice(string html) => Regex.Match(html, "data-testid=\"notice\">([^<]*)<").Groups[1].Value;

    [Fact]
    public async Task CompanyProfile_IsEditedWithFieldErrors_AndOnlyForOwnCompany()
    {
        var admin = (await app.SignInAsNewCompanyUserAsync("資料公司")).Client;
        var other = (await app.SignInAsNewCompanyUserAsync("他家公司")).Client;

        var bad = await (await Forms.PostAsync(admin, "/account/company", [new("Input.ContactName", ""), new("Input.Phone", "02-1234"), new("Input.Email", "bad"), new("Input.Address", "臺北市"), new("Input.Website", "nope")])).Content.ReadAsStringAsync();
        Assert.Contains("請填聯絡人", bad, StringComparison.Ordinal);
        Assert.Contains("請填有效的電子郵件", bad, StringComparison.Ordinal);
        Assert.Contains("網址需以", bad, StringComparison.Ordinal);

        var good = await (await Forms.PostAsync(admin, "/account/company", [new("Input.ContactName", "張經理"), new("Input.Phone", "02-1234-5678"), new("Input.Email", "esg@example.test"), new("Input.Address", "臺北市信義路 1 號"), new("Input.Region", "臺北市")])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"saved\"", good, StringComparison.Ordinal);
        Assert.Contains("張經理", await admin.GetStringAsync("/account/company"), StringComparison.Ordinal);
        Assert.DoesNotContain("張經理", await other.GetStringAsync("/account/company"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCompanysAdmin_CannotSeeOrChangeItsUsers()
    {
        var a = (await app.SignInAsNewCompanyUserAsync("A 公司")).Client;
        var b = (await app.SignInAsNewCompanyUserAsync("B 公司")).Client;
        var aUsers = await a.GetStringAsync("/account/users");
        var aUserId = Regex.Match(aUsers, "userId=([0-9a-f-]{36})").Groups[1].Value;

        var bUsers = await b.GetStringAsync("/account/users");
        Assert.DoesNotContain(aUserId, bUsers, StringComparison.Ordinal);
        var change = await Forms.PostAsync(b, $"/account/users?userId={aUserId}", [new("role", "viewer")], handler: "Role");
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
    }
}
