using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Tests.Features.Security;

public sealed class RoleRouteMatrixTests_Sqlite(SqliteApp app) : RoleRouteMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class RoleRouteMatrixTests_Postgres(PostgresApp app) : RoleRouteMatrixTests(app), IClassFixture<PostgresApp>;

/// <summary>Every route family against every kind of principal: anonymous, the operator, each company role, an API
/// key holding every scope and one holding only inventory:read. The expectations are written out here as the
/// product's rules (not derived from the code's permission table), and each cell is asserted.</summary>
public abstract partial class RoleRouteMatrixTests(TanpanApp app)
{
    private const string Admin = Roles.CompanyAdmin;
    private const string Clerk = Roles.DataClerk;
    private const string Reviewer = Roles.Reviewer;
    private const string Viewer = Roles.Viewer;
    private const string Operator = Roles.OperatorAdmin;
    private const string AllScopesKey = "key:all";
    private const string ReadOnlyKey = "key:inventory:read";
    private const string Anonymous = "anonymous";

    private static readonly string[] Principals = [Anonymous, Operator, Admin, Clerk, Reviewer, Viewer, AllScopesKey, ReadOnlyKey];

    private static readonly string[] CompanyRoles = [Admin, Clerk, Reviewer, Viewer];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A route, who may use it, and whether API keys (with the named scope) may.</summary>
    private sealed record RouteCase(string Method, string Path, string[] AllowedRoles, string? KeyScope, bool Page, string? Body = null, bool Public = false);

