using Tanpan.Web.Platform.Inputs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>The company's inventories by year; start a new one with its boundary and base year.</summary>
[Authorize(Policy = PermissionNames.InventoryRead)]
public sealed class IndexModel(TanpanDb db, TenantScope tenant, TimeProvider clock, Engine.Factors.FactorResolver resolver, Platform.Factors.ICompanyFactors companyFactors) : FormPage
{
    public IReadOnlyList<InventoryRecord> Inventories { get; private set; } = [];

    /// <summary>Each year's total and scopes (kgCO2e) as its page shows them (locked: the frozen record); absent when
    /// the year does not calculate yet.</summary>
    public IReadOnlyDictionary<Guid, StoredInventoryResult> Totals { get; private set; } = new Dictionary<Guid, StoredInventoryResult>();

    public InventoryPermissions Can { get; private set; } = new(false, false, false, false);

    [BindProperty]
    public int? Year { get; set; }

    [BindProperty]
    public BoundaryApproach Boundary { get; set; }

    [BindProperty]
    public int? BaseYear { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var totals = new Dictionary<Guid, StoredInventoryResult>();
        foreach (var inventory in Inventories)
        {
            if ((await InventorySnapshots.ShowAsync(db, inventory, resolver, companyFactors, ct)) is { Snapshot: { } shown } result && (!result.Locked || result.Intact))
            {
                totals[inventory.Id] = shown.Result;
            }
        }

        Totals = totals;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        if (!Can.CanEdit)
        {
            return Forbid();
        }

        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        if (!InputLimits.IsYear(Year))
        {
            AddError(nameof(Year), HttpContext.T($"年度需介於 {InputLimits.MinYear} 與 {InputLimits.MaxYear}", $"year must be {InputLimits.YearRange}"));
        }
        else if (Inventories.Any(i => i.Year == Year))
        {
            AddError(nameof(Year), HttpContext.T("該年度盤查已存在", "an inventory for that year exists"));
        }

        if (BaseYear is not null && (BaseYear < InputLimits.MinYear || BaseYear > Year))
        {
            AddError(nameof(BaseYear), HttpContext.T($"基準年需介於 {InputLimits.MinYear} 與盤查年度之間", $"base year must be between {InputLimits.MinYear} and the inventory year"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var record = new InventoryRecord { Id = Guid.NewGuid(), Year = Year!.Value, Boundary = Boundary, BaseYear = BaseYear, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.Inventories.Add(record);
        await db.SaveChangesAsync(ct);
        return RedirectDone($"/inventory/{record.Id}", $"已建立 {record.Year} 年度盤查。", $"The {record.Year} inventory was created.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Can = InventoryPermissions.For(User);
        Inventories = await db.Inventories.AsNoTracking().OrderByDescending(i => i.Year).ToListAsync(ct);
    }
}
