using Microsoft.AspNetCore.Antiforgery;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Platform.Security;

/// <summary>For API routes that take a form or a file: a signed-in browser must send the antiforgery token, because
/// a cross-site form can post there with the user's cookie; an API key cannot be sent by another site, so key
/// callers need none.</summary>
public static class CookieAntiforgery
{
    public static TBuilder RequireAntiforgeryForCookies<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.Identity?.IsAuthenticated == true && !http.User.IsApiKey())
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return new BadRequestError("antiforgery.invalid", "A signed-in browser must send the antiforgery token (form field __RequestVerificationToken or header RequestVerificationToken) with this request; systems use an API key instead.").ToApi();
                }
            }

            return await next(context);
        });
}
