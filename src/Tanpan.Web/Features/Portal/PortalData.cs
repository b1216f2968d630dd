using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Portal;

/// <summary>The service portal's tables, as members of <see cref="TanpanDb"/>.</summary>
public static class PortalData
{
    extension(TanpanDb db)
    {
        public DbSet<ReductionCase> PortalCases => db.Set<ReductionCase>();

        public DbSet<TechVendor> PortalVendors => db.Set<TechVendor>();

        public DbSet<PortalNotice> PortalNotices => db.Set<PortalNotice>();

        public DbSet<MatchmakingRequest> MatchmakingRequests => db.Set<MatchmakingRequest>();

        public DbSet<ConsultationRequest> ConsultationRequests => db.Set<ConsultationRequest>();
    }
}
