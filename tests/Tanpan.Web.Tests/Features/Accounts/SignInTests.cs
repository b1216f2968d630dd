using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Accounts;

/// <summary>The app on a clock the test moves, with a low per-account ceiling so it is reached in a few attempts.</summary>
public abstract class ClockedApp(Provider provider) : TanpanApp(provider)
{
    public const int AccountCeiling = 8;

    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SignInThrottle:MaxFailuresPerAccount", AccountCeiling.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class ClockedApp_Sqlite() : ClockedApp(Provider.Sqlite);

public sealed class ClockedApp_Postgres() : ClockedApp(Provider.Postgres);

public sealed class SignInTests_Sqlite(ClockedApp_Sqlite app) : SignInTests(app), IClassFixture<ClockedApp_Sqlite>;

public sealed class SignInTests_Postgres(ClockedApp_Postgres app) : SignInTests(app), IClassFixture<ClockedApp_Postgres>;

/// <summary>DESIGN §7: sign-in is throttled per account and per address, messages do not tell whether an account
/// exists, reset links expire, and a password or role change ends the other sessions.</summary>
public abstract partial class SignInTests(ClockedApp app)
{
    private const string Refused = "帳號或密碼錯誤，或登入嘗試過多請稍後再試";

    private static int _address;

    /// <summary>A documentation-range address no other test uses.</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref _address);
        return $"198.51.{n / 250}.{n % 250 + 1}";
    }

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)</span>")]
    private static partial Regex LoginError();

    private async Task<(bool SignedIn, string Error)> TryAsync(string account, string password, string address)
    {
        var response = await Forms.PostAsync(app.Browser(address), "/login", [new("Account", account), new("Password", password)]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (html.Contains("data-testid=\"nav-account\"", StringComparison.Ordinal), System.Net.WebUtility.HtmlDecode(LoginError().Match(html).Groups[1].Value));
    }

    private async Task<string> NewUserAsync(string role = Web.Platform.Security.Roles.CompanyAdmin) =>
        await app.CreateUserAsync(await app.CreateApprovedCompanyAsync("登入測試公司"), role);

    private async Task<List<KeyValuePair<string, string>>> ResetLinkAsync(string email)
    {
        var before = MailTo(email).Select(m => m.MessageId).ToHashSet();
        var sent = await (await Forms.PostAsync(app.Browser(NewAddress()), "/forgot-password", [new("Email", email)])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sent\"", sent, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        MimeKit.MimeMessage? mail;
        while ((mail = MailTo(email).FirstOrDefault(m => !before.Contains(m.MessageId))) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no reset e-mail to {email}");
            await Task.Delay(50);
        }

        var link = new Uri((mail.TextBody ?? string.Empty).Split('\n').First(l => l.Contains("/reset-password?", StringComparison.Ordinal)).Trim());
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return [new("user", query["user"]!), new("token", query["token"]!)];
    }

    private IEnumerable<MimeKit.MimeMessage> MailTo(string email) =>
        app.Mail.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(email, StringComparison.OrdinalIgnoreCase)));

    private async Task<string> ResetAsync(List<KeyValuePair<string, string>> link, string password)
    {
        var page = $"/reset-password?user={link[0].Value}&token={Uri.EscapeDataString(link[1].Value)}";
        return await (await Forms.PostAsync(app.Browser(NewAddress()), page, [.. link, new("Password", password)])).Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task UnknownAccount_WrongPassword_AndThrottledAttempt_GetTheSameAnswer()
    {
        var email = await NewUserAsync();
        var address = NewAddress();

        var unknown = await TryAsync($"nobody-{Guid.NewGuid():N}@example.test", "Whatever-Pass-1", NewAddress());
        var wrong = await TryAsync(email, "Wrong-Pass-2024", address);
        for (var i = 0; i < 4; i++)
        {
            await TryAsync(email, "Wrong-Pass-2024", address);
        }

        var throttledWrong = await TryAsync(email, "Wrong-Pass-2024", address);
        var throttledRight = await TryAsync(email, TanpanApp.CompanyUserPassword, address);

        Assert.All(new[] { unknown, wrong, throttledWrong, throttledRight }, r => Assert.Equal((false, Refused), r));
    }

    [Fact]
    public async Task UnknownAccount_TakesAboutAsLongAsAWrongPassword()
    {
        var email = await NewUserAsync();
        await TryAsync(email, "Warm-Up-Pass-1", NewAddress());
        await TryAsync("warm-up-nobody", "Warm-Up-Pass-1", NewAddress());
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(await TimeAsync(() => TryAsync(email, "Wrong-Pass-2024", NewAddress())));
            unknown.Add(await TimeAsync(() => TryAsync($"nobody-{Guid.NewGuid():N}", "Wrong-Pass-2024", NewAddress())));
        }

        // Without the stand-in hash an unknown account answers in a small fraction of the time (no PBKDF2 run).
        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio is > 0.5 and < 2.0, $"unknown {Median(unknown):F1} ms vs known {Median(known):F1} ms");

        static async Task<double> TimeAsync(Func<Task> attempt)
        {
            var watch = Stopwatch.StartNew();
            await attempt();
            return watch.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Fact]
    public async Task FiveFailuresFromOneAddress_BlockOnlyThatAddress_ForFifteenMinutes()
    {
        var email = await NewUserAsync();
        var stranger = NewAddress();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal((false, Refused), await TryAsync(email, "Guess-Pass-" + i, stranger));
        }

        Assert.False((await TryAsync(email, TanpanApp.CompanyUserPassword, stranger)).SignedIn);
        Assert.True((await TryAsync(email, TanpanApp.CompanyUserPassword, NewAddress())).SignedIn, "the owner, elsewhere, is not locked out");

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False((await TryAsync(email, TanpanApp.CompanyUserPassword, stranger)).SignedIn);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True((await TryAsync(email, TanpanApp.CompanyUserPassword, stranger)).SignedIn, "the block lasts 15 minutes");
    }

    [Fact]
    public async Task FailuresFromManyAddresses_BlockTheAccountEverywhere_UntilAPasswordReset()
    {
        var email = await NewUserAsync();
        var bystander = await NewUserAsync();
        for (var i = 0; i < ClockedApp.AccountCeiling; i++)
        {
            await TryAsync(email, "Guess-Pass-" + i, NewAddress());
        }

        Assert.False((await TryAsync(email, TanpanApp.CompanyUserPassword, NewAddress())).SignedIn);
        Assert.True((await TryAsync(bystander, TanpanApp.CompanyUserPassword, NewAddress())).SignedIn, "other accounts are not affected");

        Assert.Contains("data-testid=\"done\"", await ResetAsync(await ResetLinkAsync(email), "Reset-Pass-2025"), StringComparison.Ordinal);
        Assert.True((await TryAsync(email, "Reset-Pass-2025", NewAddress())).SignedIn, "a reset lifts the block");
    }

    [Fact]
    public async Task AccountCeiling_LiftsWhenTheFailuresAreAnHourOld()
    {
        var email = await NewUserAsync();
        for (var i = 0; i < ClockedApp.AccountCeiling; i++)
        {
            await TryAsync(email, "Guess-Pass-" + i, NewAddress());
        }

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False((await TryAsync(email, TanpanApp.CompanyUserPassword, NewAddress())).SignedIn);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True((await TryAsync(email, TanpanApp.CompanyUserPassword, NewAddress())).SignedIn);
    }

    [Fact]
    public async Task ResetLink_WorksForTwoHours_ThenNotAnyMore()
    {
        var email = await NewUserAsync();

        var late = await ResetLinkAsync(email);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Contains("無效或已過期", await ResetAsync(late, "Late-Pass-2025"), StringComparison.Ordinal);

        var inTime = await ResetLinkAsync(email);
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(59));
        Assert.Contains("data-testid=\"done\"", await ResetAsync(inTime, "InTime-Pass-2025"), StringComparison.Ordinal);
        Assert.True((await TryAsync(email, "InTime-Pass-2025", NewAddress())).SignedIn);
    }

    [Fact]
    public async Task IdentityPasswordRules_AreInChinese_AndInEnglishOnEnglishPages()
    {
        var email = await NewUserAsync();
        var link = await ResetLinkAsync(email);

        var zh = WebUtility.HtmlDecode(await ResetAsync(link, "short1"));
        Assert.Contains("密碼至少需 10 個字元", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", zh, StringComparison.Ordinal);

        var page = $"/reset-password?user={link[0].Value}&token={Uri.EscapeDataString(link[1].Value)}&lang=en";
        var en = WebUtility.HtmlDecode(await (await Forms.PostAsync(app.Browser(NewAddress()), page, [.. link, new("Password", "short1")])).Content.ReadAsStringAsync());
        Assert.Contains("Passwords must be at least 10 characters", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_SignsOutTheOtherSessions_AfterTheValidationInterval()
    {
        var email = await NewUserAsync();
        var page = await SessionAsync(email, TanpanApp.CompanyUserPassword);
        var api = await SessionAsync(email, TanpanApp.CompanyUserPassword);
        var bystander = await SessionAsync(await NewUserAsync(), TanpanApp.CompanyUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/custom-factors")).StatusCode);

        Assert.Contains("data-testid=\"done\"", await ResetAsync(await ResetLinkAsync(email), "After-Reset-2025"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/account")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(31));

        var signedOut = await page.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/login", new Uri(new Uri("http://localhost"), signedOut.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/custom-factors")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task RoleChange_SignsOutTheMembersSessions_AfterTheValidationInterval()
    {
        var companyId = await app.CreateApprovedCompanyAsync("角色變更公司");
        var admin = await SessionAsync(await app.CreateUserAsync(companyId), TanpanApp.CompanyUserPassword);
        var memberEmail = await app.CreateUserAsync(companyId, Web.Platform.Security.Roles.Viewer);
        var member = await SessionAsync(memberEmail, TanpanApp.CompanyUserPassword);
        Guid userId;
        using (var scope = app.Services.CreateScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Platform.Security.AppUser>>().FindByEmailAsync(memberEmail))!.Id;
        }


        var changed = await Forms.PostAsync(admin, $"/account/users?userId={userId}", [new("role", Web.Platform.Security.Roles.DataClerk)], handler: "Role");
        Assert.Contains("data-testid=\"notice\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/account")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Redirect, (await member.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/account")).StatusCode);
        var again = await app.SignInAsync(memberEmail, TanpanApp.CompanyUserPassword, NewAddress());
        Assert.Contains("資料填報員", await again.GetStringAsync("/account"), StringComparison.Ordinal);
    }

    /// <summary>A session whose redirects are seen as such (a sign-out shows as the redirect to /login).</summary>
    private async Task<HttpClient> SessionAsync(string email, string password)
    {
        var client = app.Browser(NewAddress(), followRedirects: false);
        var response = await Forms.PostAsync(client, "/login", [new("Account", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // A member lands on the company dashboard.
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);
        return client;
    }
}
