using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Data;

/// <summary>The one DbContext. Each feature owns its entities and their <see cref="IEntityTypeConfiguration{T}"/>,
/// found here by assembly scan, and adds its own sets as extension members (<c>db.WorkOrders</c>).
/// Provider subclasses (<see cref="SqliteTanpanDb"/>, <see cref="PostgresTanpanDb"/>) exist only so each provider
/// keeps its own migration set.</summary>
public abstract class TanpanDb(DbContextOptions options, TenantScope tenant) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    /// <summary>Read by the query filters per query, so one model serves every tenant.</summary>
    internal Guid CurrentCompanyId => tenant.CompanyId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TanpanDb).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            var parameter = Expression.Parameter(entity.ClrType, "e");
            var companyId = Expression.Property(parameter, nameof(ITenantOwned.CompanyId));
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentCompanyId));
            entity.SetQueryFilter(Expression.Lambda(Expression.Equal(companyId, current), parameter));
        }
    }
}

public sealed class SqliteTanpanDb(DbContextOptions<SqliteTanpanDb> options, TenantScope tenant) : TanpanDb(options, tenant);

public sealed class PostgresTanpanDb(DbContextOptions<PostgresTanpanDb> options, TenantScope tenant) : TanpanDb(options, tenant);
