using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data.Entities;
using Tanpan.Web.Tenancy;

namespace Tanpan.Web.Data;

/// <summary>The one DbContext. Provider subclasses (<see cref="SqliteTanpanDb"/>, <see cref="PostgresTanpanDb"/>)
/// exist only so each provider keeps its own migration set.</summary>
public abstract class TanpanDb(DbContextOptions options, TenantContext tenant) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<CustomFactor> CustomFactors => Set<CustomFactor>();

    public DbSet<Facility> Facilities => Set<Facility>();

    public DbSet<EmissionSource> Sources => Set<EmissionSource>();

    public DbSet<InventoryRecord> Inventories => Set<InventoryRecord>();

    public DbSet<ActivityEntry> Entries => Set<ActivityEntry>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<SignificanceAssessment> Significance => Set<SignificanceAssessment>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<ProcessTemplateRecord> ProcessTemplates => Set<ProcessTemplateRecord>();

    public DbSet<CompanyProcessUnit> CompanyProcessUnits => Set<CompanyProcessUnit>();

    public DbSet<Announcement> Announcements => Set<Announcement>();

    public DbSet<ContactMessage> ContactMessages => Set<ContactMessage>();

    public DbSet<CertificateSettings> CertificateSettings => Set<CertificateSettings>();

    /// <summary>Read by the query filters per query, so one model serves every tenant.</summary>
    internal Guid CurrentCompanyId => tenant.CompanyId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Company>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.TaxId).HasMaxLength(8);
            e.HasIndex(c => c.TaxId).IsUnique();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.ContactName).HasMaxLength(100);
            e.Property(c => c.Phone).HasMaxLength(40);
            e.Property(c => c.Email).HasMaxLength(256);
            e.Property(c => c.Address).HasMaxLength(300);
            e.Property(c => c.Region).HasMaxLength(40);
            e.Property(c => c.Website).HasMaxLength(300);
            e.Property(c => c.RejectionReason).HasMaxLength(1000);
        });

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasOne<Company>().WithMany().HasForeignKey(u => u.CompanyId);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId);
        });

        builder.Entity<CustomFactor>(e =>
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

        builder.Entity<Facility>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(200);
            e.Property(f => f.Address).HasMaxLength(300);
            e.HasOne<Company>().WithMany().HasForeignKey(f => f.CompanyId);
        });

        builder.Entity<EmissionSource>(e =>
        {
            e.Property(x => x.Category).HasMaxLength(8);
            e.Property(x => x.Activity).HasMaxLength(100);
            e.Property(x => x.Use).HasMaxLength(16);
            e.Property(x => x.Technology).HasMaxLength(40);
            e.Property(x => x.Description).HasMaxLength(300);
            e.Property(x => x.MeterNumber).HasMaxLength(60);
            e.Property(x => x.DataOwner).HasMaxLength(100);
            e.HasOne<Facility>().WithMany().HasForeignKey(x => x.FacilityId);
            e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        });

        builder.Entity<InventoryRecord>(e =>
        {
            e.ToTable("Inventories");
            e.HasIndex(x => new { x.CompanyId, x.Year }).IsUnique();
            e.Property(x => x.Boundary).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ReviewComment).HasMaxLength(2000);
            e.Property(x => x.LockedBy).HasMaxLength(256);
            e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        });

        builder.Entity<ActivityEntry>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.Quantity).HasPrecision(28, 10);
            e.Property(x => x.PeakKwh).HasPrecision(28, 4);
            e.Property(x => x.SemiPeakKwh).HasPrecision(28, 4);
            e.Property(x => x.SaturdaySemiPeakKwh).HasPrecision(28, 4);
            e.Property(x => x.OffPeakKwh).HasPrecision(28, 4);
            e.Property(x => x.ContractCapacityKw).HasPrecision(28, 4);
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.CompanyId, x.InventoryId });
            e.HasOne<InventoryRecord>().WithMany().HasForeignKey(x => x.InventoryId);
            e.HasOne<EmissionSource>().WithMany().HasForeignKey(x => x.SourceId);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.User).HasMaxLength(256);
            e.Property(x => x.Entity).HasMaxLength(60);
            e.Property(x => x.EntityId).HasMaxLength(60);
            e.Property(x => x.Action).HasMaxLength(30);
            e.HasIndex(x => new { x.CompanyId, x.AtUtc });
        });

        builder.Entity<SignificanceAssessment>(e =>
        {
            e.ToTable("SignificanceAssessments");
            e.Property(x => x.Category).HasMaxLength(8);
            e.Property(x => x.Rationale).HasMaxLength(1000);
            e.HasIndex(x => new { x.CompanyId, x.InventoryId, x.Category }).IsUnique();
            e.HasOne<InventoryRecord>().WithMany().HasForeignKey(x => x.InventoryId);
        });

        builder.Entity<WorkOrder>(e =>
        {
            e.Property(x => x.OrderNo).HasMaxLength(60);
            e.Property(x => x.WorkOrderNo).HasMaxLength(60);
            e.Property(x => x.Metal).HasMaxLength(30);
            e.Property(x => x.ProductName).HasMaxLength(200);
            e.Property(x => x.QuantityUnit).HasMaxLength(16);
            e.Property(x => x.EnergyMethod).HasMaxLength(100);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Quantity).HasPrecision(28, 8);
            e.Property(x => x.MixRatioPercent).HasPrecision(9, 4);
            e.Property(x => x.AreaCm2).HasPrecision(28, 6);
            e.Property(x => x.ThicknessUm).HasPrecision(18, 6);
            e.Property(x => x.DensityKgPerM3).HasPrecision(18, 4);
            e.Property(x => x.PlatedMassKg).HasPrecision(28, 12);
            e.Property(x => x.TotalKgCo2e).HasPrecision(28, 12);
            e.Ignore(x => x.Status);
            e.HasIndex(x => new { x.CompanyId, x.WorkOrderNo }).IsUnique();
            e.HasIndex(x => new { x.CompanyId, x.ProcessedOn });
            e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        });

        builder.Entity<ProcessTemplateRecord>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(60);
            e.Property(x => x.Json).HasMaxLength(20000);
        });

        builder.Entity<CompanyProcessUnit>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(60);
            e.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
            e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        });

        builder.Entity<Announcement>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(4000);
            e.Property(x => x.Location).HasMaxLength(200);
        });

        builder.Entity<CertificateSettings>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.AssociationName).HasMaxLength(200);
            e.Property(x => x.SealContentType).HasMaxLength(40);
            e.Property(x => x.Disclaimer).HasMaxLength(2000);
        });

        builder.Entity<ContactMessage>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.CompanyName).HasMaxLength(200);
            e.Property(x => x.Message).HasMaxLength(4000);
        });

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
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
