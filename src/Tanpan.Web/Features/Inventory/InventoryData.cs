using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Inventory;

/// <summary>The inventory's tables, as members of <see cref="TanpanDb"/>.</summary>
public static class InventoryData
{
    extension(TanpanDb db)
    {
        public DbSet<Facility> Facilities => db.Set<Facility>();

        public DbSet<EmissionSource> Sources => db.Set<EmissionSource>();

        public DbSet<InventoryRecord> Inventories => db.Set<InventoryRecord>();

        public DbSet<ActivityEntry> Entries => db.Set<ActivityEntry>();

        public DbSet<SignificanceAssessment> Significance => db.Set<SignificanceAssessment>();
    }
}
