using Scalar.AspNetCore;

namespace Tanpan.Web.Platform.Security;

/// <summary>Security headers on every response: pages, API, static files, 404s and errors alike. They are set when
/// the response starts, so a response that the exception handler or the rate limiter rewrote still carries them.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>No inline script or style anywhere: behaviour lives in <c>/js</c>, looks in <c>/css</c>.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/api-docs";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase)
            && context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce
                ? ApiReferencePolicy(nonce)
                : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        // Only over TLS: an HSTS header on plain HTTP is ignored by browsers and would mislead a reader of the headers.
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
    }

    /// <summary>The interactive API reference (Scalar) boots itself from one inline module script, which carries a fresh
    /// per-request nonce, so scripts stay as strict as elsewhere. Its UI framework sets styles at run time (injected
    /// &lt;style&gt; elements and style attributes), which a nonce cannot cover, so only this one HTML page allows inline
    /// styles; it shows no user content, so an injected style has nothing to restyle or exfiltrate.</summary>
    public static string ApiReferencePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
