using System.Net;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Accounts;

/// <summary>An app whose account forms allow only a few posts per address and minute.</summary>
public sealed class AccountRateLimitedApp() : TanpanApp(Provider.Sqlite)
{
    public const int Limit = 3;

    protected override int AccountFormsPerMinute => Limit;
}

/// <summary>Sign-in, reset requests, registration and invitations are limited per address: past the limit a 429
/// with Retry-After and a page in the visitor's language; other addresses, and showing the forms, are unaffected.
/// (The limiter is in memory and answers before any storage is touched, so SQLite alone shows it.)</summary>
public sealed class AccountRateLimitTests(AccountRateLimitedApp app) : IClassFixture<AccountRateLimitedApp>
{
    private static int _address;

    private static string NewAddress() => $"203.0.113.{Interlocked.Increment(ref _address)}";

    public static TheoryData<string, string> Forms_ => new()
    {
        { "/login", "Account=nobody@example.test&Password=Wrong-Pass-2024" },
        { "/forgot-password", "Email=nobody@example.test" },
        { "/register", "Input.CompanyName=x" },
    };

    [Theory]
    [MemberData(nameof(Forms_))]
    public async Task PostsBeyondTheLimit_Get429WithRetryAfter_ForThatAddressOnly(string page, string fields)
    {
        var address = NewAddress();
        var client = app.Browser(address);
        var form = fields.Split('&').Select(f => f.Split('=', 2)).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1])).ToList();

        for (var i = 0; i < AccountRateLimitedApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(client, page, form)).StatusCode);
        }

        var limited = await Forms.PostAsync(client, page, form);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"too-many-requests\"", html, StringComparison.Ordinal);
        Assert.Contains($"請於 {retryAfter} 秒後再試", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", string.Join(" ", limited.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        var english = await Forms.PostAsync(client, page + "?lang=en", form);
        Assert.Contains("Too many attempts from this address", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(app.Browser(NewAddress()), page, form)).StatusCode);
    }

    [Fact]
    public async Task InvitationsBeyondTheLimit_Get429_RoleChangesDoNot()
    {
        var address = NewAddress();
        var companyId = await app.CreateApprovedCompanyAsync("限流公司");
        var admin = await app.SignInAsync(await app.CreateUserAsync(companyId), TanpanApp.CompanyUserPassword, address);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AccountRateLimitedApp.Limit; i++)
        {
            statuses.Add((await Forms.PostAsync(admin, "/account/users", [new("inviteEmail", $"invitee-{Guid.NewGuid():N}@example.test"), new("role", "viewer")], handler: "Invite")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, AccountRateLimitedApp.Limit), HttpStatusCode.TooManyRequests], statuses);
        var userId = System.Text.RegularExpressions.Regex.Match(await admin.GetStringAsync("/account/users"), "userId=([0-9a-f-]{36})").Groups[1].Value;
        for (var i = 0; i <= AccountRateLimitedApp.Limit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Forms.PostAsync(admin, $"/account/users?userId={userId}", [new("role", "company-admin")], handler: "Role")).StatusCode);
        }
    }
}
