using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Features.Factors;

namespace Tanpan.Web.Data;

/// <summary>Applies migrations at start-up and loads the demo company (with its demo API key) when enabled.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public static readonly Guid DemoCompanyId = new("d3a0c0de-0000-4000-8000-000000000001");

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
        // The platform operator's first account; its password is configuration, so change it in production.
        await EnsureUserAsync(users, configuration["Operator:Email"] ?? "operator@tanpan.local", configuration["Operator:Password"] ?? "Tanpan-Operator-2024", null, Roles.OperatorAdmin);

        if (!configuration.GetValue("Demo:Seed", true))
        {
            return;
        }

        if (!await db.Companies.AnyAsync(c => c.Id == DemoCompanyId, cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.Companies.Add(new Company { Id = DemoCompanyId, Name = "示範精密機械股份有限公司 (Demo Precision Machinery)", TaxId = "04595257", Status = CompanyStatus.Approved, Email = "demo@tanpan.local", Region = "台中市", CreatedAtUtc = now, DecidedAtUtc = now });
            var key = configuration["Demo:ApiKey"] ?? "tanpan-demo-key";
            db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), CompanyId = DemoCompanyId, Name = "demo", KeyHash = ApiKeys.Hash(key), Prefix = ApiKeys.PrefixOf(key), Scopes = ApiKeyScopes.Format(Permissions.ApiScopes.Select(p => p.Name)), CreatedAtUtc = now });
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
            logger.LogInformation("Demo company created");
        }

        await EnsureUserAsync(users, configuration["Demo:Email"] ?? "demo@tanpan.local", configuration["Demo:Password"] ?? "Tanpan-Demo-2024", DemoCompanyId, Roles.CompanyAdmin);
    }

    private async Task EnsureUserAsync(UserManager<AppUser> users, string email, string password, Guid? companyId, string role)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CompanyId = companyId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string HashKey(string key) => ApiKeys.Hash(key);
}
