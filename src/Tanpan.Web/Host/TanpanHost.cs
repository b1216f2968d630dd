using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Scalar.AspNetCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Features.Accounts;
using Tanpan.Web.Features.Calculations;
using Tanpan.Web.Features.Exposure;
using Tanpan.Web.Features.Factors;
using Tanpan.Web.Features.QuickCalculator;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Features.Pact;
using Tanpan.Web.Features.Products;
using Tanpan.Web.Features.Reduction;
using Tanpan.Web.Features.Storage;
using Tanpan.Web.Features.Tariffs;
using Tanpan.Web.Features.WorkOrders;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Host;

/// <summary>All wiring lives here so Program.cs stays a few lines (eShop shape).</summary>
public static class TanpanHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";


    public static WebApplicationBuilder AddTanpan(this WebApplicationBuilder builder)
    {
        // Only when nothing chose an address (--urls, ASPNETCORE_URLS, Kestrel:Endpoints) does the default apply.
        // Https:Port adds an HTTPS address on loopback beside the HTTP one (PACT partners must be served over TLS).
        var httpsPort = builder.Configuration.GetValue<int?>("Https:Port");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(httpsPort is { } port ? [DefaultUrl, $"https://127.0.0.1:{port}"] : [DefaultUrl]);
        }

        // Every HTTPS address serves the configured certificate, else a generated self-signed one. A plain-HTTP
        // request on an HTTPS port fails the TLS handshake and is not answered.
        // Loaded on the first TLS handshake, not at start: an app without HTTPS never makes a certificate.
        var certificate = new Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2>(() =>
            HttpsCertificate.Load(builder.Configuration, builder.Environment.ContentRootPath, TimeProvider.System));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (_, _) => certificate.Value));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FactorLibrary.Shipped);
        services.AddSingleton(sp => new FactorResolver(sp.GetRequiredService<FactorLibrary>()));
        services.AddSingleton(sp => new Engine.Jobs.JobCalculator(new Engine.Inventory.InventoryCalculator(sp.GetRequiredService<FactorResolver>())));
        services.AddSingleton(sp => new Engine.Footprint.FootprintCalculator(new Engine.Inventory.InventoryCalculator(sp.GetRequiredService<FactorResolver>())));
        // Pages live with their feature (Features/<Area>/Pages); every page declares its own absolute route.
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        // Pages are Traditional Chinese: emit the characters, not &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<TenantScope>();
        services.AddScoped<Data.PcrCatalogs>();
        services.AddTanpanAuthorization();
        builder.AddTanpanData();
        // Migrations and first-start accounts before anything else that starts with the host reads the database.
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<StoredRecordUpgrader>();
        builder.AddTanpanAccounts();
        services.AddFactors().AddInventory().AddWorkOrders().AddQuickCalculator().AddProducts().AddPact(builder.Configuration).AddMeters(builder.Configuration).AddReduction().AddExposure().AddTariffs();

        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = 32,
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(CalculationsJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
        };
        services.AddSingleton(new ApiJson(json));
        // Chinese source names are written as UTF-8, not \uXXXX escapes: readable, and half the bytes.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, CalculationsJsonContext.Default);
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionHandler>();
        services.AddOpenApi();

        var permits = builder.Configuration.GetValue("RateLimiting:CalculationsPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    await TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: $"At most {permits} calculation requests per minute per client.").ExecuteAsync(http);
                }
                else
                {
                    await TooManyRequestsPage.WriteAsync(http, retryAfter, ct);
                }
            };
            o.AddPolicy(RateLimitPolicies.Calculations, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Key(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddAccountPolicies(builder.Configuration);
        });
        return builder;
    }

    public static WebApplication MapTanpan(this WebApplication app)
    {
        // First, so that every response gets the headers, including those the exception handler writes.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // People get an error page in their language (re-executed, with the status kept); API clients ProblemDetails.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = ErrorPages.ServerErrorPath,
            StatusCodeSelector = ExceptionHandler.StatusFor,
        });
        app.UseWhen(ErrorPages.ForPeople, people => people.UseStatusCodePagesWithReExecute(ErrorPages.PathFormat));
        app.UseWhen(http => !ErrorPages.ForPeople(http), clients => clients.UseStatusCodePages());
        // Routing after the error middleware, so that a re-executed /error/{code} is routed to its page.
        app.UseRouting();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<PrincipalMiddleware>();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        // Served from this host only: a per-request nonce for its inline boot script (SecurityHeadersMiddleware reads it),
        // no fonts from Scalar's CDN and no telemetry, which the CSP would block anyway.
        app.MapScalarApiReference(SecurityHeadersMiddleware.ApiReferencePath, o => o.WithTitle("Tanpan API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce().DisableDefaultFonts().DisableTelemetry()
            // Nothing that needs the internet: no hosted API client, no AI agent, no MCP, no developer tools.
            .HideClientButton().DisableAgent().DisableMcp().HideDeveloperTools());

        var api = app.MapGroup("/api/v1");
        api.MapCalculations();
        api.MapStorage();
        api.MapTariffs();
        api.MapQuickCalculator();
        api.MapFactors();
        api.MapWorkOrders();
        api.MapMeters();
        api.MapReduction();
        api.MapExposure();
        app.MapPact();
        app.MapRazorPages();
        app.MapFormerJobPages();
        app.MapFormerFactorPage();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
        return app;
    }
}
