using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Accounts;

/// <summary>A company admin's API keys for its systems (ERP, supplier portals): created with a name and scopes,
/// the key shown once and stored only as a hash; revoked at any time. Keys never manage keys.</summary>
public static class ManageApiKeys
{
    public const int MaxActiveKeys = 20;

    public sealed record Created(ApiKey Key, string Secret);

    public static async Task<Result<Created>> CreateAsync(string? name, IReadOnlyCollection<string> scopes, TanpanDb db, TenantScope tenant, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100)
        {
            errors.Add(new("name", "required: what the key is for (e.g. ERP 正式機), up to 100 characters", "api-key.name"));
        }

        var unknown = scopes.Where(s => Permission.ApiScopes.All(p => p.Name != s)).ToArray();
        if (scopes.Count == 0 || unknown.Length > 0)
        {
            errors.Add(new("scopes", $"choose at least one scope; allowed: {string.Join(", ", Permission.ApiScopes.Select(p => p.Name))}", "api-key.scopes"));
        }

        if (await db.ApiKeys.CountAsync(k => k.RevokedAtUtc == null, ct) >= MaxActiveKeys)
        {
            errors.Add(new("name", string.Create(CultureInfo.InvariantCulture, $"at most {MaxActiveKeys} active keys; revoke one first"), "api-key.too-many"));
        }

        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        var secret = ApiKeys.Generate();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = trimmed!,
            KeyHash = ApiKeys.Hash(secret),
            Prefix = ApiKeys.PrefixOf(secret),
            Scopes = ApiKeyScopes.Format(scopes),
            CreatedBy = tenant.Actor,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new Created(key, secret);
    }

    public static async Task<Result<ApiKey>> RevokeAsync(Guid id, TanpanDb db, TimeProvider clock, CancellationToken ct)
    {
        // The tenant filter makes another company's key simply not found.
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return new NotFoundError("api-key.not-found", "No such API key.");
        }

        key.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return key;
    }
}
