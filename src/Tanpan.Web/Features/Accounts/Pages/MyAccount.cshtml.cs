using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Accounts.Pages;

[Authorize]
public sealed class MyAccountModel(UserManager<AppUser> users, TanpanDb db) : PageModel
{
    public AppUser? Me { get; private set; }

    public Company? Company { get; private set; }

    public IList<string> MyRoles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = await users.GetUserAsync(User);
        if (Me is not null)
        {
            MyRoles = await users.GetRolesAsync(Me);
            Company = Me.CompanyId is { } id ? await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        }
    }
}
