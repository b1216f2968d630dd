using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.PublicSite;

/// <summary>The public site's tables, as members of <see cref="TanpanDb"/>.</summary>
public static class PublicSiteData
{
    extension(TanpanDb db)
    {
        public DbSet<Announcement> Announcements => db.Set<Announcement>();

        public DbSet<ContactMessage> ContactMessages => db.Set<ContactMessage>();
    }
}
