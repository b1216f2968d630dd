using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tanpan.Web.Features.Pact;

/// <summary>Tanpan calling another PACT host: a supplier's (list, get, send a request) or a customer's (answer its
/// request). Tokens come from the host's OpenID discovery, else from <c>{base}/auth/token</c> (a requester may publish
/// no discovery). Addresses are checked before every call: HTTPS only and no private or loopback address, because a
/// URL in an event is anyone's to choose — <c>Pact:AllowPrivateNetworks</c> lifts both for a test bench on loopback.</summary>
public sealed class PactRemote(HttpClient http, IConfiguration configuration)
{
    public const string HttpClientName = "pact";
    private const int MaxPages = 50;

    public sealed record Outcome<T>(T? Value, string? Error)
    {
        public bool Ok => Error is null;
    }

    public async Task<Outcome<string>> TokenAsync(string baseUrl, string clientId, string secret, CancellationToken ct)
    {
        var check = await CheckAsync(baseUrl, ct);
        if (check is not null)
        {
            return new(null, check);
        }

        var endpoints = new List<string>();
        if (await DiscoverAsync(baseUrl, ct) is { } discovered)
        {
            endpoints.Add(discovered);
        }

        endpoints.Add(Combine(baseUrl, "/auth/token"));
        string? last = null;
        foreach (var endpoint in endpoints.Distinct(StringComparer.Ordinal))
        {
            if (await CheckAsync(endpoint, ct) is { } bad)
            {
                last = bad;
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(PactAuth.BasicHeader(clientId, secret));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode && JsonNode.Parse(body)?["access_token"]?.GetValue<string>() is { Length: > 0 } token)
                {
                    return new(token, null);
                }

                last = $"{endpoint}: HTTP {(int)response.StatusCode} {Trim(body)}";
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
            {
                last = $"{endpoint}: {e.Message}";
            }
        }

        return new(null, "No access token: " + last);
    }

    /// <summary>Every page of <c>/{2|3}/footprints</c>, following <c>Link: rel="next"</c> (on the same host only).</summary>
    public async Task<Outcome<IReadOnlyList<JsonObject>>> ListAsync(string baseUrl, int major, string token, string query, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        var url = Combine(baseUrl, $"/{major}/footprints") + (query.Length > 0 ? "?" + query.TrimStart('?') : string.Empty);
        for (var page = 0; url is not null && page < MaxPages; page++)
        {
            var (body, next, error) = await GetAsync(url, token, ct);
            if (error is not null)
            {
                return new(null, error);
            }

            if (body?["data"] is not JsonArray data)
            {
                return new(null, $"{url}: the answer has no data array.");
            }

            items.AddRange(data.OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()));
            url = next is not null && SameHost(next, baseUrl) ? next : null;
        }

        return new(items, null);
    }

    public async Task<Outcome<JsonObject>> FootprintAsync(string baseUrl, int major, string token, Guid id, CancellationToken ct)
    {
        var (body, _, error) = await GetAsync(Combine(baseUrl, $"/{major}/footprints/{id}"), token, ct);
        return error is not null ? new(null, error)
            : body?["data"] is JsonObject pf ? new((JsonObject)pf.DeepClone(), null) : new(null, "The answer has no data object.");
    }

    /// <summary>POSTs a CloudEvent (structured mode) to <c>{base}/{2|3}/events</c>.</summary>
    public async Task<string?> SendEventAsync(string baseUrl, int major, string token, JsonObject cloudEvent, CancellationToken ct)
    {
        var url = Combine(baseUrl, $"/{major}/events");
        if (await CheckAsync(url, ct) is { } bad)
        {
            return bad;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json; charset=UTF-8");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"{url}: HTTP {(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync(ct))}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{url}: {e.Message}";
        }
    }

    private async Task<(JsonObject? Body, string? Next, string? Error)> GetAsync(string url, string token, CancellationToken ct)
    {
        if (await CheckAsync(url, ct) is { } bad)
        {
            return (null, null, bad);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null, $"{url}: HTTP {(int)response.StatusCode} {Trim(text)}");
            }

            var next = response.Headers.TryGetValues("Link", out var links) ? NextLink(string.Join(",", links)) : null;
            return (JsonNode.Parse(text) as JsonObject, next, null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
        {
            return (null, null, $"{url}: {e.Message}");
        }
    }

    private async Task<string?> DiscoverAsync(string baseUrl, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(Combine(baseUrl, "/.well-known/openid-configuration"), ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["token_endpoint"]?.GetValue<string>();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Null when the URL may be called; else why not.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{url} is not an http(s) URL.";
        }

        if (configuration.GetValue("Pact:AllowPrivateNetworks", false))
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"{url}: PACT hosts are called over HTTPS only.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, ct);
        }
        catch (SocketException e)
        {
            return $"{uri.Host}: {e.Message}";
        }

        return addresses.Any(IsPrivate) ? $"{uri.Host} is a private, loopback or link-local address; PACT hosts must be public." : null;
    }

    internal static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork && (b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    /// <summary>The <c>rel="next"</c> target of a Link header (RFC 8288).</summary>
    public static string? NextLink(string header)
    {
        foreach (var part in header.Split(','))
        {
            var segments = part.Split(';');
            var target = segments[0].Trim();
            if (target.StartsWith('<') && target.EndsWith('>') && segments.Skip(1).Any(s => s.Trim().Replace(" ", string.Empty, StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                return target[1..^1];
            }
        }

        return null;
    }

    public static string Combine(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;

    private static bool SameHost(string url, string baseUrl) =>
        Uri.TryCreate(url, UriKind.Absolute, out var a) && Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && a.Scheme == b.Scheme && string.Equals(a.Authority, b.Authority, StringComparison.OrdinalIgnoreCase);

    private static string Trim(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
