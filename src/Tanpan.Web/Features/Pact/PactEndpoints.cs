using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.Pact;

/// <summary>The PACT host: OpenID discovery, the token endpoint, and per major version (<c>/3</c> v3.0, <c>/2</c>
/// v2.3) ListFootprints, GetFootprint and Events. The bearer token is checked before these run
/// (<see cref="PactAuth.AuthenticateAsync"/>, from the principal middleware); a client sees only footprints of its
/// company's products it was granted.</summary>
public static class PactEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>The paths whose one principal is a PACT bearer token.</summary>
    public static bool IsPactPath(PathString path) =>
        path.StartsWithSegments("/3", StringComparison.Ordinal) || path.StartsWithSegments("/2", StringComparison.Ordinal);

    public static WebApplication MapPact(this WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var issuer = Origin(http);
            return TypedResults.Json(new JsonObject
            {
                ["issuer"] = issuer,
                ["token_endpoint"] = issuer + "/auth/token",
                ["grant_types_supported"] = new JsonArray("client_credentials"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
                ["response_types_supported"] = new JsonArray("token"),
            }, contentType: "application/json");
        }).ExcludeFromDescription();
        app.MapPost("/auth/token", PactAuth.IssueTokenAsync).DisableAntiforgery().ExcludeFromDescription();

        foreach (var major in new[] { 3, 2 })
        {
            var group = app.MapGroup("/" + major).ExcludeFromDescription().DisableAntiforgery();
            group.MapGet("/footprints", (HttpContext http, TanpanDb db, CancellationToken ct) => ListAsync(http, db, major, ct));
            group.MapGet("/footprints/{id}", (string id, HttpContext http, TanpanDb db, CancellationToken ct) => GetAsync(id, http, db, major, ct));
            group.MapPost("/events", (HttpContext http, PactEvents events, CancellationToken ct) => events.ReceiveAsync(http, major, ct));
        }

        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, TanpanDb db, int major, CancellationToken ct)
    {
        var query = http.Request.Query;
        if (!TryCount(query["limit"], 1, out var limit) || !TryCount(query["offset"], 0, out var offset))
        {
            return new BadRequestError("pact.paging", "limit must be a whole number ≥ 1 and offset a whole number ≥ 0.").ToPact(major);
        }

        Func<Served, bool> matches;
        if (major == 3)
        {
            var filter = PactFilter.FromQuery(query);
            matches = f => filter.Matches(f.Record, f.Row.Status);
        }
        else if (!string.IsNullOrEmpty(query["$filter"]))
        {
            var parsed = PactODataFilter.Parse(query["$filter"].ToString());
            if (parsed is null)
            {
                return new BadRequestError(PactCodes.NotImplemented, "This $filter is not supported. Supported: productIds/any(p:(p eq '…')), companyIds/any(c:(c eq '…')), productCategoryCpc, pcf/geographyCountry, pcf/referencePeriodStart, pcf/referencePeriodEnd, created, updated with eq ge gt le lt, joined by and.").ToPact(major);
            }

            matches = f => parsed(f.Record, f.Row.DeprecatedAtUtc);
        }
        else
        {
            matches = _ => true;
        }

        var size = Math.Min(limit ?? DefaultPageSize, MaxPageSize);
        var all = (await ServedAsync(http, db, ct)).Where(matches).ToList();
        var start = offset ?? 0;
        var page = all.Skip(start).Take(size).ToList();
        if (start + size < all.Count)
        {
            // Every other parameter is kept; the next page is the request's own URL with the offset moved on.
            var next = new QueryBuilder(query.Where(p => p.Key is not ("offset" or "limit")).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty))))
            {
                { "limit", size.ToString(CultureInfo.InvariantCulture) },
                { "offset", (start + size).ToString(CultureInfo.InvariantCulture) },
            };
            http.Response.Headers.Link = $"<{Origin(http)}{http.Request.PathBase}{http.Request.Path}{next.ToQueryString()}>; rel=\"next\"";
        }

        var data = new JsonArray(page.Select(f => (JsonNode)Render(f, major)).ToArray());
        return TypedResults.Json(new JsonObject { ["data"] = data }, contentType: "application/json");
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TanpanDb db, int major, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var pfId))
        {
            return new BadRequestError("pact.id", "The footprint id must be a UUID.").ToPact(major);
        }

        var served = await ServedAsync(http, db, ct, pfId);
        var found = served.Count > 0 ? served[0] : null;
        return found is null
            ? new NotFoundError("pact.not-found", $"No footprint {pfId} is available to this client.").ToPact(major)
            : TypedResults.Json(new JsonObject { ["data"] = Render(found, major) }, contentType: "application/json");
    }

    public sealed record Served(PublishedFootprint Row, StoredPactFootprint Record);

    /// <summary>The footprints the request's client may see, newest first, each verified against its hash (a record
    /// altered behind the application is not served).</summary>
    internal static async Task<IReadOnlyList<Served>> ServedAsync(HttpContext http, TanpanDb db, CancellationToken ct, Guid? only = null)
    {
        var client = PactAuth.ClientOf(http.User);
        return await VisibleAsync(db, client, ct, only);
    }

    internal static async Task<IReadOnlyList<Served>> VisibleAsync(TanpanDb db, Guid client, CancellationToken ct, Guid? only = null)
    {
        var granted = db.PactClientGrants.Where(g => g.PactClientId == client).Select(g => g.ProductId);
        var rows = await db.PactFootprints.AsNoTracking()
            .Where(f => granted.Contains(f.ProductId) && (only == null || f.Id == only))
            .OrderByDescending(f => f.CreatedAtUtc).ThenBy(f => f.Id).ToListAsync(ct);
        return rows.Select(r => PublishedFootprint.Read(r) is { } record ? new Served(r, record) : null).OfType<Served>().ToList();
    }

    public static JsonObject Render(Served f, int major) =>
        major == 3 ? PactFormat.V3(f.Record, f.Row.Status) : PactFormat.V2(f.Record, f.Row.Status, f.Row.DeprecatedAtUtc);

    /// <summary>The request's own scheme://host, for links back to this host.</summary>
    public static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static bool TryCount(Microsoft.Extensions.Primitives.StringValues values, int min, out int? count)
    {
        count = null;
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return true;
        }

        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min)
        {
            count = n;
            return true;
        }

        return false;
    }
}
