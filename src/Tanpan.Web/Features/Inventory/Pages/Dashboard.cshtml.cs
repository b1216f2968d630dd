using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>The company's landing page: the year against its base year and the year before, the scope split,
/// categories, the monthly trend, the largest sources with links to their traces, what data is missing, and the
/// panels other features contribute (work-order intensity for job shops).</summary>
[Authorize(Policy = PermissionNames.InventoryRead)]
public sealed class DashboardModel(TanpanDb db, TenantScope tenant, FactorResolver resolver, ICompanyFactors companyFactors, IEnumerable<IDashboardPanelSource> panels, TimeProvider clock) : FormPage
{
    public IReadOnlyList<InventoryRecord> Inventories { get; private set; } = [];

    public string CompanyName { get; private set; } = string.Empty;

    public InventoryRecord? Current { get; private set; }

    public DashboardYear? Year { get; private set; }

    public StoredInventory? LastYear { get; private set; }

    public StoredInventory? BaseYear { get; private set; }

    /// <summary>Total kgCO2e per inventory year that calculates, oldest first.</summary>
    public IReadOnlyList<(int Year, decimal KgCo2e, bool Locked)> Trend { get; private set; } = [];

    public IReadOnlyList<DashboardPanel> Panels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        CompanyName = await db.Companies.AsNoTracking().Where(c => c.Id == tenant.CompanyId).Select(c => c.Name).FirstAsync(ct);
        Inventories = await db.Inventories.AsNoTracking().OrderBy(i => i.Year).ToListAsync(ct);
        var shown = new Dictionary<int, StoredInventory>();
        var trend = new List<(int, decimal, bool)>();
        foreach (var inventory in Inventories)
        {
            var result = await InventorySnapshots.ShowAsync(db, inventory, resolver, companyFactors, ct);
            if (result.Snapshot is { } snapshot && (!result.Locked || result.Intact))
            {
                shown[inventory.Year] = snapshot;
                trend.Add((inventory.Year, snapshot.Result.TotalKgCo2e, result.Locked));
            }
        }

        Trend = trend;
        Current = (year is { } asked ? Inventories.FirstOrDefault(i => i.Year == asked) : null)
            ?? Inventories.LastOrDefault(i => shown.ContainsKey(i.Year)) ?? (Inventories.Count > 0 ? Inventories[^1] : null);
        if (Current is not null && shown.TryGetValue(Current.Year, out var record))
        {
            var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Description).ToListAsync(ct);
            Year = new DashboardYear(Current.Year, record, InventoryDashboard.MonthlyByScope(record), InventoryDashboard.TopSources(record), InventoryDashboard.Completeness(record, sources));
            LastYear = shown.GetValueOrDefault(Current.Year - 1);
            BaseYear = Current.BaseYear is { } b && b != Current.Year ? shown.GetValueOrDefault(b) : null;
        }

        var built = new List<DashboardPanel>();
        foreach (var source in panels)
        {
            if (await source.BuildAsync(HttpContext, Current?.Year ?? clock.GetUtcNow().Year, ct) is { } panel)
            {
                built.Add(panel);
            }
        }

        Panels = built;
        return Page();
    }

    /// <summary>"+3.2%" / "−1.0%" change of <paramref name="now"/> against <paramref name="then"/>.</summary>
    public static string Change(decimal now, decimal then)
    {
        if (then == 0)
        {
            return "—";
        }

        var change = (now - then) / then * 100m;
        return (change > 0 ? "+" : change < 0 ? "−" : string.Empty) + Math.Abs(change).ToString("N1", CultureInfo.InvariantCulture) + "%";
    }
}
