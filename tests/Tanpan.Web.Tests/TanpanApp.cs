using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tanpan.Web.Tests.Infrastructure;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Tests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>The real app over a real database of its own (a temp SQLite file, or a fresh database in the
/// PostgreSQL cluster that ./test.sh starts), with intent methods for tests.</summary>
public abstract class TanpanApp : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string? _postgresDatabase;
    private readonly string? _sqliteFile;

    protected TanpanApp(Provider provider)
    {
        Provider = provider;
        if (provider == Provider.Postgres)
        {
            var server = Environment.GetEnvironmentVariable("TANPAN_TEST_POSTGRES")
                ?? throw new InvalidOperationException("TANPAN_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");
            _postgresDatabase = "tanpan_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var conn = new NpgsqlConnection(server))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", conn);
                cmd.ExecuteNonQuery();
            }

            _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"tanpan-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
        }
    }

    /// <summary>A second app on the database of <paramref name="other"/> (two nodes of one deployment); the first owns it.</summary>
    protected TanpanApp(TanpanApp other)
    {
        Provider = other.Provider;
        _connectionString = other._connectionString;
    }

    public Provider Provider { get; }

    /// <summary>Settings a subclass adds (a broker, a node's client id).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    /// <summary>The real SMTP server the app sends through.</summary>
    public SmtpSink Mail { get; } = new();

    public const string OperatorEmail = "operator@test.local";
    public const string OperatorPassword = "Operator-Pass-2024";

    protected virtual int CalculationsPerMinute => 1_000_000;

    /// <summary>Sign-in, reset, registration and invitation posts per address and minute. Tests share one address
    /// unless they send <see cref="ClientAddressHeader"/>, so the shipped limits are lifted here.</summary>
    protected virtual int AccountFormsPerMinute => 1_000_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(Provider == Provider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite", _connectionString);
        builder.UseSetting("RateLimiting:CalculationsPerMinute", CalculationsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var limit in new[] { "SignInPerMinute", "PasswordResetPerMinute", "RegistrationPerMinute", "InvitationsPerMinute" })
        {
            builder.UseSetting("RateLimiting:" + limit, AccountFormsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Operator:Email", OperatorEmail);
        if (ConfiguresSecrets)
        {
            builder.UseSetting("Operator:Password", OperatorPassword);
            builder.UseSetting("Demo:ApiKey", DemoApiKey);
            builder.UseSetting("Demo:Password", DemoPassword);
        }

        builder.UseSetting("Demo:Seed", SeedsDemo ? "true" : "false");
        builder.UseSetting("Demo:Data", SeedsDemoData ? "true" : "false");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            ConfigureTestServices(services);
        });
    }

    /// <summary>Lets a subclass replace services (a fake clock, a log capture) after the app registered its own.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>The test server has no network peer; a test names the caller's address in this header instead, so limits
    /// and throttles keyed by address can be seen working.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && System.Net.IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public const string DemoApiKey = "demo-key-for-tests";

    public const string DemoEmail = "demo@tanpan.local";

    public const string DemoPassword = "Demo-Pass-for-tests-7";

    /// <summary>Whether the demo company, its user and its key are seeded (most tests sign in as the demo user).</summary>
    protected virtual bool SeedsDemo => true;

    /// <summary>Whether the demo company also gets its inventories and work orders (most tests start it empty, as a
    /// new member would be; the demo-tour tests turn this on).</summary>
    protected virtual bool SeedsDemoData => false;

    /// <summary>Whether the operator and demo passwords and the demo key come from configuration (else they are generated).</summary>
    protected virtual bool ConfiguresSecrets => true;

    /// <summary>Creates a company with an API key, straight in the database, and returns a client that uses the key.</summary>
    public async Task<(Guid CompanyId, HttpClient Client)> CreateCompanyAsync(string name)
    {
        var companyId = Guid.NewGuid();
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            db.Companies.Add(new Company { Id = companyId, Name = name, CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        return (companyId, await CreateApiClientAsync(companyId));
    }

    /// <summary>A client with a new API key (every scope) of an existing company, as an ERP or a meter gateway calls.</summary>
    public async Task<HttpClient> CreateApiClientAsync(Guid companyId)
    {
        var key = "key-" + Guid.NewGuid().ToString("N");
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), CompanyId = companyId, Name = "test", KeyHash = Tanpan.Web.Platform.Security.ApiKeys.Hash(key), Prefix = key[..8], Scopes = Tanpan.Web.Platform.Security.ApiKeyScopes.Format(Tanpan.Web.Platform.Security.Permission.ApiScopes.Select(p => p.Name)), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public const string CompanyUserPassword = "Company-Pass-2024";

    /// <summary>Creates an approved company with a user in <paramref name="role"/>, and returns a signed-in browser-like client.</summary>
    public async Task<(Guid CompanyId, HttpClient Client)> SignInAsNewCompanyUserAsync(string companyName, string role = Roles.CompanyAdmin)
    {
        var companyId = await CreateApprovedCompanyAsync(companyName);
        var email = await CreateUserAsync(companyId, role);
        return (companyId, await SignInAsync(email, CompanyUserPassword));
    }

    /// <summary>An approved company, straight in the database.</summary>
    public async Task<Guid> CreateApprovedCompanyAsync(string name)
    {
        var companyId = Guid.NewGuid();
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        db.Companies.Add(new Company { Id = companyId, Name = name, Status = CompanyStatus.Approved, CreatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return companyId;
    }

    /// <summary>A user of <paramref name="companyId"/> with <see cref="CompanyUserPassword"/>; returns the e-mail (= account name).</summary>
    public async Task<string> CreateUserAsync(Guid companyId, string role = Roles.CompanyAdmin)
    {
        var email = $"u-{Guid.NewGuid():N}@example.test";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, CompanyId = companyId, CreatedAtUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, CompanyUserPassword)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return email;
    }

    /// <summary>A browser-like client (cookies kept), optionally from <paramref name="address"/>.</summary>
    public HttpClient Browser(string? address = null, bool followRedirects = true)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        }

        return client;
    }

    /// <summary>Signs in through the login form and asserts it worked.</summary>
    public async Task<HttpClient> SignInAsync(string account, string password, string? address = null)
    {
        var client = Browser(address);
        var response = await Forms.PostAsync(client, "/login", [new("Account", account), new("Password", password)]);
        Assert.Contains("data-testid=\"nav-account\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return client;
    }

    /// <summary>Adds a user with <paramref name="role"/> to an existing company and returns a signed-in client.</summary>
    public async Task<HttpClient> SignInAsColleagueAsync(Guid companyId, string role)
    {
        var (email, password) = await CreateColleagueAsync(companyId, role);
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        var response = await Forms.PostAsync(client, "/login", [new("Account", email), new("Password", password)]);
        Assert.Contains("data-testid=\"nav-account\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return client;
    }

    /// <summary>Adds a user with <paramref name="role"/> to an existing company, straight in the database.</summary>
    public async Task<(string Email, string Password)> CreateColleagueAsync(Guid companyId, string role)
    {
        var email = $"colleague-{Guid.NewGuid():N}@example.test";
        const string password = "Colleague-Pass-2024";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, CompanyId = companyId, CreatedAtUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return (email, password);
    }

    /// <summary>Posts an inventory calculation with the full factor traces (<c>?include=factors</c>).</summary>
    public Task<HttpResponseMessage> PostInventoryAsync(object body, HttpClient? client = null) =>
        (client ?? CreateClient()).PostAsJsonAsync("/api/v1/calculations/inventory?include=factors", body);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        Mail.Dispose();

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("TANPAN_TEST_POSTGRES"));
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }

        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}

public sealed class SqliteApp() : TanpanApp(Provider.Sqlite);

public sealed class PostgresApp() : TanpanApp(Provider.Postgres);

/// <summary>An app with a tiny rate limit, to see the limiter answer.</summary>
public sealed class RateLimitedApp() : TanpanApp(Provider.Sqlite)
{
    protected override int CalculationsPerMinute => 3;
}
