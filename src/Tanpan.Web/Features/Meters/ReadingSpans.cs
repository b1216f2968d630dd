using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>A meter's raw readings that make the intervals over a span: those in it, the one before it (a counter's
/// baseline), and — when asked — the first after it (a counter interval that covers the span's end).</summary>
public static class ReadingSpans
{
    public static async Task<List<RawReading>> AroundAsync(TanpanDb db, Guid meterId, DateTime fromUtc, DateTime toUtc, bool withNext, CancellationToken ct)
    {
        var all = db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId);
        var rows = await all.Where(r => r.TUtc >= fromUtc && r.TUtc <= toUtc).OrderBy(r => r.TUtc).Select(r => new RawReading(r.TUtc, r.Value)).ToListAsync(ct);
        var before = await all.Where(r => r.TUtc < fromUtc).OrderByDescending(r => r.TUtc).Select(r => new RawReading(r.TUtc, r.Value)).FirstOrDefaultAsync(ct);
        if (before != default)
        {
            rows.Insert(0, before);
        }

        if (withNext)
        {
            var after = await all.Where(r => r.TUtc > toUtc).OrderBy(r => r.TUtc).Select(r => new RawReading(r.TUtc, r.Value)).FirstOrDefaultAsync(ct);
            if (after != default)
            {
                rows.Add(after);
            }
        }

        return rows;
    }
}
