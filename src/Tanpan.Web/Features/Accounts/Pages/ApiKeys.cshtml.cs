using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>/account/api-keys: a company admin creates keys with scopes (shown once), sees when each was last
/// used, and revokes them.</summary>
[Authorize(Policy = PermissionNames.ApiKeysManage)]
public sealed class ApiKeysModel(TanpanDb db, TenantScope tenant, TimeProvider clock) : FormPage
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The key just created: shown on this response only, never stored in clear.</summary>
    public string? NewSecret { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await ManageApiKeys.CreateAsync(Name, Scopes, db, tenant, clock, ct);
        if (created.Succeeded)
        {
            NewSecret = created.Value.Secret;
            Name = null;
            Scopes = [];
            // The secret must not be cached anywhere on the way back.
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            Show(created.Error!, "name");
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId, CancellationToken ct)
    {
        var revoked = await ManageApiKeys.RevokeAsync(keyId, db, clock, ct);
        if (!revoked.Succeeded)
        {
            return NotFound();
        }

        Notice = HttpContext.T($"已撤銷金鑰「{revoked.Value.Name}」。", $"Key “{revoked.Value.Name}” revoked.");
        await LoadAsync(ct);
        return Page();
    }

    public static string ScopeName(HttpContext context, string scope) => context.Name(Names.Scope, scope);

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = (await db.ApiKeys.AsNoTracking().ToListAsync(ct)).OrderBy(k => k.RevokedAtUtc is not null).ThenByDescending(k => k.CreatedAtUtc).ToList();
}
