using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Pact;
using Tanpan.Web.Features.Products;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Tests.Features.Pact;

/// <summary>The app as a PACT host on a real Kestrel HTTPS port on 127.0.0.1 (its generated self-signed certificate),
/// with the demo lathe's footprint published twice (version 1, deprecated by version 2), an API client granted the
/// lathe, and a requester (<see cref="Listener"/>) that plays the conformance checker's callback side: it has a token
/// endpoint for <c>test_client_id</c> / <c>test_client_secret</c> and no OpenID discovery.</summary>
public sealed class PactBench : IAsyncLifetime
{
    public const string ClientSecretOfDemo = "tps_demo-secret-for-the-pact-tests-0123456789";
    public const string ListenerClientId = "test_client_id";
    public const string ListenerSecret = "test_client_secret";

    public HostApp App { get; } = new();

    public Uri Address { get; private set; } = null!;

    public string ClientId { get; private set; } = null!;

    public Guid CompanyId { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid OldPfId { get; private set; }

    public Guid NewPfId { get; private set; }

    public Requester Listener { get; } = new();

    public async Task InitializeAsync()
    {
        App.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps()));
        App.StartServer();
        Address = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await Listener.StartAsync();

        using (var find = App.Services.CreateScope())
        {
            var db = find.ServiceProvider.GetRequiredService<TanpanDb>();
            var product = await db.Products.IgnoreQueryFilters().FirstAsync(p => p.Model == "Vturn-NP20");
            (CompanyId, ProductId) = (product.CompanyId, product.Id);
        }

