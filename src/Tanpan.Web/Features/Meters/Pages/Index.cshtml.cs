using Microsoft.AspNetCore.Authorization;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Meters.Pages;

/// <summary>/energy: the live dashboard — kW now, today's kWh and kgCO2e by line, alarms — kept current by server-sent
/// events from /api/v1/meters/live.</summary>
[Authorize(Policy = PermissionNames.MetersRead)]
public sealed class IndexModel(TanpanDb db, MeterQueries queries, TimeProvider clock) : FormPage
{
    public LiveSnapshot Snapshot { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Snapshot = await LiveEnergy.SnapshotAsync(db, queries, clock, ct);
}
