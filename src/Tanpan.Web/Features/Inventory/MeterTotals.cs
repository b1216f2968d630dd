using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.Inventory;

/// <summary>A Taipower bill against the meters that feed its source over exactly the bill's period.</summary>
public sealed record BillReconciliation(Guid SourceId, string Source, DateOnly From, DateOnly To, decimal BillKwh, decimal MeteredKwh, decimal? DifferencePercent, decimal CoverageShare, string Meters);

/// <summary>Meter totals into the inventory: each meter's local-month total becomes (or updates) one activity entry of
/// the source it feeds, its reference naming the meter and month (the trace back to the roll-up), unless the source
/// has entries of its own (bills): then the bills reconcile against the meters over each bill's period.</summary>
public static class MeterTotals
{
    public const string ReferencePrefix = "meter ";

    public static async Task<Result<(int Added, int Updated, int SkippedSources)>> ImportAsync(Guid inventoryId, TanpanDb db, IMeteredEnergy meters, TimeProvider clock, CancellationToken ct)
    {
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inventoryId, ct);
        if (inventory is null)
        {
            return InventoryErrors.NotFound(inventoryId);
        }

        if (inventory.Status is not (InventoryStatus.Draft or InventoryStatus.Returned))
        {
            return InventoryErrors.NotEditable(inventory.Status);
        }

        var totals = await meters.MonthlyTotalsAsync(inventory.Year, ct);
        var sources = await db.Sources.AsNoTracking().Select(s => s.Id).ToListAsync(ct);
        var existing = await db.Entries.Where(e => e.InventoryId == inventoryId && e.Kind == EntryKind.MeterTotal).ToListAsync(ct);
        // A source with bills or entries of its own keeps them as its activity data; its meters reconcile against
        // them (ReconcileAsync) instead of being counted a second time.
        var entered = (await db.Entries.AsNoTracking().Where(e => e.InventoryId == inventoryId && e.Kind != EntryKind.MeterTotal).Select(e => e.SourceId).Distinct().ToListAsync(ct)).ToHashSet();
        var skipped = totals.Select(t => t.SourceId).Distinct().Count(entered.Contains);
        int added = 0, updated = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var t in totals.Where(t => sources.Contains(t.SourceId) && !entered.Contains(t.SourceId)))
        {
            var reference = string.Create(CultureInfo.InvariantCulture, $"{ReferencePrefix}{t.MeterCode} {t.Year:D4}-{t.Month:D2}");
            var from = new DateOnly(t.Year, t.Month, 1);
            var entry = existing.FirstOrDefault(e => e.Reference == reference && e.SourceId == t.SourceId);
            if (entry is null)
            {
                db.Entries.Add(new ActivityEntry
                {
                    Id = Guid.NewGuid(), InventoryId = inventoryId, SourceId = t.SourceId, Kind = EntryKind.MeterTotal, PeriodFrom = from, PeriodTo = from.AddMonths(1).AddDays(-1),
                    Quantity = t.Quantity, Unit = t.Unit, Reference = reference, CreatedAtUtc = now,
                });
                added++;
            }
            else if (entry.Quantity != t.Quantity || entry.Unit != t.Unit)
            {
                (entry.Quantity, entry.Unit) = (t.Quantity, t.Unit);
                updated++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (added, updated, skipped);
    }

    public static async Task<IReadOnlyList<BillReconciliation>> ReconcileAsync(Guid inventoryId, TanpanDb db, IMeteredEnergy meters, CancellationToken ct)
    {
        var feeding = await meters.FeedingMetersAsync(ct);
        if (feeding.Count == 0)
        {
            return [];
        }

        var bills = await db.Entries.AsNoTracking().Where(e => e.InventoryId == inventoryId && e.Kind == EntryKind.TaipowerBill).OrderBy(e => e.PeriodFrom).ToListAsync(ct);
        var names = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Description, ct);
        var zone = Platform.Localization.TaipeiTime.Zone;
        var result = new List<BillReconciliation>();
        foreach (var bill in bills)
        {
            if (!feeding.TryGetValue(bill.SourceId, out var codes) || !Units.TryParse(bill.Unit, out var billUnit) || billUnit.Dimension != Units.KilowattHour.Dimension)
            {
                continue;
            }

            // A bill's period is whole local days, its last day included.
            var fromUtc = TimeZoneInfo.ConvertTimeToUtc(bill.PeriodFrom.ToDateTime(TimeOnly.MinValue), zone);
            var toUtc = TimeZoneInfo.ConvertTimeToUtc(bill.PeriodTo.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            decimal metered = 0, coverage = 1;
            foreach (var code in codes)
            {
                if (await meters.MeasureAsync(code, fromUtc, toUtc, ct) is { } w && Units.TryParse(w.Unit, out var unit) && unit.Dimension == billUnit.Dimension)
                {
                    metered += unit.Convert(w.Quantity, Units.KilowattHour);
                    coverage = Math.Min(coverage, w.CoverageShare);
                }
            }

            var billKwh = billUnit.Convert(bill.Quantity, Units.KilowattHour);
            result.Add(new BillReconciliation(bill.SourceId, names.GetValueOrDefault(bill.SourceId, string.Empty), bill.PeriodFrom, bill.PeriodTo, billKwh, metered,
                billKwh == 0 ? null : (metered - billKwh) / billKwh * 100m, coverage, string.Join(", ", codes)));
        }

        return result;
    }
}
