using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

/// <summary>OAuth2 client credentials for PACT partners (the Technical Specifications' Authentication flow): a client
/// id and secret, sent with HTTP Basic to <c>/auth/token</c>, buy an opaque bearer token valid for an hour.</summary>
public static class PactAuth
{
    public const string AuthenticationType = "PactClient";
    public const string ClientClaim = "tanpan:pact-client";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public static string NewClientId() => "tpc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string NewSecret() => "tps_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Secrets and tokens are 256 random bits, so a fast hash is enough: there is nothing to guess.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>The partner's request for a token. Errors follow RFC 6749 §5.2 (<c>{"error": …}</c>), not PACT's
    /// error body: this is the OAuth endpoint.</summary>
    public static async Task<IResult> IssueTokenAsync(HttpContext http, TanpanDb db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (!http.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "The body must be application/x-www-form-urlencoded with grant_type=client_credentials.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        var (clientId, secret) = BasicCredentials(http.Request.Headers.Authorization.ToString());
        if (clientId is null && form.TryGetValue("client_id", out var bodyId) && form.TryGetValue("client_secret", out var bodySecret))
        {
            (clientId, secret) = (bodyId.ToString(), bodySecret.ToString());
        }

        if (clientId is null || secret is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"tanpan\"";
            return OAuthError(401, "invalid_client", "Send the client id and secret with HTTP Basic authentication.");
        }

        if (form["grant_type"].ToString() != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials.");
        }

        // Looked up before any tenant exists: the client id names the company.
        var client = clientId.Length > 64 ? null : await db.Set<PactClient>().IgnoreQueryFilters()
            .FirstOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAtUtc == null, ct);
        if (client is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(client.SecretHash), Encoding.ASCII.GetBytes(Hash(secret))))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"tanpan\"";
            return OAuthError(401, "invalid_client", "The client id or secret is not valid.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = "tpa_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        await db.Set<PactAccessToken>().Where(t => t.PactClientId == client.Id && t.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
        db.Set<PactAccessToken>().Add(new PactAccessToken { CompanyId = client.CompanyId, PactClientId = client.Id, TokenHash = Hash(token), ExpiresAtUtc = now + TokenLifetime });
        await db.Set<PactClient>().IgnoreQueryFilters().Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAtUtc, now), ct);
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new TokenResponse(token, "Bearer", (int)TokenLifetime.TotalSeconds), contentType: "application/json");
    }

    /// <summary>The request's one principal on <c>/2</c> and <c>/3</c>: the bearer token's client, in its company.</summary>
    public static async Task<Error?> AuthenticateAsync(HttpContext http, TenantScope tenant)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return new BadRequestError("principal.ambiguous", "The request carries a sign-in cookie; PACT routes take a bearer token only.");
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 300)
        {
            return new UnauthorizedError("pact.token-missing", "Send an access token from /auth/token as Authorization: Bearer <token>.");
        }

        var db = http.RequestServices.GetRequiredService<TanpanDb>();
        var hash = Hash(header["Bearer ".Length..].Trim());
        var token = await db.Set<PactAccessToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, http.RequestAborted);
        var client = token is null ? null
            : await db.Set<PactClient>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == token.PactClientId && c.RevokedAtUtc == null, http.RequestAborted);
        if (token is null || client is null)
        {
            return new UnauthorizedError("pact.token-invalid", "The access token is not valid.");
        }

        if (token.ExpiresAtUtc <= http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)
        {
            return new UnauthorizedError(PactCodes.TokenExpired, "The access token has expired; get a new one from /auth/token.");
        }

        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "pact-client:" + client.ClientId), new Claim(TanpanClaims.Company, client.CompanyId.ToString()), new Claim(ClientClaim, client.Id.ToString())],
            AuthenticationType));
        tenant.Enter(client.CompanyId, "pact-client:" + client.ClientId, PrincipalKind.ApiKey);
        return null;
    }

    public static Guid ClientOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClientClaim)!);

    /// <summary>Client id and secret from <c>Authorization: Basic base64(id:secret)</c> (RFC 6749 §2.3.1 form-encodes
    /// both before joining them).</summary>
    public static (string? Id, string? Secret) BasicCredentials(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1000)
        {
            return (null, null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? (null, null) : (Uri.UnescapeDataString(text[..colon].Replace('+', ' ')), Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' ')));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    public static string BasicHeader(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret)));

    private static IResult OAuthError(int status, string error, string description) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), statusCode: status, contentType: "application/json");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    internal sealed record OAuthErrorResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);
}
