using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Factors;

namespace Tanpan.Web.Host;

/// <summary>Applies migrations at start-up, creates the operator's first account, and loads the demo company (with its
/// demo user and API key) only when <c>Demo:Seed</c> is on. No password or key is a shipped constant: each is taken
/// from configuration or generated here and written to the log once, when its account is created.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public static readonly Guid DemoCompanyId = new("d3a0c0de-0000-4000-8000-000000000001");

    public const string DefaultOperatorEmail = "operator@tanpan.local";

    public const string DefaultDemoEmail = "demo@tanpan.local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        await db.Database.MigrateAsync(cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var operatorEmail = configuration["Operator:Email"] ?? DefaultOperatorEmail;
        var operatorPassword = configuration["Operator:Password"];
        var generatedOperatorPassword = GeneratedSecrets.Password();
        if (await EnsureUserAsync(users, operatorEmail, operatorPassword ?? generatedOperatorPassword, null, Roles.OperatorAdmin) && operatorPassword is null)
        {
            logger.LogWarning("The platform operator's account {Email} was created with a generated password, shown only this once: keep it somewhere safe (set Operator:Password before the first start to choose it instead). Password: {Password}", operatorEmail, generatedOperatorPassword);
        }

        if (!configuration.GetValue("Demo:Seed", false))
        {
            return;
        }

        if (!await db.Companies.AnyAsync(c => c.Id == DemoCompanyId, cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.Companies.Add(new Company { Id = DemoCompanyId, Name = "示範精密機械股份有限公司 (Demo Precision Machinery)", TaxId = "04595257", Status = CompanyStatus.Approved, Email = DefaultDemoEmail, Region = "臺中市", CreatedAtUtc = now, DecidedAtUtc = now });
            var configuredKey = configuration["Demo:ApiKey"];
            var key = configuredKey ?? ApiKeys.Generate();
            db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), CompanyId = DemoCompanyId, Name = "demo", KeyHash = ApiKeys.Hash(key), Prefix = ApiKeys.PrefixOf(key), Scopes = ApiKeyScopes.Format(Permission.ApiScopes.Select(p => p.Name)), CreatedAtUtc = now });
            db.CustomFactors.Add(new CompanyFactor
            {
                Id = Guid.NewGuid(),
                CompanyId = DemoCompanyId,
                Code = "steam-park",
                Name = "工業區汽電共生蒸汽 (demo)",
                KgCo2ePerUnit = 215m,
                PerUnit = "t",
                Source = "demo: supplier's 2024 steam declaration",
                Year = 2024,
                CreatedAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            if (configuredKey is null)
            {
                logger.LogWarning("Demo company created (Demo:Seed is on) with a generated API key, shown only this once (set Demo:ApiKey to choose it instead). API key: {ApiKey}", key);
            }
            else
            {
                logger.LogInformation("Demo company created (Demo:Seed is on) with the API key from Demo:ApiKey");
            }
        }

        var demoEmail = configuration["Demo:Email"] ?? DefaultDemoEmail;
        var demoPassword = configuration["Demo:Password"];
        var generatedDemoPassword = GeneratedSecrets.Password();
        if (await EnsureUserAsync(users, demoEmail, demoPassword ?? generatedDemoPassword, DemoCompanyId, Roles.CompanyAdmin) && demoPassword is null)
        {
            logger.LogWarning("The demo company's user {Email} was created with a generated password, shown only this once (set Demo:Password to choose it instead). Password: {Password}", demoEmail, generatedDemoPassword);
        }

        // The demo's inventories and work orders (on unless Demo:Data is false): every page shows something on first start.
        if (configuration.GetValue("Demo:Data", true))
        {
            await DemoData.SeedAsync(services, DemoCompanyId, clock, cancellationToken);
            await Features.Portal.PortalDemo.SeedAsync(services, DemoCompanyId, clock, cancellationToken);
        }
    }

    /// <summary>Creates the user unless one with that e-mail exists; says whether it did.</summary>
    private async Task<bool> EnsureUserAsync(UserManager<AppUser> users, string email, string password, Guid? companyId, string role)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CompanyId = companyId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
        return true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string HashKey(string key) => ApiKeys.Hash(key);
}
