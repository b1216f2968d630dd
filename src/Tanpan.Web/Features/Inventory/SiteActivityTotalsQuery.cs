using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Inventory;

/// <summary>Sums each source's entries of an inventory year in the unit of its first entry (entries in another unit
/// of the same dimension are converted; entries that do not convert are left out of the total and counted apart, so
/// the sum never mixes kWh and m³).</summary>
internal sealed class SiteActivityTotalsQuery(TanpanDb db) : ISiteActivityTotals
{
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct) =>
        await db.Inventories.AsNoTracking().OrderByDescending(i => i.Year).Select(i => i.Year).ToListAsync(ct);

    public async Task<IReadOnlyList<SiteActivityTotal>> ForYearAsync(int year, CancellationToken ct)
    {
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Year == year, ct);
        if (inventory is null)
        {
            return [];
        }

        var entries = await db.Entries.AsNoTracking().Where(e => e.InventoryId == inventory.Id).ToListAsync(ct);
        var sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var facilities = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var totals = new List<SiteActivityTotal>();
        foreach (var group in entries.GroupBy(e => e.SourceId))
        {
            if (!sources.TryGetValue(group.Key, out var source))
            {
                continue;
            }

            var ordered = group.OrderBy(e => e.PeriodFrom).ThenBy(e => e.CreatedAtUtc).ToList();
            if (!Units.TryParse(ordered[0].Unit, out var unit))
            {
                continue;
            }

            var sum = 0m;
            var count = 0;
            foreach (var e in ordered)
            {
                if (Units.TryParse(e.Unit, out var u) && u.Dimension == unit.Dimension)
                {
                    sum += u.Convert(e.Quantity, unit);
                    count++;
                }
            }

            totals.Add(new SiteActivityTotal(source.Id, source.Description, facilities.GetValueOrDefault(source.FacilityId, "—"), source.Activity, year, sum, unit.Code, count, inventory.Status == InventoryStatus.Locked));
        }

        return [.. totals.OrderBy(t => t.Facility, StringComparer.Ordinal).ThenBy(t => t.Source, StringComparer.Ordinal)];
    }
}
