using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Inventory;

internal sealed class SiteRegisterQuery(TanpanDb db) : ISiteRegister
{
    public async Task<IReadOnlyList<SiteFacility>> FacilitiesAsync(CancellationToken ct) =>
        await db.Facilities.AsNoTracking().OrderBy(f => f.Name).Select(f => new SiteFacility(f.Id, f.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<SiteSource>> SourcesAsync(CancellationToken ct)
    {
        var facilities = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Description).ToListAsync(ct);
        return sources.Select(s => new SiteSource(s.Id, s.FacilityId, facilities.GetValueOrDefault(s.FacilityId, string.Empty), s.Description, s.Activity, s.Category)).ToList();
    }
}
