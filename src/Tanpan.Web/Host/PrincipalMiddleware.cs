using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Host;

/// <summary>Establishes the request's one principal and enters its <see cref="TenantScope"/>: an API key (systems,
/// <c>/api</c> only) or the signed-in user's cookie (people) — never both, because a key must not borrow a person's
/// roles nor a person a key's company. A key that is present but unknown or revoked is rejected, not ignored.</summary>
public sealed class PrincipalMiddleware(RequestDelegate next)
{
    public const string Header = "X-Api-Key";

    // Writing the last-use time on every call would turn every read into a write; a minute is precise enough to see
    // which keys are alive.
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext context, TenantScope tenant)
    {
        // The exception handler re-runs the pipeline for its error page with the principal already established; a
        // second pass would see the key's identity as a sign-in and answer "ambiguous" instead of the 500.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }

        // PACT partners present a bearer token from /auth/token, and only that (the protocol's one way in).
        var pactPath = Features.Pact.PactEndpoints.IsPactPath(context.Request.Path);
        // PACT is HTTPS only: over plain HTTP (the app's other address) neither a secret nor a token is accepted.
        // Behind a TLS-terminating proxy, forwarded headers make the request HTTPS again; Pact:RequireHttps=false lifts it.
        if ((pactPath || context.Request.Path.StartsWithSegments("/auth/token", StringComparison.Ordinal)) && !context.Request.IsHttps
            && context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Pact:RequireHttps", true))
        {
            await new ForbiddenError("pact.https-only", "PACT routes are served over HTTPS only.").ToPact(context.Request.Path.StartsWithSegments("/2", StringComparison.Ordinal) ? 2 : 3).ExecuteAsync(context);
            return;
        }

        if (pactPath)
        {
            var pactError = context.Request.Headers.ContainsKey(Header)
                ? new BadRequestError("api-key.not-for-pact", $"PACT routes take a bearer token from /auth/token, not an {Header} header.")
                : await Features.Pact.PactAuth.AuthenticateAsync(context, tenant);
            if (pactError is not null)
            {
                await pactError.ToPact(context.Request.Path.StartsWithSegments("/3", StringComparison.Ordinal) ? 3 : 2).ExecuteAsync(context);
                return;
            }

            await next(context);
            return;
        }

        if (context.Request.Headers.TryGetValue(Header, out var values) && values.Count > 0)
        {
            var error = await AuthenticateKeyAsync(context, tenant, values.Count == 1 ? values[0] : null);
            if (error is not null)
            {
                await error.ToApi().ExecuteAsync(context);
                return;
            }
        }
        else if (context.User.Identity is { IsAuthenticated: true } identity)
        {
            var company = context.User.FindFirst(TanpanClaims.Company)?.Value;
            tenant.Enter(Guid.TryParse(company, out var companyId) ? companyId : null, identity.Name ?? "user", PrincipalKind.User);
        }

        await next(context);
    }

    private static async Task<Error?> AuthenticateKeyAsync(HttpContext context, TenantScope tenant, string? key)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return new BadRequestError("principal.ambiguous", $"The request carries both a sign-in cookie and an {Header} header. Send one: the API key (systems) or the sign-in (people), not both.");
        }

        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return new BadRequestError("api-key.not-for-pages", $"The {Header} header is accepted on /api/v1 routes only; pages are for signed-in people.");
        }

        if (string.IsNullOrWhiteSpace(key) || key.Length > ApiKeys.MaxLength)
        {
            return new UnauthorizedError("api-key.invalid", $"The {Header} header must hold exactly one key.");
        }

        var db = context.RequestServices.GetRequiredService<TanpanDb>();
        var hash = ApiKeys.Hash(key);
        // Keys are looked up before a tenant exists, so the filter is bypassed explicitly here and only here.
        var found = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAtUtc == null, context.RequestAborted);
        if (found is null)
        {
            return new UnauthorizedError("api-key.invalid", $"The {Header} header does not match an active key.");
        }

        context.User = ApiKeyPrincipal.Create(found);
        tenant.Enter(found.CompanyId, "api-key:" + found.Prefix, PrincipalKind.ApiKey);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (found.LastUsedAtUtc is not { } last || now - last >= LastUseResolution)
        {
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), context.RequestAborted);
        }

        return null;
    }
}
