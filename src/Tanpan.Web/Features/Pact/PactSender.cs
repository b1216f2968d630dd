using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

/// <summary>Sends queued PACT events — answers to customers' requests, our requests to suppliers — from the database,
/// so nothing owed is lost when the app restarts. Each row is leased before it is sent (two app nodes never send the
/// same one), retried with doubling back-off (2 s … 17 min) and given up after <see cref="MaxAttempts"/> tries, with
/// the last error kept for the page. Runs in the row's company's <see cref="TenantScope"/>.</summary>
public sealed class PactSender(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PactSender> logger) : BackgroundService
{
    public const int MaxAttempts = 10;
    public const string SecretPurpose = "Tanpan.Pact.Secrets";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim wake = new(0);

    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is briefly away must not end the sender: the rows stay queued.
                logger.LogError(e, "PACT sender pass failed");
            }

            try
            {
                await wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: claims and sends the rows that are due; returns how many it sent or tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            // Across companies, before a tenant is entered: the worker's one cross-tenant read, ids only.
            due = await db.PactExchanges.IgnoreQueryFilters()
                .Where(x => x.Delivery == PactDelivery.Queued && (x.NextAttemptAtUtc == null || x.NextAttemptAtUtc <= now) && (x.LeaseUntilUtc == null || x.LeaseUntilUtc < now))
                .OrderBy(x => x.NextAttemptAtUtc).Select(x => x.Id).Take(20).ToListAsync(ct);
        }

        var sent = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var claimed = await db.PactExchanges.IgnoreQueryFilters()
                .Where(x => x.Id == id && x.Delivery == PactDelivery.Queued && (x.LeaseUntilUtc == null || x.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntilUtc, now + Lease), ct);
            if (claimed == 0)
            {
                continue;
            }

            var companyId = await db.PactExchanges.IgnoreQueryFilters().Where(x => x.Id == id).Select(x => x.CompanyId).FirstAsync(ct);
            scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "pact-sender", PrincipalKind.System);
            var exchange = await db.PactExchanges.FirstAsync(x => x.Id == id, ct);
            var error = await SendAsync(scope.ServiceProvider, db, exchange, ct);
            exchange.Attempts++;
            exchange.LeaseUntilUtc = null;
            exchange.LastError = error is null ? null : error.Length > 2000 ? error[..2000] : error;
            if (error is null)
            {
                exchange.Delivery = PactDelivery.Delivered;
                exchange.NextAttemptAtUtc = null;
            }
            else if (exchange.Attempts >= MaxAttempts || error.StartsWith(NoRetry, StringComparison.Ordinal))
            {
                exchange.Delivery = PactDelivery.GaveUp;
                exchange.NextAttemptAtUtc = null;
                logger.LogWarning("PACT event for request {Request} given up: {Error}", exchange.RequestEventId, error);
            }
            else
            {
                exchange.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Pow(2, exchange.Attempts));
            }

            await db.SaveChangesAsync(ct);
            sent++;
        }

        return sent;
    }

    private const string NoRetry = "[not retried] ";

    private static async Task<string?> SendAsync(IServiceProvider services, TanpanDb db, PactExchange exchange, CancellationToken ct)
    {
        var remote = services.GetRequiredService<PactRemote>();
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SecretPurpose);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        string baseUrl, clientId, secret, source;
        JsonObject data;
        string type;
        if (exchange.Direction == PactDirection.Inbound)
        {
            var client = await db.PactClients.FirstOrDefaultAsync(c => c.Id == exchange.PactClientId, ct);
            if (client is null || client.RevokedAtUtc is not null)
            {
                return NoRetry + "The customer's API client was revoked; its request is not answered.";
            }

            if (client.CallbackClientId is null || client.CallbackSecretProtected is null)
            {
                return NoRetry + "No credentials for the customer's host are set on its API client (callback client id and secret), so no token can be obtained to answer.";
            }

            (baseUrl, clientId, secret, source) = (exchange.Source!, client.CallbackClientId, protector.Unprotect(client.CallbackSecretProtected), exchange.ReplySource ?? string.Empty);
            if (exchange.Status == PactRequestStatus.Fulfilled)
            {
                var ids = CanonicalJson.Deserialize<List<Guid>>(exchange.AnswerPfIdsJson ?? "[]");
                var visible = await PactEndpoints.VisibleAsync(db, client.Id, ct);
                var pfs = visible.Where(v => ids.Contains(v.Row.Id)).Select(v => (JsonNode)PactEndpoints.Render(v, exchange.SpecMajor)).ToArray();
                if (pfs.Length == 0)
                {
                    return NoRetry + "The footprints that answered the request are no longer granted to the customer.";
                }

                type = PactEvents.Types.Fulfilled(exchange.SpecMajor);
                data = new JsonObject { ["requestEventId"] = exchange.RequestEventId, ["pfs"] = new JsonArray(pfs) };
            }
            else
            {
                type = PactEvents.Types.Rejected(exchange.SpecMajor);
                data = new JsonObject
                {
                    ["requestEventId"] = exchange.RequestEventId,
                    ["error"] = new JsonObject { ["code"] = exchange.RejectCode ?? "NotFound", ["message"] = exchange.RejectMessage ?? "Rejected." },
                };
            }
        }
        else
        {
            var supplier = await db.SupplierConnections.FirstOrDefaultAsync(s => s.Id == exchange.SupplierConnectionId, ct);
            if (supplier is null)
            {
                return NoRetry + "The supplier connection was removed.";
            }

            (baseUrl, clientId, secret, source) = (supplier.BaseUrl, supplier.ClientId, protector.Unprotect(supplier.SecretProtected), exchange.ReplySource ?? string.Empty);
            type = PactEvents.Types.Created(exchange.SpecMajor);
            var filter = CanonicalJson.Deserialize<PactFilter>(exchange.FilterJson);
            data = exchange.SpecMajor == 3
                ? new JsonObject { ["productId"] = new JsonArray(filter.ProductIds.Select(p => (JsonNode)p).ToArray()) }
                : new JsonObject { ["pf"] = new JsonObject { ["productIds"] = new JsonArray(filter.ProductIds.Select(p => (JsonNode)p).ToArray()) } };
            if (exchange.Comment is { Length: > 0 } comment)
            {
                data["comment"] = comment;
            }
        }

        var token = await remote.TokenAsync(baseUrl, clientId, secret, ct);
        if (!token.Ok)
        {
            return token.Error;
        }

        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = exchange.Direction == PactDirection.Outbound ? exchange.RequestEventId : Guid.NewGuid().ToString(),
            ["source"] = source,
            ["time"] = PactFormat.Time(now),
            ["type"] = type,
            ["data"] = data,
        };
        return await remote.SendEventAsync(baseUrl, exchange.SpecMajor, token.Value!, cloudEvent, ct);
    }
}
