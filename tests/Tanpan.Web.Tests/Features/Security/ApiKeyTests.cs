using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Security;

public sealed class ApiKeyTests_Sqlite(SqliteApp app) : ApiKeyTests(app), IClassFixture<SqliteApp>;

public sealed class ApiKeyTests_Postgres(PostgresApp app) : ApiKeyTests(app), IClassFixture<PostgresApp>;

/// <summary>Company admins issue keys with scopes on a page (shown once, stored hashed, last use shown) and revoke
/// them; a key holds its scopes only, never opens a page, and a request never carries two principals.</summary>
public abstract partial class ApiKeyTests(TanpanApp app)
{
    [GeneratedRegex("data-testid=\"new-key-value\">(tpk_[A-Za-z0-9_-]+)<")]
    private static partial Regex NewKey();

    private static readonly object Order = new
    {
        orderNo = "PO-K",
        workOrderNo = "WO-K",
        date = "2024-06-05",
        quantity = 1,
        unit = "kg",
        processes = new[] { new { name = "電鍍", inputs = new[] { new { activity = "electricity.grid.tw", quantity = 10, unit = "kWh" } } } },
    };

    private static async Task<string> IssueAsync(HttpClient admin, string name, params string[] scopes)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Name", name) };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Scopes", s)));
        var page = await (await Forms.PostAsync(admin, "/account/api-keys", fields, handler: "Create")).Content.ReadAsStringAsync();
        var match = NewKey().Match(page);
        Assert.True(match.Success, "no new key on the page");
        return match.Groups[1].Value;
    }

    private HttpClient KeyClient(string key)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task AdminIssuesAKey_ItHoldsItsScopesOnly_IsShownOnce_AndRevocationEndsIt()
    {
        var (_, admin) = await app.SignInAsNewCompanyUserAsync("金鑰公司");
        var key = await IssueAsync(admin, "ERP 正式機", PermissionNames.WorkOrdersRead, PermissionNames.WorkOrdersWrite);
        var erp = KeyClient(key);

        Assert.Equal(HttpStatusCode.Created, (await erp.PostAsJsonAsync("/api/v1/work-orders", Order)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync("/api/v1/work-orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.GetAsync("/api/v1/custom-factors")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await erp.PostAsJsonAsync("/api/v1/custom-factors", new { code = "x", name = "x", value = 1, unit = "kgCO2e/kWh", source = "s" })).StatusCode);

        var list = await admin.GetStringAsync("/account/api-keys");
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains("ERP 正式機", list, StringComparison.Ordinal);
        Assert.DoesNotContain("尚未使用", list, StringComparison.Ordinal);
        var id = Regex.Match(list, "keyId=([0-9a-f-]{36})").Groups[1].Value;
        Assert.NotEmpty(id);

        await Forms.PostAsync(admin, $"/account/api-keys?keyId={id}", [], handler: "Revoke");

        Assert.Equal(HttpStatusCode.Unauthorized, (await erp.GetAsync("/api/v1/work-orders")).StatusCode);
        Assert.Contains("已撤銷", await admin.GetStringAsync("/account/api-keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyNeverOpensAPage_NorUserManagement()
    {
        var (_, admin) = await app.SignInAsNewCompanyUserAsync("金鑰公司 頁面");
        var erp = KeyClient(await IssueAsync(admin, "all", [.. Permission.ApiScopes.Select(p => p.Name)]));

        foreach (var page in new[] { "/account/users", "/account/api-keys", "/inventory", "/work-orders", "/account" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await erp.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task CookieAndKeyTogether_AreRefused_EvenForTheSameCompany()
    {
        var (_, admin) = await app.SignInAsNewCompanyUserAsync("金鑰公司 混合");
        var key = await IssueAsync(admin, "erp", PermissionNames.WorkOrdersRead);
        var (_, otherCookie) = await app.SignInAsNewCompanyUserAsync("另一家公司");

        foreach (var client in new[] { admin, otherCookie })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/work-orders");
            request.Headers.Add("X-Api-Key", key);
            var response = await client.SendAsync(request);
            var problem = await Problem.ReadJsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("principal.ambiguous", problem.GetProperty("code").GetString());
        }

        using var takeover = new HttpRequestMessage(HttpMethod.Get, "/account/users");
        takeover.Headers.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.BadRequest, (await otherCookie.SendAsync(takeover)).StatusCode);
    }

    [Fact]
    public async Task ViewersReviewersAndClerks_CannotManageKeys()
    {
        var (companyId, _) = await app.SignInAsNewCompanyUserAsync("金鑰公司 角色");
        foreach (var role in new[] { Roles.Viewer, Roles.Reviewer, Roles.DataClerk })
        {
            var client = await app.SignInAsColleagueAsync(companyId, role);
            var response = await client.GetAsync("/account/api-keys");
            Assert.Contains("/access-denied", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BadScopesOrName_AreFieldErrors()
    {
        var (_, admin) = await app.SignInAsNewCompanyUserAsync("金鑰公司 錯誤");

        var page = await (await Forms.PostAsync(admin, "/account/api-keys", [new("Name", ""), new("Scopes", "users:manage")], handler: "Create")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("data-testid=\"new-key\"", page, StringComparison.Ordinal);
        Assert.Matches("field-error\">[^<]+<", page);
    }

    [Fact]
    public async Task UnknownKey_Is401_AndAnotherCompanysKeySeesNothingOfThis()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await KeyClient("tpk_nope").GetAsync("/api/v1/work-orders")).StatusCode);
        var (_, a) = await app.SignInAsNewCompanyUserAsync("金鑰 A");
        var (_, b) = await app.SignInAsNewCompanyUserAsync("金鑰 B");
        var keyA = KeyClient(await IssueAsync(a, "a", PermissionNames.WorkOrdersRead, PermissionNames.WorkOrdersWrite));
        var keyB = KeyClient(await IssueAsync(b, "b", PermissionNames.WorkOrdersRead));
        var id = (await Problem.ReadJsonAsync(await keyA.PostAsJsonAsync("/api/v1/work-orders", Order), HttpStatusCode.Created)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await keyB.GetAsync($"/api/v1/work-orders/{id}")).StatusCode);
        Assert.Equal(0, (await Problem.ReadJsonAsync(await keyB.GetAsync("/api/v1/work-orders"))).GetProperty("total").GetInt32());
    }
}
