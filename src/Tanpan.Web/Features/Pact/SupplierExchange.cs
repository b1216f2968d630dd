using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Pact;

/// <summary>Tanpan as a PACT client: connections to suppliers' hosts, fetching their footprints (every page),
/// requesting missing ones by event, and turning received footprints into the company's supplier factors — one
/// footprint, or the weighted average of several suppliers of the same part with their shares scaled to 100 %
/// (PCR: supplier-specific data as a weighted average).</summary>
public sealed class SupplierExchange(TanpanDb db, PactRemote remote, IDataProtectionProvider protection, ICompanyFactors factors, PactSender sender, TimeProvider clock)
{
    public sealed record ConnectionInput(string? Name, string? BaseUrl, int? SpecMajor, string? ClientId, string? Secret, Guid? CallbackClientId);

    public async Task<(SupplierConnection? Connection, IReadOnlyList<FieldError> Errors)> AddConnectionAsync(ConnectionInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add(new("Name", "required: the supplier's name (at most 200 characters)"));
        }

        var baseUrl = input.BaseUrl?.Trim().TrimEnd('/');
        if (baseUrl is null || baseUrl.Length > 500 || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0)
        {
            errors.Add(new("BaseUrl", "required: the supplier host's base URL, https://… without a query"));
        }
        else if (await remote.CheckAsync(baseUrl, ct) is { } refused)
        {
            errors.Add(new("BaseUrl", refused));
        }

        if (input.SpecMajor is not (2 or 3))
        {
            errors.Add(new("SpecMajor", "must be 3 (PACT v3.0) or 2 (v2.x)"));
        }

        if (string.IsNullOrWhiteSpace(input.ClientId) || input.ClientId.Length > 200 || string.IsNullOrEmpty(input.Secret) || input.Secret.Length > 500)
        {
            errors.Add(new("ClientId", "required: the client id and secret the supplier issued you (at most 200 / 500 characters)"));
        }

