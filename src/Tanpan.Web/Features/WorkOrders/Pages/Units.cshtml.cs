using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>A company's own process units, added to the association's template on its work-order form.</summary>
[Authorize(Policy = PermissionNames.WorkOrdersWrite)]
public sealed class UnitsModel(TanpanDb db, TenantScope tenant) : FormPage
{
    public IReadOnlyList<CompanyProcessUnit> Units { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        Units = await db.CompanyProcessUnits.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany || !PermissionHandler.Holds(User, Permission.WorkOrdersWrite))
        {
            return Forbid();
        }

        Units = await db.CompanyProcessUnits.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 60)
        {
            AddError(nameof(Name), HttpContext.T("請填製程單元名稱（60 字以內）", "a process unit name is required (up to 60 characters)"));
        }
        else if (Units.Any(u => u.Name == name) || (await Features.WorkOrders.ProcessTemplate.CurrentAsync(db, ct)).Processes.Contains(name))
        {
            AddError(nameof(Name), HttpContext.T("已有此製程單元", "that process unit exists already"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        db.CompanyProcessUnits.Add(new CompanyProcessUnit { Id = Guid.NewGuid(), Name = name! });
        await db.SaveChangesAsync(ct);
        return RedirectDone("/work-orders/units", $"已新增製程單元「{name}」。", $"The process unit “{name}” was added.");
    }
}
