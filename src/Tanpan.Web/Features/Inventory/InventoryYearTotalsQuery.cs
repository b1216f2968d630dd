using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Factors;

namespace Tanpan.Web.Features.Inventory;

/// <summary>Each year's totals exactly as the inventory pages show them: the frozen record when locked, otherwise the
/// register and activity data calculated now with the company's factors.</summary>
internal sealed class InventoryYearTotalsQuery(TanpanDb db, FactorResolver resolver, ICompanyFactors companyFactors) : IInventoryYearTotals
{
    public async Task<IReadOnlyList<InventoryYearTotal>> ListAsync(CancellationToken ct)
    {
        var inventories = await db.Inventories.AsNoTracking().OrderBy(i => i.Year).ToListAsync(ct);
        var totals = new List<InventoryYearTotal>(inventories.Count);
        foreach (var inventory in inventories)
        {
            var shown = await InventorySnapshots.ShowAsync(db, inventory, resolver, companyFactors, ct);
            var result = shown.Snapshot?.Result;
            totals.Add(result is null
                ? new InventoryYearTotal(inventory.Year, shown.Locked, shown.Intact, false, inventory.BaseYear, 0, 0, 0, 0, "AR5")
                : new InventoryYearTotal(
                    inventory.Year, shown.Locked, shown.Intact, true, inventory.BaseYear, result.TotalKgCo2e, result.Scope1KgCo2e, result.Scope2KgCo2e, result.Scope3KgCo2e, result.GwpSet));
        }

        return totals;
    }
}
