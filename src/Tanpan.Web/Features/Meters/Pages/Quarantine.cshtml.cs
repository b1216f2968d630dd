using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Meters.Pages;

/// <summary>/energy/quarantine: payloads that could not be stored, with the reason; each can be replayed.</summary>
[Authorize(Policy = PermissionNames.MetersRead)]
public sealed class QuarantineModel(TanpanDb db, TenantScope tenant, MeterIngestion ingestion, TimeProvider clock) : FormPage
{
    public IReadOnlyList<QuarantinedPayload> Rows { get; private set; } = [];

    public bool CanWrite => PermissionHandler.Holds(User, Permission.MetersWrite);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var replayed = await ReplayQuarantined.ExecuteAsync(id, db, tenant, ingestion, clock, ct);
        if (replayed.Succeeded)
        {
            return RedirectDone("/energy/quarantine", $"已重新匯入 {replayed.Value.Readings:N0} 筆讀值。", $"{replayed.Value.Readings:N0} readings replayed.");
        }

        if (replayed.Error is NotFoundError)
        {
            return NotFound();
        }

        Show(replayed.Error!, $"Replay-{id}");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.MeterQuarantine.AsNoTracking().OrderByDescending(q => q.ReceivedAtUtc).Take(200).ToListAsync(ct);
}