        if (input.CallbackClientId is { } cb && !await db.PactClients.AnyAsync(c => c.Id == cb && c.RevokedAtUtc == null, ct))
        {
            errors.Add(new("CallbackClientId", "not one of your active API clients"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var connection = new SupplierConnection
        {
            Name = name!, BaseUrl = baseUrl!, SpecMajor = input.SpecMajor!.Value, ClientId = input.ClientId!.Trim(),
            SecretProtected = protection.CreateProtector(PactSender.SecretPurpose).Protect(input.Secret!), CallbackClientId = input.CallbackClientId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.SupplierConnections.Add(connection);
        await db.SaveChangesAsync(ct);
        return (connection, []);
    }

    /// <summary>Lists the supplier's footprints (optionally for one product id) and keeps them; returns how many
    /// arrived, or the error from the supplier's host.</summary>
    public async Task<(int Count, string? Error)> FetchAsync(SupplierConnection connection, string? productId, CancellationToken ct)
    {
        var token = await remote.TokenAsync(connection.BaseUrl, connection.ClientId, Secret(connection), ct);
        string? error = token.Error;
        var count = 0;
        if (token.Ok)
        {
            var listed = Guid.TryParse(productId?.Trim(), out var pfId)
                ? await OneAsync(connection, token.Value!, pfId, ct)
                : await remote.ListAsync(connection.BaseUrl, connection.SpecMajor, token.Value!, Query(connection, productId), ct);
            error = listed.Error;
            if (listed.Ok)
            {
                var received = new List<ReceivedFootprint>();
                foreach (var pf in listed.Value!)
                {
                    var read = PactReceived.Read(pf, connection.SpecMajor, connection.Name, clock.GetUtcNow().UtcDateTime);
                    if (read.Error is not null)
                    {
                        error = $"footprint {pf["id"]}: {read.Error}";
                        break;
                    }

                    read.Value!.SupplierConnectionId = connection.Id;
                    received.Add(read.Value);
                }

                if (error is null)
                {
                    await PactReceived.StoreAsync(db, received, ct);
                    count = received.Count;
                }
            }
        }

        connection.LastFetchAtUtc = clock.GetUtcNow().UtcDateTime;
        connection.LastError = error is { Length: > 2000 } ? error[..2000] : error;
        await db.SaveChangesAsync(ct);
        return (count, error);
    }

    /// <summary>Queues a RequestCreated event to the supplier for these product ids; the supplier answers at our
    /// <c>/{2|3}/events</c> with the API client named on the connection.</summary>
    public async Task<(PactExchange? Request, IReadOnlyList<FieldError> Errors)> RequestAsync(SupplierConnection connection, string? productIds, string? comment, string replySource, CancellationToken ct)
    {
        var ids = (productIds ?? string.Empty).Split([' ', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var errors = new List<FieldError>();
        if (ids.Count == 0 || ids.Count > 50 || ids.Any(i => !i.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || i.Length > 300))
        {
            errors.Add(new("ProductIds", "1–50 product URNs (urn:…), separated by spaces or lines"));
        }

        if (comment?.Length > 2000)
        {
            errors.Add(new("Comment", "at most 2000 characters"));
        }

        if (connection.CallbackClientId is null)
        {
            errors.Add(new("ProductIds", "the connection names no API client for the supplier's answer: create one for the supplier and choose it on the connection"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var exchange = new PactExchange
        {
            Direction = PactDirection.Outbound, SpecMajor = connection.SpecMajor, RequestEventId = Guid.NewGuid().ToString(), SupplierConnectionId = connection.Id,
            PactClientId = connection.CallbackClientId, ReplySource = replySource, FilterJson = CanonicalJson.Serialize(PactFilter.None with { ProductIds = ids }),
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), Status = PactRequestStatus.Pending, CreatedAtUtc = now,
            Delivery = PactDelivery.Queued, NextAttemptAtUtc = now,
        };
        db.PactExchanges.Add(exchange);
        await db.SaveChangesAsync(ct);
        sender.Wake();
        return (exchange, []);
    }

    public sealed record Share(Guid ReceivedId, decimal Weight);

    /// <summary>A company factor (<c>custom.&lt;code&gt;</c>) from received footprints: one, or several suppliers'
    /// footprints of one part averaged by their shares, which are scaled to 100 %. All must state the same declared
    /// unit. The factor names the suppliers, the footprint ids, and the reference period that covers them all.</summary>
    public async Task<IReadOnlyList<FieldError>> UseAsFactorAsync(string? code, string? name, IReadOnlyList<Share> shares, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (shares.Count == 0 || shares.Any(s => s.Weight <= 0 || s.Weight > 1_000_000))
        {
            return [new FieldError("Shares", "choose at least one received footprint, each with a share > 0")];
        }

        var ids = shares.Select(s => s.ReceivedId).ToList();
        var received = await db.ReceivedFootprints.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        if (received.Count != shares.DistinctBy(s => s.ReceivedId).Count())
        {
            return [new FieldError("Shares", "a chosen footprint is not one your company received")];
        }

        if (received.Select(r => r.DeclaredUnit).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return [new FieldError("Shares", "the chosen footprints state different declared units (" + string.Join(", ", received.Select(r => r.DeclaredUnit).Distinct()) + "); average only footprints of the same unit")];
        }

        var total = shares.Sum(s => s.Weight);
        var value = shares.Sum(s => s.Weight / total * received.First(r => r.Id == s.ReceivedId).KgCo2ePerUnit);
        var suppliers = string.Join(", ", received.Select(r => r.SupplierName).Distinct(StringComparer.Ordinal));
        var source = received.Count == 1
            ? $"PACT footprint {received[0].PfId}{(received[0].SelfDeclared ? " (self-declared)" : string.Empty)}"
            : "Weighted average of " + string.Join("; ", shares.Select(s =>
            {
                var r = received.First(x => x.Id == s.ReceivedId);
                return $"{r.SupplierName} {(s.Weight / total * 100).ToString("0.##", CultureInfo.InvariantCulture)} % (PACT footprint {r.PfId}{(r.SelfDeclared ? ", self-declared" : string.Empty)})";
            }));
        var from = received.Select(r => r.ReferenceFrom).Where(d => d is not null).Min();
        var to = received.Select(r => r.ReferenceTo).Where(d => d is not null).Max();
        var primary = received.All(r => r.PrimaryDataPercent is not null)
            ? $"primary data {shares.Sum(s => s.Weight / total * received.First(r => r.Id == s.ReceivedId).PrimaryDataPercent!.Value).ToString("0.#", CultureInfo.InvariantCulture)} %"
            : null;
        decimal? Weighted(Func<ReceivedFootprint, decimal?> rating) => received.All(r => rating(r) is not null)
            ? shares.Sum(s => s.Weight / total * rating(received.First(r => r.Id == s.ReceivedId))!.Value) : null;
        errors.AddRange(await factors.AddAsync(new CompanyFactorDraft(
            code ?? string.Empty, name ?? string.Empty, value, "kgCO2e/" + received[0].DeclaredUnit, source.Length > 1000 ? source[..1000] : source, primary,
            suppliers.Length > 200 ? suppliers[..200] : suppliers, from is null || to is null ? null : from, from is null || to is null ? null : to,
            Weighted(r => r.TechnologicalDqr), Weighted(r => r.TemporalDqr), Weighted(r => r.GeographicalDqr)), ct));
        return errors;
    }

    /// <summary>Fetches these footprints one by one (a supplier's PublishedEvent names them), keeping those that read.</summary>
    public async Task<string?> FetchIdsAsync(SupplierConnection connection, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var token = await remote.TokenAsync(connection.BaseUrl, connection.ClientId, Secret(connection), ct);
        if (!token.Ok)
        {
            return token.Error;
        }

        var received = new List<ReceivedFootprint>();
        foreach (var id in ids.Distinct().Take(100))
        {
            var one = await remote.FootprintAsync(connection.BaseUrl, connection.SpecMajor, token.Value!, id, ct);
            if (one.Ok && PactReceived.Read(one.Value, connection.SpecMajor, connection.Name, clock.GetUtcNow().UtcDateTime).Value is { } r)
            {
                r.SupplierConnectionId = connection.Id;
                received.Add(r);
            }
        }

        await PactReceived.StoreAsync(db, received, ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private async Task<PactRemote.Outcome<IReadOnlyList<System.Text.Json.Nodes.JsonObject>>> OneAsync(SupplierConnection connection, string token, Guid id, CancellationToken ct)
    {
        var one = await remote.FootprintAsync(connection.BaseUrl, connection.SpecMajor, token, id, ct);
        return one.Ok ? new([one.Value!], null) : new(null, one.Error);
    }

    /// <summary>A product id as the supplier's protocol filters it (v3 productId, v2 $filter).</summary>
    private static string Query(SupplierConnection connection, string? productId) =>
        string.IsNullOrWhiteSpace(productId) ? string.Empty
        : connection.SpecMajor == 3 ? "productId=" + Uri.EscapeDataString(productId.Trim())
        : "$filter=" + Uri.EscapeDataString($"productIds/any(productId:(productId eq '{productId.Trim().Replace("'", "''", StringComparison.Ordinal)}'))");

    private string Secret(SupplierConnection connection) => protection.CreateProtector(PactSender.SecretPurpose).Unprotect(connection.SecretProtected);
}
