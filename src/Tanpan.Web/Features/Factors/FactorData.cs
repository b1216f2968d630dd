using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Factors;

/// <summary>The company-factor table, as a member of <see cref="TanpanDb"/>.</summary>
public static class FactorData
{
    extension(TanpanDb db)
    {
        public DbSet<CompanyFactor> CustomFactors => db.Set<CompanyFactor>();
    }
}
