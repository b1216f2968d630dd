using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>The company's audit log (who changed what, when, before → after), for company admins.</summary>
[Authorize(Policy = PermissionNames.AuditRead)]
public sealed class AuditModel(TanpanDb db, TenantScope tenant) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        Entries = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return Page();
    }
}
