using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data.Entities;

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

        if (!configuration.GetValue("Demo:Seed", true))
        {
            return;
        }

        if (!await db.Companies.AnyAsync(c => c.Id == DemoCompanyId, cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            db.Companies.Add(new Company { Id = DemoCompanyId, Name = "示範精密機械股份有限公司 (Demo Precision Machinery)", TaxId = "04595257", CreatedAtUtc = now });
            var key = configuration["Demo:ApiKey"] ?? "tanpan-demo-key";
            db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), CompanyId = DemoCompanyId, Name = "demo", KeyHash = HashKey(key), Prefix = key[..Math.Min(8, key.Length)], CreatedAtUtc = now });
            db.CustomFactors.Add(new CustomFactor
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