        await InCompanyAsync(CompanyId, async (db, services) =>
        {
            await AddLockedVersionAsync(db, ProductId, 2);
            var publish = services.GetRequiredService<PublishFootprint>();
            OldPfId = (await publish.RunAsync(ProductId, 1, default)).Published!.Id;
            NewPfId = (await publish.RunAsync(ProductId, 2, default)).Published!.Id;
            ClientId = await AddClientAsync(services, "Customer ERP", ClientSecretOfDemo, [ProductId], withCallback: true);
        });
    }

    public async Task DisposeAsync()
    {
        await Listener.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A client that trusts the bench's self-signed certificate (and only on this bench).</summary>
    public HttpClient Https() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { BaseAddress = Address };

    public async Task<string> TokenAsync(string? clientId = null, string? secret = null)
    {
        using var http = Https();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(PactAuth.BasicHeader(clientId ?? ClientId, secret ?? ClientSecretOfDemo));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    public async Task<HttpClient> AuthorizedAsync(string? clientId = null, string? secret = null)
    {
        var http = Https();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(clientId, secret));
        return http;
    }

    public async Task InCompanyAsync(Guid companyId, Func<TanpanDb, IServiceProvider, Task> work)
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "pact-bench", PrincipalKind.System);
        await work(scope.ServiceProvider.GetRequiredService<TanpanDb>(), scope.ServiceProvider);
    }

    /// <summary>A second locked version of a product: its version 1 record as a new numbered version (what locking
    /// again after a BOM change writes), sealed like every locked record.</summary>
    public static async Task AddLockedVersionAsync(TanpanDb db, Guid productId, int version)
    {
        var first = await db.ProductFootprints.FirstAsync(v => v.ProductId == productId && v.Version == 1);
        var record = ProductFootprints.Read(first)! with { Version = version };
        var (json, hash) = CanonicalJson.Seal(record);
        db.ProductFootprints.Add(new ProductFootprintVersion
        {
            ProductId = productId, Version = version, SchemaVersion = record.SchemaVersion, TotalKgCo2e = first.TotalKgCo2e, RecordJson = json, RecordHash = hash,
            LockedBy = "pact-bench", LockedAtUtc = first.LockedAtUtc.AddDays(version),
        });
        await db.SaveChangesAsync();
    }

    public static async Task<string> AddClientAsync(IServiceProvider services, string name, string secret, IReadOnlyList<Guid> products, bool withCallback)
    {
        var db = services.GetRequiredService<TanpanDb>();
        var protector = services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector(PactSender.SecretPurpose);
        var client = new PactClient
        {
            Name = name, ClientId = PactAuth.NewClientId(), SecretHash = PactAuth.Hash(secret), CreatedAtUtc = DateTime.UtcNow,
            CallbackClientId = withCallback ? ListenerClientId : null, CallbackSecretProtected = withCallback ? Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(protector, ListenerSecret) : null,
        };
        db.PactClients.Add(client);
        db.PactClientGrants.AddRange(products.Select(p => new PactClientGrant { PactClientId = client.Id, ProductId = p }));
        await db.SaveChangesAsync();
        return client.ClientId;
    }

    public sealed class HostApp : TanpanApp
    {
        public HostApp()
            : base(Provider.Sqlite)
        {
        }

        protected override bool SeedsDemoData => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The requester listens on loopback over plain HTTP, as the checker's test bench does.
            builder.UseSetting("Pact:AllowPrivateNetworks", "true");
        }
    }

    /// <summary>The requester's side: a token endpoint (Basic test_client_id:test_client_secret, no discovery) and
    /// <c>/2/events</c>, <c>/3/events</c> that record what arrives. <see cref="FailNext"/> answers 503 that many times.</summary>
    public sealed class Requester : IAsyncDisposable
    {
        private WebApplication? _app;

        public string BaseUrl { get; private set; } = null!;

        public ConcurrentQueue<Received> Events { get; } = new();

        private int _failNext;

        /// <summary>Answers 503 to the next n events.</summary>
        public void FailNext(int n) => Interlocked.Exchange(ref _failNext, n);

        public sealed record Received(string Path, string? ContentType, string? Authorization, JsonObject Body);

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.MapPost("/auth/token", (HttpContext http) =>
            {
                var (id, secret) = PactAuth.BasicCredentials(http.Request.Headers.Authorization.ToString());
                return id == ListenerClientId && secret == ListenerSecret
                    ? Results.Text("""{"access_token":"listener-token"}""", "application/json")
                    : Results.Text("""{"error":"invalid_client"}""", "application/json", statusCode: 401);
            });
            foreach (var path in new[] { "/2/events", "/3/events" })
            {
                _app.MapPost(path, async (HttpContext http) =>
                {
                    if (Interlocked.Decrement(ref _failNext) >= 0)
                    {
                        return Results.StatusCode(503);
                    }

                    using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
                    var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
                    Events.Enqueue(new Received(http.Request.Path, http.Request.ContentType, http.Request.Headers.Authorization.ToString(), body));
                    return Results.Ok();
                });
            }

            await _app.StartAsync();
            BaseUrl = _app.Urls.First();
        }

        /// <summary>Waits (up to 30 s, the checker's patience) for the answer to the request with this id.</summary>
        public async Task<Received> AnswerToAsync(string requestEventId)
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until)
            {
                var found = Events.FirstOrDefault(e => e.Body["data"]?["requestEventId"]?.GetValue<string>() == requestEventId);
                if (found is not null)
                {
                    return found;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"No answer to request {requestEventId} within 30 s.");
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}

/// <summary>The specification's JSON Schemas (as the checker validates), loaded once.</summary>
public static class PactSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Loaded = new();

    public static IReadOnlyList<string> Errors(string name, JsonNode body)
    {
        var schema = Loaded.GetOrAdd(name, n => new Lazy<JsonSchema>(() =>
            JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Pact", "Schemas", $"pact-{n}.schema.json")).GetAwaiter().GetResult())).Value;
        return schema.Validate(body.ToJsonString()).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }

    public static void AssertValid(string name, JsonNode body)
    {
        var errors = Errors(name, body);
        Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}\n{body.ToJsonString()[..Math.Min(3000, body.ToJsonString().Length)]}");
    }
}
