using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Tanpan.Web.Tests.Platform;

/// <summary>An app with one route that fails, to see the error response carry the headers too.</summary>
public sealed class FailingRouteApp() : TanpanApp(Provider.Sqlite)
{
    public const string FailingPath = "/__test/fail";

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, FailingRoute>();

    // Added after the app's own pipeline: reached only when no endpoint matched, and its exception travels back
    // through the app's exception handler like a defect in a page would.
    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == FailingPath ? throw new InvalidOperationException("test failure") : nextMiddleware(context));
        };
    }
}

/// <summary>Every response carries the CSP, nosniff and Referrer-Policy headers; HSTS only over HTTPS; pages hold no
/// inline script or style, so the strict policy does not break them.</summary>
public sealed class SecurityHeadersTests(FailingRouteApp app) : IClassFixture<FailingRouteApp>
{
    private const string StrictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static TheoryData<string, string, int> Responses => new()
    {
        { "GET", "/", 200 },
        { "GET", "/login", 200 },
        { "GET", "/calculator", 200 },
        { "GET", "/api/v1/factors?activity=fuel.diesel&year=2024&gwpSet=AR5", 200 },
        { "GET", "/openapi/v1.json", 200 },
        { "GET", "/css/site.css", 200 },
        { "GET", "/js/site.js", 200 },
        { "GET", "/factors", 200 },
        { "GET", "/no-such-page", 404 },
        { "GET", "/api/v1/no-such-route", 404 },
        { "POST", "/api/v1/calculations/inventory", 400 },
        { "GET", "/api/v1/custom-factors", 401 },
        { "GET", "/inventory", 302 },
        { "GET", FailingRouteApp.FailingPath, 500 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string method, string path, int status)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{ not json", Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Null(Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Https_AddsHsts_AndPlainHttpDoesNot()
    {
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        Assert.Equal("max-age=31536000", Header(await https.GetAsync("/"), "Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Header(await https.GetAsync("/no-such-page"), "Strict-Transport-Security"));
        Assert.Null(Header(await http.GetAsync("/"), "Strict-Transport-Security"));
    }

    [Fact]
    public async Task ApiReference_AllowsOnlyItsOwnNoncedScript()
    {
        var response = await app.CreateClient().GetAsync("/api-docs/");
        var html = await response.Content.ReadAsStringAsync();
        var policy = Header(response, "Content-Security-Policy")!;

        var nonce = Regex.Match(policy, "script-src 'self' 'nonce-([A-Za-z0-9_\\-+/=]{16,})'").Groups[1].Value;
        Assert.NotEqual(string.Empty, nonce);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        var inlineScripts = Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>");
        Assert.NotEmpty(inlineScripts);
        Assert.All(inlineScripts, m => Assert.Contains($"nonce=\"{nonce}\"", m.Value, StringComparison.Ordinal));
        var next = Header(await app.CreateClient().GetAsync("/api-docs/"), "Content-Security-Policy")!;
        Assert.DoesNotContain(nonce, next, StringComparison.Ordinal);
        Assert.Equal(StrictPolicy, Header(await app.CreateClient().GetAsync("/"), "Content-Security-Policy"));
    }

    public static TheoryData<string> PublicPages => ["/", "/calculator", "/login", "/register", "/forgot-password", "/contact", "/factors", "/factors?q=柴油", "/calculator?lang=en"];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Pages_HaveNoInlineScriptOrStyle(string path)
    {
        var html = await app.CreateClient().GetStringAsync(path);

        AssertNoInlineCode(html);
    }

    [Fact]
    public async Task SignedInPages_HaveNoInlineScriptOrStyle()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var signIn = await Infrastructure.Forms.PostAsync(client, "/login", [new("Account", TanpanApp.OperatorEmail), new("Password", TanpanApp.OperatorPassword)]);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        foreach (var path in new[] { "/account", "/operator/members", "/operator/announcements", "/operator/template", "/operator/certificate" })
        {
            AssertNoInlineCode(await client.GetStringAsync(path));
        }
    }

    private static void AssertNoInlineCode(string html)
    {
        Assert.DoesNotMatch("\\sstyle\\s*=", html);
        Assert.DoesNotMatch("<style", html);
        Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
        Assert.DoesNotMatch("javascript:", html);
        Assert.Empty(Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
