using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Pact.Pages;

/// <summary>/exchange/clients: the company admin's API clients for customers' systems — create (the secret is shown
/// once), choose per client which products' footprints it may see, set the credentials for answering that
/// customer's requests, revoke.</summary>
[Authorize(Policy = PermissionNames.ExchangeManage)]
public sealed class ClientsModel(TanpanDb db, TenantScope tenant, TimeProvider clock, IPublishableFootprints footprints, IDataProtectionProvider protection) : FormPage
{
    public IReadOnlyList<PactClient> Clients { get; private set; } = [];

    public ILookup<Guid, Guid> Grants { get; private set; } = Enumerable.Empty<(Guid, Guid)>().ToLookup(x => x.Item1, x => x.Item2);

    public IReadOnlyList<PublishableProduct> Products { get; private set; } = [];

    public (string ClientId, string Secret)? Created { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<Guid> ProductIds { get; set; } = [];

    [BindProperty]
    public string? CallbackClientId { get; set; }

    [BindProperty]
    public string? CallbackSecret { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            AddError("Name", HttpContext.T("必填：客戶系統名稱（100 字以內）", "required: the customer system's name (at most 100 characters)"));
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var secret = PactAuth.NewSecret();
        var client = new PactClient
        {
            Name = name, ClientId = PactAuth.NewClientId(), SecretHash = PactAuth.Hash(secret), CreatedBy = tenant.Actor, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.PactClients.Add(client);
        await db.SaveChangesAsync(ct);
        Created = (client.ClientId, secret);
        Name = null;
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGrantsAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.PactClients.FirstOrDefaultAsync(c => c.Id == clientId && c.RevokedAtUtc == null, ct);
        if (client is null)
        {
            return NotFound();
        }

        // Only this company's products can be granted; ids from elsewhere are ignored, not errors to explain.
        var own = (await footprints.ListAsync(ct)).Select(p => p.ProductId).ToHashSet();
        var wanted = ProductIds.Where(own.Contains).ToHashSet();
        var current = await db.PactClientGrants.Where(g => g.PactClientId == clientId).ToListAsync(ct);
        db.PactClientGrants.RemoveRange(current.Where(g => !wanted.Contains(g.ProductId)));
        db.PactClientGrants.AddRange(wanted.Where(p => current.All(g => g.ProductId != p)).Select(p => new PactClientGrant { PactClientId = clientId, ProductId = p }));
        await db.SaveChangesAsync(ct);
        return RedirectDone("/exchange/clients", $"已更新「{client.Name}」可讀取的產品（{wanted.Count} 項）。", $"“{client.Name}” may now read {wanted.Count} products.");
    }

    public async Task<IActionResult> OnPostCallbackAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.PactClients.FirstOrDefaultAsync(c => c.Id == clientId && c.RevokedAtUtc == null, ct);
        if (client is null)
        {
            return NotFound();
        }

        var id = CallbackClientId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > 200 || string.IsNullOrEmpty(CallbackSecret) || CallbackSecret.Length > 500)
        {
            AddError($"Callback-{clientId}", HttpContext.T("須填客戶主機發給我們的 client id 與 secret（各 200／500 字以內）", "enter the client id and secret the customer's host issued us (at most 200 / 500 characters)"));
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        client.CallbackClientId = id;
        client.CallbackSecretProtected = protection.CreateProtector(PactSender.SecretPurpose).Protect(CallbackSecret);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/exchange/clients", $"已設定回覆「{client.Name}」請求所用的帳密。", $"Credentials for answering “{client.Name}” were set.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.PactClients.FirstOrDefaultAsync(c => c.Id == clientId && c.RevokedAtUtc == null, ct);
        if (client is null)
        {
            return NotFound();
        }

        client.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.Set<PactAccessToken>().Where(t => t.PactClientId == clientId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/exchange/clients", $"已撤銷「{client.Name}」：其存取權杖立即失效。", $"“{client.Name}” was revoked: its access tokens stopped working at once.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Clients = (await db.PactClients.AsNoTracking().ToListAsync(ct)).OrderBy(c => c.RevokedAtUtc is not null).ThenByDescending(c => c.CreatedAtUtc).ToList();
        Grants = (await db.PactClientGrants.AsNoTracking().ToListAsync(ct)).ToLookup(g => g.PactClientId, g => g.ProductId);
        Products = await footprints.ListAsync(ct);
    }
}
