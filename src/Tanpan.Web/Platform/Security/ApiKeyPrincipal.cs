using System.Security.Claims;

namespace Tanpan.Web.Platform.Security;

/// <summary>The principal of a request made with an API key: its company, its key and its scopes. It has no
/// roles, so nothing a person's role grants can be reached with a key.</summary>
public static class ApiKeyPrincipal
{
    public const string AuthenticationType = "ApiKey";
    public const string ScopeClaim = "tanpan:scope";
    public const string KeyClaim = "tanpan:api-key";

    public static ClaimsPrincipal Create(ApiKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, "api-key:" + key.Prefix),
            new(TanpanClaims.Company, key.CompanyId.ToString()),
            new(KeyClaim, key.Id.ToString()),
        };
        claims.AddRange(ApiKeyScopes.Parse(key.Scopes).Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
    }

    public static bool IsApiKey(this ClaimsPrincipal user) => user.Identity?.AuthenticationType == AuthenticationType;
}

public static class ApiKeyScopes
{
    public static IReadOnlyList<string> Parse(string? scopes) =>
        string.IsNullOrWhiteSpace(scopes) ? [] : scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Format(IEnumerable<string> scopes) => string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
