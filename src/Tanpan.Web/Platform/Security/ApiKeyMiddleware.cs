using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Platform.Security;

/// <summary>Resolves the request's company: from an <c>X-Api-Key</c> header (systems) or the signed-in user's
/// company claim (people). A key that is present but unknown is rejected rather than treated as anonymous.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next)
{
    public const string Header = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.Request.Headers.TryGetValue(Header, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
        {
            // The DbContext is resolved only when a key is sent: anonymous requests never pay for it.
            var db = context.RequestServices.GetRequiredService<TanpanDb>();
            var hash = DatabaseInitializer.HashKey(values[0]!);
            // The key table is looked up before a tenant exists, so the filter is bypassed explicitly here and only here.
            var companyId = await db.ApiKeys.IgnoreQueryFilters()
                .Where(k => k.KeyHash == hash && k.RevokedAtUtc == null)
                .Select(k => (Guid?)k.CompanyId)
                .FirstOrDefaultAsync(context.RequestAborted);
            if (companyId is null)
            {
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid API key", detail: $"The {Header} header does not match an active key.").ExecuteAsync(context);
                return;
            }

            tenant.SetCompany(companyId.Value);
        }
        else if (context.User.FindFirst(Features.Accounts.AccountServices.CompanyClaim)?.Value is { } claim && Guid.TryParse(claim, out var fromCookie))
        {
            tenant.SetCompany(fromCookie);
        }

        await next(context);
    }
}
