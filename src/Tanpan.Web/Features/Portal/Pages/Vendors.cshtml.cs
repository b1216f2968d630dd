using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/portal/vendors: the listed low-carbon technology vendors, filtered by what they offer.</summary>
[Authorize(Policy = PermissionNames.PortalRead)]
public sealed class VendorsModel(TanpanDb db) : PageModel
{
    public IReadOnlyList<TechVendor> Vendors { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public VendorCategory? Category { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Category = Category is { } c && Enum.IsDefined(c) ? c : null;
        var query = db.PortalVendors.AsNoTracking().Where(v => v.Listed);
        if (Category is { } category)
        {
            var pattern = TechVendor.Pattern(category);
            query = query.Where(v => v.Categories.Contains(pattern));
        }

        Vendors = (await query.ToListAsync(ct)).OrderBy(v => v.NameZh, StringComparer.Ordinal).ToList();
    }
}
