using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Pact.Pages;

/// <summary>/exchange: what the company publishes over PACT (locked product footprints, each a new id that
/// deprecates the one before), and the requests in both directions with their states and deliveries.</summary>
[Authorize(Policy = PermissionNames.ExchangeRead)]
public sealed class IndexModel(TanpanDb db, IPublishableFootprints footprints, PublishFootprint publish, PactEvents events, PactSender sender) : FormPage
{
    public IReadOnlyList<PublishedFootprint> Published { get; private set; } = [];

    public IReadOnlyList<PublishableProduct> Products { get; private set; } = [];

    public IReadOnlyList<PactExchange> Requests { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> ClientNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> SupplierNames { get; private set; } = new Dictionary<Guid, string>();

    public bool CanPublish { get; private set; }

    public bool CanManage { get; private set; }

    /// <summary>When the company consented to the association's exchange directory (null: it did not).</summary>
    public DateTime? ListedAtUtc { get; private set; }

    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public string? RejectMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangePublish))
        {
            return Forbid();
        }

        // "productId:version" of a locked footprint.
        var parts = Version?.Split(':') ?? [];
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var productId) || !int.TryParse(parts[1], out var version))
        {
            AddError("Version", HttpContext.T("請選擇一個已鎖定的產品碳足跡版本", "choose a locked product footprint version"));
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (row, error) = await publish.RunAsync(productId, version, ct);
        if (error is not null)
        {
            Show(error, "Version");
            await LoadAsync(ct);
            return Page();
        }

        return RedirectDone("/exchange", $"已發布碳足跡 {row!.Id}。", $"Footprint {row!.Id} was published.");
    }

    /// <summary>Tries an inbound request again (after publishing or granting what it asked for).</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid requestId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangePublish))
        {
            return Forbid();
        }

        var exchange = await db.PactExchanges.FirstOrDefaultAsync(x => x.Id == requestId && x.Direction == PactDirection.Inbound, ct);
        if (exchange is null)
        {
            return NotFound();
        }

        if (exchange.Status == PactRequestStatus.Pending)
        {
            await events.DecideAsync(exchange, ct);
        }
        else if (exchange.Delivery == PactDelivery.GaveUp)
        {
            (exchange.Delivery, exchange.Attempts, exchange.NextAttemptAtUtc, exchange.LastError) = (PactDelivery.Queued, 0, null, null);
        }

        if (exchange.Status == PactRequestStatus.Pending)
        {
            AddError($"Answer-{requestId}", HttpContext.T("仍沒有符合此請求且授權給該客戶的已發布碳足跡：請先發布並在客戶系統頁勾選產品，或拒絕此請求。", "Still no published footprint matches this request and is granted to the customer: publish one and tick the product for the client, or reject the request."));
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await db.SaveChangesAsync(ct);
        sender.Wake();
        return RedirectDone("/exchange", "已排入回覆。", "The answer is queued to be sent.");
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid requestId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangePublish))
        {
            return Forbid();
        }

        var exchange = await db.PactExchanges.FirstOrDefaultAsync(x => x.Id == requestId && x.Direction == PactDirection.Inbound && x.Status == PactRequestStatus.Pending, ct);
        if (exchange is null)
        {
            return NotFound();
        }

        var message = RejectMessage?.Trim();
        if (string.IsNullOrEmpty(message) || message.Length > 2000)
        {
            AddError($"Reject-{requestId}", HttpContext.T("請說明拒絕的原因（2000 字以內），會傳給客戶。", "say why (at most 2000 characters): it is sent to the customer."));
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        events.Answer(exchange, PactRequestStatus.Rejected, null, "NotFound", message);
        await db.SaveChangesAsync(ct);
        sender.Wake();
        return RedirectDone("/exchange", "已拒絕並排入回覆。", "Rejected; the answer is queued to be sent.");
    }

    /// <summary>The admin's consent to the association's directory of members that exchange footprints, or its withdrawal.</summary>
    public async Task<IActionResult> OnPostListingAsync(bool listed, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ExchangeManage))
        {
            return Forbid();
        }

        var companyId = HttpContext.RequestServices.GetRequiredService<Platform.Tenancy.TenantScope>().CompanyId;
        var company = await db.Companies.FirstAsync(c => c.Id == companyId, ct);
        company.ExchangeListedAtUtc = listed ? HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        return listed
            ? RedirectDone("/exchange", "已同意公會查看本公司的碳足跡交換概況。", "The association may now see that your company exchanges footprints.")
            : RedirectDone("/exchange", "已撤回同意，公會不再看到本公司的交換概況。", "Consent withdrawn: the association no longer sees your exchange.");
    }

    public static IReadOnlyList<string> ProductIdsOf(PactExchange x) => CanonicalJson.Deserialize<PactFilter>(x.FilterJson).ProductIds;

    public static string StatusName(HttpContext http, PactRequestStatus s) => s switch
    {
        PactRequestStatus.Pending => http.T("待處理", "pending"),
        PactRequestStatus.Fulfilled => http.T("已提供", "fulfilled"),
        _ => http.T("已拒絕", "rejected"),
    };

    public static string DeliveryName(HttpContext http, PactDelivery d) => d switch
    {
        PactDelivery.None => string.Empty,
        PactDelivery.Queued => http.T("傳送中", "sending"),
        PactDelivery.Delivered => http.T("已送達", "delivered"),
        _ => http.T("傳送失敗", "not delivered"),
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        CanPublish = PermissionHandler.Holds(User, Permission.ExchangePublish);
        CanManage = PermissionHandler.Holds(User, Permission.ExchangeManage);
        var companyId = HttpContext.RequestServices.GetRequiredService<Platform.Tenancy.TenantScope>().CompanyId;
        ListedAtUtc = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.ExchangeListedAtUtc).FirstOrDefaultAsync(ct);
        Published = await db.PactFootprints.AsNoTracking().OrderByDescending(f => f.CreatedAtUtc).ToListAsync(ct);
        Products = await footprints.ListAsync(ct);
        Requests = (await db.PactExchanges.AsNoTracking().ToListAsync(ct)).OrderByDescending(x => x.CreatedAtUtc).Take(200).ToList();
        ClientNames = await db.PactClients.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        SupplierNames = await db.SupplierConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }
}
