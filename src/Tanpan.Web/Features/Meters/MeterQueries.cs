using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Energy;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Meters;

/// <summary>A meter's roll-ups over a range (a virtual meter's computed from its terms), with the CO2e of each
/// bucket from the factor of the bucket's year.</summary>
public sealed record MeterSeries(Meter Meter, RollupGrainCode Grain, IReadOnlyList<Bucket> Buckets, IReadOnlyDictionary<int, ResolvedFactor?> FactorByYear);

/// <summary>Reads of the meters for pages, the API and other features (<see cref="IMeteredEnergy"/>); company-scoped.</summary>
public sealed class MeterQueries(TanpanDb db, FactorResolver factors, ISiteRegister register) : IMeteredEnergy
{
    public async Task<Meter?> FindAsync(string code, CancellationToken ct) =>
        await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct);

    public async Task<IReadOnlyList<Bucket>> BucketsAsync(Meter meter, RollupGrainCode grain, DateTime fromUtc, DateTime toUtc, CancellationToken ct) => await BucketsAsync(meter, grain, fromUtc, toUtc, 0, ct);

    private async Task<IReadOnlyList<Bucket>> BucketsAsync(Meter meter, RollupGrainCode grain, DateTime fromUtc, DateTime toUtc, int depth, CancellationToken ct)
    {
        if (meter.Kind != MeterKind.Virtual)
        {
            return await db.MeterRollups.AsNoTracking()
                .Where(r => r.MeterId == meter.Id && r.Grain == grain && r.StartUtc >= fromUtc && r.StartUtc < toUtc)
                .OrderBy(r => r.StartUtc).Select(r => new Bucket(r.StartUtc, r.Quantity)).ToListAsync(ct);
        }

        var terms = new List<MeterTerm>();
        foreach (var (sign, code) in MeterFormula.Terms(meter.Formula))
        {
            var term = await FindAsync(code, ct);
            // Formulas are checked when saved (no cycles, depth ≤ 4); a term removed since counts as nothing.
            if (term is not null && depth < MeterFormula.MaxDepth)
            {
                terms.Add(new MeterTerm(sign, await BucketsAsync(term, grain, fromUtc, toUtc, depth + 1, ct)));
            }
        }

        return VirtualMeters.Combine(terms);
    }

    public async Task<MeterSeries> SeriesAsync(Meter meter, RollupGrainCode grain, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var buckets = await BucketsAsync(meter, grain, fromUtc, toUtc, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
        var years = buckets.Select(b => TimeZoneInfo.ConvertTimeFromUtc(b.StartUtc, zone).Year).Distinct().ToList();
        var byYear = new Dictionary<int, ResolvedFactor?>();
        foreach (var year in years)
        {
            byYear[year] = await FactorAsync(meter, year, ct);
        }

        return new MeterSeries(meter, grain, buckets, byYear);
    }

    /// <summary>The factor a meter's quantity is priced in CO2e with: the source it feeds, else (electricity) the
    /// grid factor of the year. Null when neither applies or the units do not convert.</summary>
    public async Task<ResolvedFactor?> FactorAsync(Meter meter, int year, CancellationToken ct)
    {
        var activity = await ActivityAsync(meter, ct);
        if (activity is null)
        {
            return null;
        }

        var resolved = factors.Resolve(new FactorQuery(activity, GwpSet.Ar5, year));
        return resolved.Succeeded && Units.TryParse(meter.Unit, out var unit) && unit.Dimension == resolved.Value.PerUnit.Dimension ? resolved.Value : null;
    }

    /// <summary>The activity the meter's quantity is: the source it feeds, else (electricity) the grid.</summary>
    public async Task<string?> ActivityAsync(Meter meter, CancellationToken ct)
    {
        string? activity = null;
        if (meter.SourceId is { } sourceId)
        {
            activity = (await register.SourcesAsync(ct)).FirstOrDefault(s => s.Id == sourceId)?.Activity;
        }

        return activity ?? (meter.Carrier == EnergyCarrier.Electricity ? FactorLibrary.GridActivity : null);
    }

    /// <summary>kgCO2e of a quantity in the meter's unit under a factor.</summary>
    public static decimal KgCo2e(Meter meter, decimal quantity, ResolvedFactor factor) =>
        Units.Parse(meter.Unit).Convert(quantity, factor.PerUnit) * factor.KgCo2ePerUnit;

    public async Task<MeteredWindow?> MeasureAsync(string meterCode, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var meter = await FindAsync(meterCode, ct);
        if (meter is null)
        {
            return null;
        }

        var (energy, readings) = await WindowAsync(meter, fromUtc, toUtc, 0, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
        string Local(DateTime t) => TimeZoneInfo.ConvertTimeFromUtc(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var method = string.Create(CultureInfo.InvariantCulture,
            $"Measured on meter {meter.Code} ({meter.Name}) from {Local(fromUtc)} to {Local(toUtc)} ({meter.TimeZone}): {readings} readings, intervals prorated by time at the window's edges, {energy.CoverageShare:P1} of the window covered; no allocation.");
        return new MeteredWindow(meter.Code, meter.Name, meter.Unit, fromUtc, toUtc, energy.Quantity, energy.CoverageShare, readings,
            energy.Events.Select(e => $"{e.Kind}: {e.Detail}").ToList(), method, await ActivityAsync(meter, ct));
    }

    private async Task<(WindowEnergy Energy, int Readings)> WindowAsync(Meter meter, DateTime fromUtc, DateTime toUtc, int depth, CancellationToken ct)
    {
        if (meter.Kind == MeterKind.Virtual)
        {
            decimal quantity = 0, covered = decimal.MaxValue;
            var readings = 0;
            var events = new List<MeterEvent>();
            foreach (var (sign, code) in MeterFormula.Terms(meter.Formula))
            {
                if (await FindAsync(code, ct) is { } term && depth < MeterFormula.MaxDepth)
                {
                    var (e, n) = await WindowAsync(term, fromUtc, toUtc, depth + 1, ct);
                    quantity += sign * e.Quantity;
                    covered = Math.Min(covered, e.CoveredMinutes);
                    readings += n;
                    events.AddRange(e.Events);
                }
            }

            var minutes = (decimal)(toUtc - fromUtc).TotalMinutes;
            return (new WindowEnergy(fromUtc, toUtc, quantity, covered == decimal.MaxValue ? 0 : covered, minutes, events), readings);
        }

        // A counter's interval that covers the window's end ends at the first reading after it.
        var rows = await ReadingSpans.AroundAsync(db, meter.Id, fromUtc, toUtc + TimeSpan.FromMinutes(meter.IntervalMinutes), withNext: meter.Semantics == MeterSemantics.Counter, ct);
        var series = MeterIntervals.FromReadings(meter.Profile(), rows);
        return (WorkOrderWindows.Slice(series, fromUtc, toUtc), rows.Count(r => r.TUtc > fromUtc && r.TUtc <= toUtc));
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> FeedingMetersAsync(CancellationToken ct) =>
        (await db.Meters.AsNoTracking().Where(m => m.SourceId != null).OrderBy(m => m.Code).Select(m => new { SourceId = m.SourceId!.Value, m.Code }).ToListAsync(ct))
            .GroupBy(m => m.SourceId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.Code).ToList());

    public async Task<IReadOnlyList<MeterMonthTotal>> MonthlyTotalsAsync(int year, CancellationToken ct)
    {
        var result = new List<MeterMonthTotal>();
        var meters = await db.Meters.AsNoTracking().Where(m => m.SourceId != null).OrderBy(m => m.Code).ToListAsync(ct);
        foreach (var meter in meters)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
            var from = Rollups.LocalMonthStartUtc(year, 1, zone);
            var to = Rollups.LocalMonthStartUtc(year + 1, 1, zone);
            var months = await BucketsAsync(meter, RollupGrainCode.Month, from, to, ct);
            var anomalies = await db.MeterAnomalies.AsNoTracking().Where(a => a.MeterId == meter.Id && a.FromUtc >= from && a.FromUtc < to).Select(a => a.FromUtc).ToListAsync(ct);
            foreach (var month in months)
            {
                var local = TimeZoneInfo.ConvertTimeFromUtc(month.StartUtc, zone);
                var monthEnd = Rollups.LocalMonthStartUtc(local.AddMonths(1).Year, local.AddMonths(1).Month, zone);
                result.Add(new MeterMonthTotal(meter.SourceId!.Value, meter.Id, meter.Code, meter.Name, local.Year, local.Month, month.Quantity, meter.Unit,
                    anomalies.Count(a => a >= month.StartUtc && a < monthEnd)));
            }
        }

        return result;
    }
}