    private static IEnumerable<RouteCase> Routes(Guid inventoryId, Guid orderId)
    {
        var none = Guid.NewGuid();
        // API: keys per scope; signed-in users per role.
        yield return new("GET", "/api/v1/work-orders", CompanyRoles, PermissionNames.WorkOrdersRead, false);
        yield return new("POST", "/api/v1/work-orders", [Admin, Clerk], PermissionNames.WorkOrdersWrite, false, "{}");
        yield return new("GET", $"/api/v1/work-orders/{orderId}", CompanyRoles, PermissionNames.WorkOrdersRead, false);
        yield return new("POST", $"/api/v1/work-orders/{none}/calculate", [Admin, Clerk], PermissionNames.WorkOrdersWrite, false);
        yield return new("POST", $"/api/v1/work-orders/{none}/certify", [Admin, Clerk, Reviewer], PermissionNames.WorkOrdersCertify, false);
        yield return new("GET", $"/api/v1/work-orders/{orderId}/certificate.pdf", CompanyRoles, PermissionNames.WorkOrdersRead, false);
        yield return new("POST", "/api/v1/work-orders/import", [Admin, Clerk], PermissionNames.WorkOrdersWrite, false, "");
        yield return new("GET", "/api/v1/custom-factors", CompanyRoles, PermissionNames.FactorsRead, false);
        yield return new("POST", "/api/v1/custom-factors", [Admin, Clerk], PermissionNames.FactorsWrite, false, "{}");
        yield return new("DELETE", $"/api/v1/custom-factors/{none}", [Admin, Clerk], PermissionNames.FactorsWrite, false);
        yield return new("POST", "/api/v1/calculations/inventory", [], null, false, "{}", Public: true);
        yield return new("POST", "/api/v1/calculations/footprint", [], null, false, "{}", Public: true);
        yield return new("POST", "/api/v1/calculations/storage", [], null, false, "{}", Public: true);
        yield return new("POST", "/api/v1/calculations/carbon-fee", [], null, false, "{}", Public: true);
        yield return new("POST", "/api/v1/calculations/cbam", [], null, false, "{}", Public: true);
        yield return new("POST", "/api/v1/calculations/us-cca", [], null, false, "{}", Public: true);
        yield return new("POST", "/api/v1/calculations/power-obligation", [], null, false, "{}", Public: true);
        yield return new("GET", "/api/v1/factors?activity=fuel.diesel&year=2024", [], null, false, Public: true);
        yield return new("GET", "/api/v1/tariffs", [], null, false, Public: true);
        yield return new("GET", "/api/v1/tariffs/taipower-hv-3tou?date=2025-07-15", [], null, false, Public: true);

        yield return new("GET", "/api/v1/meters", CompanyRoles, PermissionNames.MetersRead, false);
        yield return new("POST", "/api/v1/meters", [Admin, Clerk], PermissionNames.MetersWrite, false, "{}");
        yield return new("GET", "/api/v1/meters/NOPE", CompanyRoles, PermissionNames.MetersRead, false);
        yield return new("POST", "/api/v1/meters/NOPE/readings", [Admin, Clerk], PermissionNames.MetersWrite, false, "{}");
        yield return new("GET", "/api/v1/meters/NOPE/series", CompanyRoles, PermissionNames.MetersRead, false);
        yield return new("GET", "/api/v1/meters/NOPE/anomalies", CompanyRoles, PermissionNames.MetersRead, false);
        yield return new("GET", "/api/v1/meters/quarantine", CompanyRoles, PermissionNames.MetersRead, false);
        yield return new("POST", $"/api/v1/meters/quarantine/{none}/replay", [Admin, Clerk], PermissionNames.MetersWrite, false);
        yield return new("GET", "/api/v1/meters/live/snapshot", CompanyRoles, PermissionNames.MetersRead, false);
        yield return new("GET", "/api/v1/reduction", CompanyRoles, PermissionNames.ReductionRead, false);
        yield return new("PUT", "/api/v1/reduction/plan", [Admin, Clerk], PermissionNames.ReductionWrite, false, "{}");
        yield return new("GET", "/api/v1/reduction/measures", CompanyRoles, PermissionNames.ReductionRead, false);
        yield return new("GET", $"/api/v1/reduction/measures/{none}", CompanyRoles, PermissionNames.ReductionRead, false);
        yield return new("POST", "/api/v1/reduction/measures", [Admin, Clerk], PermissionNames.ReductionWrite, false, "{}");
        yield return new("PUT", $"/api/v1/reduction/measures/{none}", [Admin, Clerk], PermissionNames.ReductionWrite, false, "{}");
        yield return new("DELETE", $"/api/v1/reduction/measures/{none}", [Admin, Clerk], PermissionNames.ReductionWrite, false);
        yield return new("GET", "/api/v1/exposure", CompanyRoles, PermissionNames.ExposureRead, false);
        yield return new("GET", "/api/v1/exposure/cbam-communication.csv", CompanyRoles, PermissionNames.ExposureRead, false);
        // Pages: people only.
        yield return new("GET", "/energy", CompanyRoles, null, true);
        yield return new("GET", "/energy/meters", CompanyRoles, null, true);
        yield return new("GET", "/energy/storage", CompanyRoles, null, true);
        yield return new("GET", "/reduction", CompanyRoles, null, true);
        yield return new("GET", "/exposure", CompanyRoles, null, true);
        yield return new("GET", "/exposure?handler=Communication&format=csv", CompanyRoles, null, true);
        yield return new("POST", "/exposure?handler=Settings", [Admin, Clerk], null, true, "Input.EuaPrices=x");
        yield return new("POST", "/exposure?handler=Good", [Admin, Clerk], null, true, "Good.Name=");
        yield return new("POST", $"/exposure?handler=DeleteGood&id={none}", [Admin, Clerk], null, true);
        yield return new("POST", "/reduction?handler=Settings", [Admin, Clerk], null, true, "Input.TargetYears=x");
        yield return new("POST", $"/reduction?handler=Delete&id={none}", [Admin, Clerk], null, true);
        yield return new("GET", "/reduction/measures/new", [Admin, Clerk], null, true);
        yield return new("POST", "/reduction/measures/new", [Admin, Clerk], null, true, "Input.Name=");
        yield return new("GET", $"/reduction/measures/{none}", [Admin, Clerk], null, true);
        yield return new("POST", "/energy/storage", CompanyRoles, null, true, "Input.Source=bills");
        yield return new("POST", "/energy/meters?handler=Create", [Admin, Clerk], null, true, "Form.Code=");
        yield return new("POST", "/energy/meters?handler=Credentials", [Admin], null, true);
        yield return new("GET", "/energy/meters/NOPE", CompanyRoles, null, true);
        yield return new("POST", "/energy/meters/NOPE?handler=Upload", [Admin, Clerk], null, true);
        yield return new("GET", "/energy/quarantine", CompanyRoles, null, true);
        yield return new("POST", $"/energy/quarantine?handler=Replay&id={none}", [Admin, Clerk], null, true);
        yield return new("POST", $"/inventory/{inventoryId}?handler=MeterTotals", [Admin, Clerk], null, true);
        yield return new("GET", "/inventory", CompanyRoles, null, true);
        yield return new("GET", $"/inventory/{inventoryId}", CompanyRoles, null, true);
        yield return new("GET", "/inventory/audit", [Admin, Reviewer], null, true);
        yield return new("POST", "/inventory", [Admin, Clerk], null, true, "Year=1800");
        yield return new("POST", $"/inventory/{inventoryId}?handler=Entry", [Admin, Clerk], null, true, "Entry.Quantity=1");
        yield return new("POST", $"/inventory/{inventoryId}?handler=Approve", [Admin, Reviewer], null, true, "Comment=");
        yield return new("POST", $"/inventory/{inventoryId}?handler=Unlock", [Admin], null, true, "Comment=");
        yield return new("POST", "/inventory/register?handler=Facility", [Admin, Clerk], null, true, "FacilityName=");
        yield return new("GET", "/dashboard", CompanyRoles, null, true);
        yield return new("GET", $"/inventory/{inventoryId}?handler=Moenv", CompanyRoles, null, true);
        yield return new("GET", $"/inventory/{inventoryId}?handler=MoenvOds", CompanyRoles, null, true);
        yield return new("POST", $"/inventory/{inventoryId}?handler=UpdateEntry&entryId={none}", [Admin, Clerk], null, true, "Entry.Quantity=1");
        yield return new("POST", $"/inventory/{inventoryId}?handler=Delete&entryId={none}", [Admin, Clerk], null, true);
        yield return new("POST", $"/inventory/register?handler=UpdateSource&sourceId={none}", [Admin, Clerk], null, true, "Source.Description=");
        yield return new("POST", $"/inventory/register?handler=DeleteSource&sourceId={none}", [Admin, Clerk], null, true);
        yield return new("GET", "/products", CompanyRoles, null, true);
        yield return new("POST", "/products", [Admin, Clerk], null, true, "Name=");
        yield return new("GET", $"/products/{none}", CompanyRoles, null, true);
        yield return new("GET", $"/products/{none}?handler=Template", CompanyRoles, null, true);
        yield return new("GET", $"/products/{none}?handler=Report", CompanyRoles, null, true);
        yield return new("POST", $"/products/{none}?handler=Line", [Admin, Clerk], null, true, "Line.Name=");
        yield return new("POST", $"/products/{none}?handler=Import", [Admin, Clerk], null, true);
        yield return new("POST", $"/products/{none}?handler=DeleteLine&lineId={none}", [Admin, Clerk], null, true);
        yield return new("POST", $"/products/{none}?handler=Information", [Admin, Clerk], null, true, "DataFrom=");
        yield return new("POST", $"/products/{none}?handler=Variant", [Admin, Clerk], null, true);
        yield return new("GET", $"/products/{none}?version=1", CompanyRoles, null, true);
        yield return new("GET", "/factors/company", CompanyRoles, null, true);
        yield return new("POST", "/factors/company", [Admin, Clerk], null, true, "Input.Code=");
        yield return new("POST", $"/factors/company?handler=Delete&factorId={none}", [Admin, Clerk], null, true);
        yield return new("GET", $"/products/{none}?handler=Report&version=1", CompanyRoles, null, true);
        yield return new("POST", $"/products/{none}?handler=Lock", [Admin, Reviewer], null, true, "note=");
        yield return new("POST", $"/products/{none}?handler=Allocate", [Admin, Clerk], null, true, "Allocate.LineNo=");
        yield return new("POST", $"/products/{none}?handler=Transport", [Admin, Clerk], null, true, "Carry.LineNo=");
        yield return new("POST", $"/products/{none}?handler=Use", [Admin, Clerk], null, true, "UsePhase.LineNo=");
        yield return new("POST", $"/products/{none}?handler=EndOfLife", [Admin, Clerk], null, true, "Disposal.LineNo=");
        yield return new("GET", "/work-orders", CompanyRoles, null, true);
        yield return new("GET", "/work-orders/new", [Admin, Clerk], null, true);
        yield return new("GET", $"/work-orders/{orderId}", CompanyRoles, null, true);
        yield return new("POST", $"/work-orders/{orderId}?handler=Certify", [Admin, Clerk, Reviewer], null, true);
        yield return new("GET", "/account/users", [Admin], null, true);
        yield return new("POST", "/account/users?handler=Invite", [Admin], null, true, "inviteEmail=");
        yield return new("GET", "/account/company", [Admin], null, true);
        yield return new("GET", "/account/api-keys", [Admin], null, true);
        yield return new("POST", "/account/api-keys?handler=Create", [Admin], null, true, "Name=");
        yield return new("GET", "/operator/members", [Operator], null, true);
        yield return new("GET", "/operator/announcements", [Operator], null, true);
        yield return new("GET", "/operator/template", [Operator], null, true);
        yield return new("GET", "/operator/pcrs", [Operator], null, true);
        yield return new("GET", "/operator/pcrs?handler=Document&id=tmba-cnc-lathe-2024&version=1.0", [Operator], null, true);
        yield return new("POST", "/operator/pcrs", [Operator], null, true);
        yield return new("GET", "/operator/tariffs", [Operator], null, true);
        yield return new("GET", "/operator/tariffs?handler=Template", [Operator], null, true);
        yield return new("POST", "/operator/tariffs", [Operator], null, true, "Note=");
        yield return new("POST", "/operator/tariffs?handler=Preview", [Operator], null, true);
        yield return new("POST", $"/operator/tariffs?handler=Withdraw&id={none}", [Operator], null, true);
        yield return new("GET", "/operator/certificate", [Operator], null, true);
        yield return new("GET", "/account", [Operator, .. CompanyRoles], null, true);
        yield return new("GET", "/exchange", CompanyRoles, null, true);
        yield return new("POST", "/exchange?handler=Publish", [Admin, Reviewer], null, true, "Version=");
        yield return new("POST", $"/exchange?handler=Answer&requestId={none}", [Admin, Reviewer], null, true);
        yield return new("POST", $"/exchange?handler=Reject&requestId={none}", [Admin, Reviewer], null, true, "RejectMessage=");
        yield return new("GET", "/exchange/clients", [Admin], null, true);
        yield return new("POST", "/exchange/clients?handler=Create", [Admin], null, true, "Name=");
        yield return new("POST", $"/exchange/clients?handler=Revoke&clientId={none}", [Admin], null, true);
        yield return new("GET", "/exchange/suppliers", CompanyRoles, null, true);
        yield return new("POST", "/exchange/suppliers?handler=Connect", [Admin], null, true, "Connection.Name=");
        yield return new("POST", $"/exchange/suppliers?handler=Fetch&connectionId={none}", [Admin, Clerk], null, true);
        yield return new("POST", "/exchange/suppliers?handler=Use", [Admin, Clerk], null, true, "FactorCode=");
        yield return new("GET", "/exchange/invitations", [Admin, Clerk], null, true);
        yield return new("POST", "/exchange?handler=Listing&listed=true", [Admin], null, true);
        yield return new("GET", "/operator/exchange", [Operator], null, true);
        yield return new("POST", "/exchange/invitations", [Admin, Clerk], null, true, "Email=");
        // The service portal: members read and ask for consultation; admin and clerk ask for matchmaking; the operator runs it.
        yield return new("GET", "/portal", CompanyRoles, null, true);
        yield return new("GET", "/portal/cases", CompanyRoles, null, true);
        yield return new("GET", "/portal/cases?sector=Machinery&measure=Iso50001", CompanyRoles, null, true);
        yield return new("GET", $"/portal/cases/{none}", CompanyRoles, null, true);
        yield return new("GET", "/portal/vendors", CompanyRoles, null, true);
        yield return new("GET", $"/portal/vendors/{none}", CompanyRoles, null, true);
        yield return new("POST", $"/portal/vendors/{none}", [Admin, Clerk], null, true, "Input.Need=");
        yield return new("GET", "/portal/announcements", CompanyRoles, null, true);
        yield return new("GET", "/portal/requests", CompanyRoles, null, true);
        yield return new("GET", $"/portal/requests/{none}", CompanyRoles, null, true);
        yield return new("POST", "/portal/requests?handler=Consult", CompanyRoles, null, true, "Input.Topic=");
        yield return new("GET", "/operator/portal/cases", [Operator], null, true);
        yield return new("GET", $"/operator/portal/cases?edit={none}", [Operator], null, true);
        yield return new("POST", "/operator/portal/cases", [Operator], null, true, "Input.TitleZh=");
        yield return new("POST", $"/operator/portal/cases?handler=Publish&id={none}&published=false", [Operator], null, true);
        yield return new("GET", "/operator/portal/vendors", [Operator], null, true);
        yield return new("POST", "/operator/portal/vendors", [Operator], null, true, "Input.NameZh=");
        yield return new("GET", "/operator/portal/announcements", [Operator], null, true);
        yield return new("POST", "/operator/portal/announcements", [Operator], null, true, "Input.TitleZh=");
        yield return new("POST", $"/operator/portal/announcements?handler=Delete&id={none}", [Operator], null, true);
        yield return new("GET", "/operator/portal/requests", [Operator], null, true);
        yield return new("POST", $"/operator/portal/requests?handler=Match&id={none}", [Operator], null, true, "status=Matched");
        yield return new("POST", $"/operator/portal/requests?handler=Consult&id={none}", [Operator], null, true, "status=Answered");
    }

