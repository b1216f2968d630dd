using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data.Entities;
using Tanpan.Web.Tenancy;

namespace Tanpan.Web.Data;

/// <summary>The one DbContext. Provider subclasses (<see cref="SqliteTanpanDb"/>, <see cref="PostgresTanpanDb"/>)
/// exist only so each provider keeps its own migration set.</summary>
public abstract class TanpanDb(DbContextOptions options, TenantContext tenant) : DbContext(options)
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<CustomFactor> CustomFactors => Set<CustomFactor>();

    /// <summary>Read by the query filters per query, so one model serves every tenant.</summary>
    internal Guid CurrentCompanyId => tenant.CompanyId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Company>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.TaxId).HasMaxLength(8);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId);
        });

        modelBuilder.Entity<CustomFactor>(e =>
        {
            e.Property(f => f.Code).HasMaxLength(64);
            e.Property(f => f.Name).HasMaxLength(200);
            e.Property(f => f.PerUnit).HasMaxLength(32);
            e.Property(f => f.Source).HasMaxLength(1000);
            e.Property(f => f.Version).HasMaxLength(100);
            e.Property(f => f.KgCo2ePerUnit).HasPrecision(28, 12);
            e.HasIndex(f => new { f.CompanyId, f.Code }).IsUnique();
            e.HasOne<Company>().WithMany().HasForeignKey(f => f.CompanyId);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            var parameter = Expression.Parameter(entity.ClrType, "e");
            var companyId = Expression.Property(parameter, nameof(ITenantOwned.CompanyId));
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentCompanyId));
            entity.SetQueryFilter(Expression.Lambda(Expression.Equal(companyId, current), parameter));
        }
    }
}

public sealed class SqliteTanpanDb(DbContextOptions<SqliteTanpanDb> options, TenantContext tenant) : TanpanDb(options, tenant);

public sealed class PostgresTanpanDb(DbContextOptions<PostgresTanpanDb> options, TenantContext tenant) : TanpanDb(options, tenant);
