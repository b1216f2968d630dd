using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/cases/{id}: one published case in full. An unpublished case is not found, as if it never was.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class CaseModel(TanpanDb db) : PageModel
{
    public ReductionCase Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await db.PortalCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Published, ct);
        if (found is null)
        {
            return NotFound();
        }

        Case = found;
        return Page();
    }
}