    [Fact]
    public async Task EveryRouteFamily_AnswersEachPrincipalAsTheRulesSay()
    {
        var (companyId, admin) = await app.SignInAsNewCompanyUserAsync("矩陣公司", Admin);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anonymous] = NoRedirect(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })),
            [Operator] = await SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword),
            [Admin] = await ColleagueAsync(companyId, Admin),
            [Clerk] = await ColleagueAsync(companyId, Clerk),
            [Reviewer] = await ColleagueAsync(companyId, Reviewer),
            [Viewer] = await ColleagueAsync(companyId, Viewer),
            [AllScopesKey] = await KeyAsync(companyId, [.. Permission.ApiScopes.Select(p => p.Name)]),
            [ReadOnlyKey] = await KeyAsync(companyId, [PermissionNames.InventoryRead]),
        };

        // A submitted inventory and a work order of the company, so the handlers have something to act on.
        var created = await Tanpan.Web.Tests.Infrastructure.Forms.PostAsync(admin, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        var inventoryId = Guid.Parse(created.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1]);
        var order = await clients[AllScopesKey].PostAsync("/api/v1/work-orders", new StringContent("""{"orderNo":"P","workOrderNo":"MATRIX","date":"2024-06-05","quantity":1,"unit":"kg","processes":[{"name":"a","inputs":[{"activity":"electricity.grid.tw","quantity":1,"unit":"kWh"}]}]}""", Encoding.UTF8, "application/json"));
        var orderId = Guid.Parse(System.Text.Json.JsonDocument.Parse(await order.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);

        var failures = new List<string>();
        foreach (var route in Routes(inventoryId, orderId))
        {
            foreach (var principal in Principals)
            {
                var response = await SendAsync(clients[principal], principal, route);
                var denied = IsDenied(response);
                var expectAllowed = Expected(route, principal);
                if (denied == expectAllowed)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{route.Method} {route.Path} as {principal}: expected {(expectAllowed ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location} {body[..Math.Min(200, body.Length)]}");
                }

                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{route.Method} {route.Path} as {principal}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task SigningOut_FromTheAccountPage_Works()
    {
        var (email, password) = await app.CreateColleagueAsync((await app.SignInAsNewCompanyUserAsync("登出公司")).CompanyId, Viewer);
        var client = await SignInAsync(email, password);

        var response = await client.PostAsync("/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenAsync(client))]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(IsDenied(await client.GetAsync("/account")));
    }

    private static bool Expected(RouteCase route, string principal)
    {
        if (route.Public)
        {
            // Public routes answer everyone except a key on a page (keys are for /api only).
            return true;
        }

        return principal switch
        {
            Anonymous => false,
            AllScopesKey => !route.Page && route.KeyScope is not null,
            ReadOnlyKey => !route.Page && route.KeyScope == PermissionNames.InventoryRead,
            _ => route.AllowedRoles.Contains(principal),
        };
    }

    /// <summary>Denied: 401/403, a key on a page (400 with its code), or a browser sent to sign in or to access denied.</summary>
    private static bool IsDenied(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return true;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && response.Content.ReadAsStringAsync().Result.Contains("api-key.not-for-pages", StringComparison.Ordinal))
        {
            return true;
        }

        var location = response.Headers.Location?.ToString() ?? string.Empty;
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            && (location.Contains("/login", StringComparison.Ordinal) || location.Contains("/access-denied", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string principal, RouteCase route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Page && route.Method == "POST")
        {
            // A real browser posts with the antiforgery token of the user's session; take it from a page the user may open.
            var token = principal is Anonymous or AllScopesKey or ReadOnlyKey ? string.Empty : await TokenAsync(client);
            request.Content = new StringContent($"{route.Body}{(route.Body is null ? string.Empty : "&")}__RequestVerificationToken={Uri.EscapeDataString(token)}", Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        else if (route.Path.EndsWith("/import", StringComparison.Ordinal))
        {
            request.Content = new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.xlsx" } };
        }
        else if (route.Body is not null)
        {
            request.Content = new StringContent(route.Body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account");
        var match = TokenPattern().Match(page);
        Assert.True(match.Success, "no antiforgery token on /account: " + page[..Math.Min(3000, page.Length)]);
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<HttpClient> ColleagueAsync(Guid companyId, string role)
    {
        var (email, password) = await app.CreateColleagueAsync(companyId, role);
        return await SignInAsync(email, password);
    }

    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/login");
        var token = System.Net.WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value);
        var response = await client.PostAsync("/login", new FormUrlEncodedContent([new("Account", email), new("Password", password), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<HttpClient> KeyAsync(Guid companyId, string[] scopes)
    {
        var secret = ApiKeys.Generate();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Tanpan.Web.Data.TanpanDb>();
            db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), CompanyId = companyId, Name = "matrix", KeyHash = ApiKeys.Hash(secret), Prefix = ApiKeys.PrefixOf(secret), Scopes = ApiKeyScopes.Format(scopes), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    private static HttpClient NoRedirect(HttpClient client) => client;
}
