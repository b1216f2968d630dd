using Tanpan.Engine.Reduction;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/cases: the published reduction cases, filtered by sector and by measure.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class CasesModel(TanpanDb db) : PageModel
{
    public IReadOnlyList<ReductionCase> Cases { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public IndustrySector? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public MeasureKind? Measure { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A filter the address got wrong (?sector=99, ?measure=abc) is dropped: the list shows everything.
        Sector = Sector is { } s && Enum.IsDefined(s) ? s : null;
        Measure = Measure is { } m && Enum.IsDefined(m) ? m : null;
        var query = db.PortalCases.AsNoTracking().Where(c => c.Published);
        if (Sector is { } sector)
        {
            query = query.Where(c => c.Sector == sector);
        }

        if (Measure is { } measure)
        {
            query = query.Where(c => c.Measure == measure);
        }

        Cases = (await query.ToListAsync(ct)).OrderByDescending(c => c.Year).ThenByDescending(c => c.AnnualAbatementT).ToList();
    }
}
