using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Inventory;

internal sealed class TouBillsQuery(TanpanDb db) : ITouBills
{
    public async Task<IReadOnlyList<TouBill>> BillsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.Kind == EntryKind.TaipowerBill && e.PeriodFrom <= to && e.PeriodTo >= from)
            .OrderBy(e => e.PeriodFrom).ToListAsync(ct);
        var sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var facilities = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        return entries.Select(e =>
        {
            var source = sources.GetValueOrDefault(e.SourceId);
            return new TouBill(e.SourceId, source?.Description ?? "", source is null ? "" : facilities.GetValueOrDefault(source.FacilityId, ""), e.PeriodFrom, e.PeriodTo,
                e.PeakKwh ?? 0, e.SemiPeakKwh ?? 0, e.SaturdaySemiPeakKwh ?? 0, e.OffPeakKwh ?? 0, e.ContractCapacityKw);
        }).ToList();
    }
}
