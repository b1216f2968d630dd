using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Pact;

/// <summary>Events received at <c>/{2|3}/events</c> (CloudEvents 1.0, structured mode). A RequestCreated is answered
/// 200 at once and its answer queued for <see cref="PactSender"/>: fulfilled with the client's granted footprints that
/// match, rejected when no product of the company has one of the requested ids, otherwise left for a person. A
/// RequestFulfilled / RejectedEvent answers one of our own requests to a supplier; a PublishedEvent is noted.</summary>
public sealed class PactEvents(TanpanDb db, Platform.Contracts.IPublishableFootprints publishable, TenantScope tenant, TimeProvider clock, PactSender sender, ILogger<PactEvents> logger)
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions ReadOptions = new() { MaxDepth = 64 };

    public static class Types
    {
        public const string Created3 = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3";
        public const string Fulfilled3 = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
        public const string Rejected3 = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3";
        public const string Published3 = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3";
        public const string Created2 = "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1";
        public const string Fulfilled2 = "org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1";
        public const string Rejected2 = "org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1";
        public const string Published2 = "org.wbcsd.pathfinder.ProductFootprint.Published.v1";

        public static string Created(int major) => major == 3 ? Created3 : Created2;

        public static string Fulfilled(int major) => major == 3 ? Fulfilled3 : Fulfilled2;

        public static string Rejected(int major) => major == 3 ? Rejected3 : Rejected2;
    }

    public async Task<IResult> ReceiveAsync(HttpContext http, int major, CancellationToken ct)
    {
        var contentType = http.Request.ContentType ?? string.Empty;
        if (!contentType.Contains("application/cloudevents+json", StringComparison.OrdinalIgnoreCase) && !contentType.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Bad(major, "Send the event as Content-Type: application/cloudevents+json; charset=UTF-8 (CloudEvents structured mode).");
        }

        // The shared bounded JSON reader: size limit, empty and malformed bodies become a message naming the problem.
        var body = await JsonBody.ReadAsync<JsonObject>(http.Request, ReadOptions, MaxBodyBytes, ct);
        if (!body.Succeeded)
        {
            return Bad(major, string.Join("; ", body.Errors.Select(e => $"{e.Path}: {e.Message}")));
        }

        var root = body.Value;
        string? Text(string name) => root[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var (type, id, source, specVersion) = (Text("type"), Text("id"), Text("source"), Text("specversion"));
        var missing = new[] { ("type", type), ("id", id), ("source", source), ("specversion", specVersion) }.Where(x => string.IsNullOrWhiteSpace(x.Item2)).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            return Bad(major, "The event lacks " + string.Join(", ", missing) + " (CloudEvents 1.0 requires specversion, id, source and type).");
        }

        if (specVersion != "1.0")
        {
            return Bad(major, "specversion must be \"1.0\".");
        }

        if (id!.Length > 300 || source!.Length > 1000)
        {
            return Bad(major, "id may hold at most 300 characters and source at most 1000.");
        }

        if (root["data"] is not JsonObject data)
        {
            return Bad(major, "The event's data must be an object.");
        }

        return type switch
        {
            Types.Published3 or Types.Published2 => await PublishedAsync(http, major, data, ct),
            Types.Created3 or Types.Created2 => await CreatedAsync(http, major, id, source, data, ct),
            Types.Fulfilled3 or Types.Fulfilled2 => await FulfilledAsync(major, data, ct),
            Types.Rejected3 or Types.Rejected2 => await RejectedAsync(major, data, ct),
            _ => Bad(major, $"Unknown event type {type}."),
        };
    }

    private async Task<IResult> PublishedAsync(HttpContext http, int major, JsonObject data, CancellationToken ct)
    {
        if (data["pfIds"] is not JsonArray ids || ids.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out var s) || !Guid.TryParse(s, out _)))
        {
            return Bad(major, "data.pfIds must be an array of footprint ids (UUIDs).");
        }

        // A supplier we read from (it answers us with this client) tells us footprints changed: fetch them now.
        var client = PactAuth.ClientOf(http.User);
        if (await db.SupplierConnections.FirstOrDefaultAsync(s => s.CallbackClientId == client, ct) is { } supplier)
        {
            var error = await http.RequestServices.GetRequiredService<SupplierExchange>().FetchIdsAsync(supplier, ids.Select(i => Guid.Parse(i!.GetValue<string>())).ToList(), ct);
            supplier.LastError = error;
            await db.SaveChangesAsync(ct);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("PACT PublishedEvent for {Count} footprints received by {Actor}", ids.Count, tenant.Actor);
        }
        return TypedResults.Ok();
    }

    private async Task<IResult> CreatedAsync(HttpContext http, int major, string id, string source, JsonObject data, CancellationToken ct)
    {
        var filter = major == 3 ? FilterV3(data) : FilterV2(data);
        if (filter is null)
        {
            return Bad(major, major == 3
                ? "data.productId, companyId, geography, classification and status must be arrays of strings; validOn, validAfter and validBefore date-times."
                : "data.pf must be an object; its productIds an array of strings.");
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var sourceUri) || (sourceUri.Scheme != Uri.UriSchemeHttps && sourceUri.Scheme != Uri.UriSchemeHttp))
        {
            return Bad(major, "source must be the requester's base URL (https://…), where the answer is sent.");
        }

        var client = PactAuth.ClientOf(http.User);
        // The same request sent twice is one request (a requester retrying after a lost 200).
        if (await db.PactExchanges.AnyAsync(x => x.Direction == PactDirection.Inbound && x.RequestEventId == id, ct))
        {
            return TypedResults.Ok();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var exchange = new PactExchange
        {
            Direction = PactDirection.Inbound, SpecMajor = major, RequestEventId = id, PactClientId = client, Source = source,
            ReplySource = PactEndpoints.Origin(http), FilterJson = CanonicalJson.Serialize(filter),
            Comment = data["comment"] is JsonValue c && c.TryGetValue<string>(out var comment) ? PactReceived.Clip(comment, 2000) : null,
            Status = PactRequestStatus.Pending, CreatedAtUtc = now, Delivery = PactDelivery.None,
        };
        await DecideAsync(exchange, ct);
        db.PactExchanges.Add(exchange);
        await db.SaveChangesAsync(ct);
        if (exchange.Delivery == PactDelivery.Queued)
        {
            sender.Wake();
        }

        return TypedResults.Ok();
    }

    /// <summary>Answers an inbound request when the answer is plain: the client's granted, active footprints that
    /// match (fulfilled); no product of the company bears a requested id (rejected). Otherwise it waits for a person.</summary>
    internal async Task DecideAsync(PactExchange exchange, CancellationToken ct)
    {
        var filter = CanonicalJson.Deserialize<PactFilter>(exchange.FilterJson);
        var visible = await PactEndpoints.VisibleAsync(db, exchange.PactClientId!.Value, ct);
        var matches = visible.Where(f => f.Row.Status == PactFootprintStatus.Active && filter.Matches(f.Record, f.Row.Status)).Select(f => f.Row.Id).ToList();
        if (matches.Count > 0)
        {
            Answer(exchange, PactRequestStatus.Fulfilled, matches, null, null);
            return;
        }

        var known = filter.ProductIds.Count == 0 || await KnowsAnyAsync(filter.ProductIds, ct);
        if (!known)
        {
            Answer(exchange, PactRequestStatus.Rejected, null, "NotFound", "No product of this company bears any of the requested product ids.");
        }
    }

    internal void Answer(PactExchange exchange, PactRequestStatus status, IReadOnlyList<Guid>? pfIds, string? code, string? message)
    {
        exchange.Status = status;
        exchange.AnswerPfIdsJson = pfIds is null ? null : CanonicalJson.Serialize(pfIds);
        exchange.RejectCode = code;
        exchange.RejectMessage = message;
        exchange.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
        exchange.Delivery = PactDelivery.Queued;
        exchange.Attempts = 0;
        exchange.NextAttemptAtUtc = exchange.AnsweredAtUtc;
        exchange.LastError = null;
    }

    private async Task<bool> KnowsAnyAsync(IReadOnlyList<string> productIds, CancellationToken ct)
    {
        // A product bears its own URNs (as every footprint published for it names them) whether or not it has one yet.
        var products = await publishable.ListAsync(ct);
        return products.Any(p => PactIds.ProductIds(p.ProductId, p.Model).Intersect(productIds, StringComparer.OrdinalIgnoreCase).Any());
    }

    private async Task<IResult> FulfilledAsync(int major, JsonObject data, CancellationToken ct)
    {
        if (data["requestEventId"] is not JsonValue r || !r.TryGetValue<string>(out var requestId) || data["pfs"] is not JsonArray pfs)
        {
            return Bad(major, "data.requestEventId (string) and data.pfs (array of footprints) are required.");
        }

        var exchange = await db.PactExchanges.FirstOrDefaultAsync(x => x.Direction == PactDirection.Outbound && x.RequestEventId == requestId, ct);
        if (exchange is null)
        {
            return Bad(major, $"No request {requestId} of this company is waiting for an answer.");
        }

        var supplier = exchange.SupplierConnectionId is { } sid ? await db.SupplierConnections.FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
        var received = new List<ReceivedFootprint>();
        for (var i = 0; i < pfs.Count; i++)
        {
            var read = PactReceived.Read(pfs[i] as JsonObject, major, supplier?.Name, clock.GetUtcNow().UtcDateTime);
            if (read.Error is not null)
            {
                return Bad(major, $"data.pfs[{i}]: {read.Error}");
            }

            read.Value!.SupplierConnectionId = supplier?.Id;
            received.Add(read.Value);
        }

        await PactReceived.StoreAsync(db, received, ct);
        exchange.Status = PactRequestStatus.Fulfilled;
        exchange.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
        exchange.AnswerPfIdsJson = CanonicalJson.Serialize(received.Select(x => x.PfId).ToList());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok();
    }

    private async Task<IResult> RejectedAsync(int major, JsonObject data, CancellationToken ct)
    {
        if (data["requestEventId"] is not JsonValue r || !r.TryGetValue<string>(out var requestId) || data["error"] is not JsonObject error)
        {
            return Bad(major, "data.requestEventId (string) and data.error ({code, message}) are required.");
        }

        var exchange = await db.PactExchanges.FirstOrDefaultAsync(x => x.Direction == PactDirection.Outbound && x.RequestEventId == requestId, ct);
        if (exchange is null)
        {
            return Bad(major, $"No request {requestId} of this company is waiting for an answer.");
        }

        exchange.Status = PactRequestStatus.Rejected;
        exchange.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
        exchange.RejectCode = PactReceived.Clip(error["code"]?.ToString() ?? "Unknown", 40);
        exchange.RejectMessage = PactReceived.Clip(error["message"]?.ToString() ?? string.Empty, 2000);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok();
    }

    private static PactFilter? FilterV3(JsonObject data)
    {
        IReadOnlyList<string>? Strings(string name) => data[name] switch
        {
            null => [],
            JsonArray a when a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) => a.Select(x => x!.GetValue<string>()).Where(x => x.Length > 0).ToList(),
            _ => null,
        };
        string? Time(string name, out bool ok)
        {
            ok = true;
            if (data[name] is null)
            {
                return null;
            }

            ok = data[name] is JsonValue v && v.TryGetValue<string>(out var s) && PactFilter.TryTime(s, out _);
            return ok ? data[name]!.GetValue<string>() : null;
        }

        var (products, companies, geographies, classifications, statuses) = (Strings("productId"), Strings("companyId"), Strings("geography"), Strings("classification"), Strings("status"));
        var (validOn, validAfter, validBefore) = (Time("validOn", out var a), Time("validAfter", out var b), Time("validBefore", out var c));
        return products is null || companies is null || geographies is null || classifications is null || statuses is null || !a || !b || !c
            ? null
            : new PactFilter(products, companies, geographies, classifications, statuses, validOn, validAfter, validBefore);
    }

    private static PactFilter? FilterV2(JsonObject data)
    {
        if (data["pf"] is not JsonObject pf)
        {
            return null;
        }

        IReadOnlyList<string>? Strings(string name) => pf[name] switch
        {
            null => [],
            JsonArray a when a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) => a.Select(x => x!.GetValue<string>()).ToList(),
            _ => null,
        };
        var (products, companies) = (Strings("productIds"), Strings("companyIds"));
        return products is null || companies is null ? null : PactFilter.None with { ProductIds = products, CompanyIds = companies };
    }

    private static IResult Bad(int major, string message) => new BadRequestError("pact.event", message).ToPact(major);
}
