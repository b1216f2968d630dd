using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The work-order tables, as members of <see cref="TanpanDb"/>.</summary>
public static class WorkOrderData
{
    extension(TanpanDb db)
    {
        public DbSet<WorkOrder> WorkOrders => db.Set<WorkOrder>();

        public DbSet<ProcessTemplateRecord> ProcessTemplates => db.Set<ProcessTemplateRecord>();

        public DbSet<CompanyProcessUnit> CompanyProcessUnits => db.Set<CompanyProcessUnit>();

        public DbSet<CertificateSettings> CertificateSettings => db.Set<CertificateSettings>();

        public DbSet<WorkOrderCertificate> Certificates => db.Set<WorkOrderCertificate>();

        public DbSet<CertificateSeal> CertificateSeals => db.Set<CertificateSeal>();
    }
}
