using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Pact.Pages;

/// <summary>/exchange/suppliers: suppliers' PACT hosts (connect, fetch their footprints, request missing ones) and
/// the footprints received from them or declared on the e-mail form, which become supplier factors for BOM lines.</summary>
[Authorize(Policy = PermissionNames.ExchangeRead)]
public sealed class SuppliersModel(TanpanDb db, SupplierExchange exchange) : FormPage
{
    public IReadOnlyList<SupplierConnection> Connections { get; private set; } = [];

    public IReadOnlyList<ReceivedFootprint> Received { get; private set; } = [];

    public IReadOnlyList<PactClient> ApiClients { get; private set; } = [];

    public bool CanManage { get; private set; }

    public bool CanRequest { get; private set; }

    [BindProperty]
    public SupplierExchange.ConnectionInput Connection { get; set; } = new(null, null, 3, null, null, null);

    [BindProperty]
    public string? ProductId { get; set; }

    [BindProperty]
    public string? ProductIds { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? FactorCode { get; set; }

    [BindProperty]
    public string? FactorName { get; set; }

    /// <summary>Received footprint id → share (%), for one factor or a weighted average.</summary>
    [BindProperty]
    public Dictionary<Guid, decimal?> Shares { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConnectAsync(CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangeManage))
        {
            return Forbid();
        }

        var (created, errors) = await exchange.AddConnectionAsync(Connection, ct);
        if (created is null)
        {
            return await InvalidAsync(errors.Select(e => ("Connection." + e.Path, e.Message)), ct);
        }

        return RedirectDone("/exchange/suppliers", $"已連線供應商「{created.Name}」。", $"Supplier “{created.Name}” connected.");
    }

    public async Task<IActionResult> OnPostFetchAsync(Guid connectionId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangeRequest))
        {
            return Forbid();
        }

        var connection = await db.SupplierConnections.FirstOrDefaultAsync(c => c.Id == connectionId, ct);
        if (connection is null)
        {
            return NotFound();
        }

        var (count, error) = await exchange.FetchAsync(connection, ProductId, ct);
        if (error is not null)
        {
            return await InvalidAsync([($"Fetch-{connectionId}", HttpContext.T("供應商主機回應錯誤：", "The supplier's host answered with an error: ") + error)], ct, StatusCodes.Status502BadGateway);
        }

        return RedirectDone("/exchange/suppliers", $"已從「{connection.Name}」取得 {count} 筆碳足跡。", $"{count} footprints fetched from “{connection.Name}”.");
    }

    public async Task<IActionResult> OnPostRequestAsync(Guid connectionId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangeRequest))
        {
            return Forbid();
        }

        var connection = await db.SupplierConnections.FirstOrDefaultAsync(c => c.Id == connectionId, ct);
        if (connection is null)
        {
            return NotFound();
        }

        var (request, errors) = await exchange.RequestAsync(connection, ProductIds, Comment, PactEndpoints.Origin(HttpContext), ct);
        if (request is null)
        {
            return await InvalidAsync(errors.Select(e => ($"Request-{connectionId}", e.Message)), ct);
        }

        return RedirectDone("/exchange", $"已向「{connection.Name}」送出請求。", $"Request sent to “{connection.Name}”.");
    }

    public async Task<IActionResult> OnPostUseAsync(CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.FactorsWrite) || !PermissionHandler.Holds(User, Permission.ExchangeRequest))
        {
            return Forbid();
        }

        var shares = Shares.Where(s => s.Value is not null).Select(s => new SupplierExchange.Share(s.Key, s.Value!.Value)).ToList();
        var errors = await exchange.UseAsFactorAsync(FactorCode, FactorName, shares, ct);
        if (errors.Count > 0)
        {
            return await InvalidAsync(errors.Select(e => (e.Path switch { "code" => "FactorCode", "name" => "FactorName", "Shares" => "Shares", _ => "Shares" }, ErrorText.For(HttpContext, e))), ct);
        }

        var code = FactorCode!.Trim().ToLowerInvariant();
        return RedirectDone("/factors/company", $"已建立供應商係數 custom.{code}，可在產品物料清單選用。", $"Supplier factor custom.{code} created: choose it on a product's BOM lines.");
    }

    private async Task<IActionResult> InvalidAsync(IEnumerable<(string Field, string Message)> errors, CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        foreach (var (field, message) in errors)
        {
            AddError(field, message);
        }

        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanManage = PermissionHandler.Holds(User, Permission.ExchangeManage);
        CanRequest = PermissionHandler.Holds(User, Permission.ExchangeRequest);
        Connections = await db.SupplierConnections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        Received = (await db.ReceivedFootprints.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.ReceivedAtUtc).ToList();
        ApiClients = await db.PactClients.AsNoTracking().Where(c => c.RevokedAtUtc == null).OrderBy(c => c.Name).ToListAsync(ct);
    }
}
