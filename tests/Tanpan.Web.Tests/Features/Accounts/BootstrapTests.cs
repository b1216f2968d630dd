using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tanpan.Web.Data;
using Tanpan.Web.Host;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Accounts;

/// <summary>A first start with nothing configured: no operator password, no demo secrets. The logs are captured.</summary>
public abstract class FirstStartApp(Provider provider, bool seedsDemo) : TanpanApp(provider)
{
    public LogCapture Logs { get; } = new();

    protected override bool ConfiguresSecrets => false;

    protected override bool SeedsDemo => seedsDemo;

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);

    /// <summary>The structured values of the warnings the initializer wrote.</summary>
    public IReadOnlyList<LogCapture.Entry> InitializerWarnings() =>
        Logs.Entries.Where(e => e.Category == typeof(DatabaseInitializer).FullName && e.Level == LogLevel.Warning).ToList();
}

public sealed class FreshInstallApp_Sqlite() : FirstStartApp(Provider.Sqlite, seedsDemo: false);

public sealed class FreshInstallApp_Postgres() : FirstStartApp(Provider.Postgres, seedsDemo: false);

public sealed class GeneratedDemoApp_Sqlite() : FirstStartApp(Provider.Sqlite, seedsDemo: true);

public sealed class GeneratedDemoApp_Postgres() : FirstStartApp(Provider.Postgres, seedsDemo: true);

public sealed class FreshInstallTests_Sqlite(FreshInstallApp_Sqlite app) : FreshInstallTests(app), IClassFixture<FreshInstallApp_Sqlite>;

public sealed class FreshInstallTests_Postgres(FreshInstallApp_Postgres app) : FreshInstallTests(app), IClassFixture<FreshInstallApp_Postgres>;

/// <summary>DESIGN §7: the operator's first password is generated at first start, never shipped; without Demo:Seed
/// there is no demo company, user or key.</summary>
public abstract class FreshInstallTests(FirstStartApp app)
{
    [Fact]
    public async Task OperatorPassword_IsGenerated_LoggedOnceAsAWarning_AndSignsIn()
    {
        _ = app.Services;
        var warning = Assert.Single(app.InitializerWarnings());
        var password = Assert.IsType<string>(warning.Values["Password"]);
        Assert.Equal(TanpanApp.OperatorEmail, warning.Values["Email"]);
        Assert.Contains(password, warning.Message, StringComparison.Ordinal);
        Assert.Contains("Operator:Password", warning.Message, StringComparison.Ordinal);
        Assert.True(password.Length >= 20, password);

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var html = await (await Forms.PostAsync(client, "/login", [new("Account", TanpanApp.OperatorEmail), new("Password", password)])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"nav-account\"", html, StringComparison.Ordinal);

        // A restart on the same database creates nothing and so prints nothing.
        await using (var restarted = app.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Services;
        }

        Assert.Single(app.InitializerWarnings());
    }

    [Fact]
    public async Task GeneratedPasswords_DifferEachTime_AndMeetThePasswordRules()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var passwords = Enumerable.Range(0, 50).Select(_ => GeneratedSecrets.Password()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        foreach (var password in passwords)
        {
            foreach (var validator in users.PasswordValidators)
            {
                Assert.True((await validator.ValidateAsync(users, new AppUser(), password)).Succeeded, password);
            }
        }
    }

    [Fact]
    public async Task WithoutDemoSeed_ThereIsNoDemoCompanyUserOrKey()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            Assert.False(await db.Companies.AnyAsync(c => c.Id == DatabaseInitializer.DemoCompanyId));
            Assert.False(await db.Companies.AnyAsync());
            Assert.False(await db.ApiKeys.IgnoreQueryFilters().AnyAsync());
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(TanpanApp.DemoEmail));
        }

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TanpanApp.DemoApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/custom-factors")).StatusCode);
    }
}

public sealed class GeneratedDemoTests_Sqlite(GeneratedDemoApp_Sqlite app) : GeneratedDemoTests(app), IClassFixture<GeneratedDemoApp_Sqlite>;

public sealed class GeneratedDemoTests_Postgres(GeneratedDemoApp_Postgres app) : GeneratedDemoTests(app), IClassFixture<GeneratedDemoApp_Postgres>;

/// <summary>With Demo:Seed on and no demo secrets configured, the demo password and API key are generated and printed once.</summary>
public abstract class GeneratedDemoTests(FirstStartApp app)
{
    [Fact]
    public async Task DemoPasswordAndKey_AreGenerated_PrintedOnce_AndWork()
    {
        _ = app.Services;
        var warnings = app.InitializerWarnings();
        Assert.Equal(3, warnings.Count);
        var key = Assert.IsType<string>(Assert.Single(warnings, w => w.Values.ContainsKey("ApiKey")).Values["ApiKey"]);
        var demo = Assert.Single(warnings, w => Equals(w.Values.GetValueOrDefault("Email"), TanpanApp.DemoEmail));
        var password = Assert.IsType<string>(demo.Values["Password"]);

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Contains("steam-park", await api.GetStringAsync("/api/v1/custom-factors"), StringComparison.Ordinal);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var home = await (await Forms.PostAsync(browser, "/login", [new("Account", TanpanApp.DemoEmail), new("Password", password)])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"company-name\"", home, StringComparison.Ordinal);
    }
}

/// <summary>The old shipped secrets are gone from the code and the shipped configuration.</summary>
public sealed class ShippedSecretsTests
{
    [Theory]
    [InlineData("Tanpan-Operator-2024")]
    [InlineData("Tanpan-Demo-2024")]
    [InlineData("tanpan-demo-key")]
    public void FormerDefault_AppearsNowhereInSourceConfigurationOrReadme(string secret)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Tanpan.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("repository root not found");
        }

        var files = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetExtension(f) is ".cs" or ".json" or ".cshtml" or ".html" or ".js" or ".md")
            .Append(Path.Combine(root.FullName, "README.md"))
            .ToList();

        Assert.Contains(files, f => f.EndsWith("appsettings.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("DatabaseInitializer.cs", StringComparison.Ordinal));
        Assert.All(files, f => Assert.False(File.ReadAllText(f).Contains(secret, StringComparison.OrdinalIgnoreCase), $"{f} contains {secret}"));
    }
}
