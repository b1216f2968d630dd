using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Data.Interceptors;

/// <summary>Stamps new tenant rows with the scope's company and refuses to save a row of another company, so a
/// handler or worker that forgets the tenant cannot leak or overwrite data. Reads only <see cref="TenantScope"/>.</summary>
public sealed class TenantStampInterceptor(TenantScope tenant) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity.CompanyId == Guid.Empty:
                    // A row without a company cannot exist; which company comes from the scope, never from input.
                    entry.Entity.CompanyId = tenant.HasCompany
                        ? tenant.CompanyId
                        : throw new InvalidOperationException($"A {entry.Entity.GetType().Name} cannot be created outside a tenant scope.");
                    break;
                case EntityState.Added or EntityState.Modified or EntityState.Deleted when tenant.HasCompany && entry.Entity.CompanyId != tenant.CompanyId:
                    throw new InvalidOperationException($"A {entry.Entity.GetType().Name} of another company cannot be saved.");
            }
        }
    }
}
