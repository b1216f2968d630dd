using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Meters;

/// <summary>Demand profiles from the roll-ups (a virtual meter's from its terms), converted to kW by code.</summary>
internal sealed class MeterLoadProfiles(TanpanDb db, MeterQueries queries) : IMeteredLoad
{
    public async Task<IReadOnlyList<ElectricityMeter>> ElectricityMetersAsync(CancellationToken ct) =>
        (await db.Meters.AsNoTracking().Where(m => m.Carrier == EnergyCarrier.Electricity).OrderBy(m => m.ParentId != null).ThenBy(m => m.Code).ToListAsync(ct))
            .Where(m => Units.TryParse(m.Unit, out var unit) && unit.Dimension == Units.KilowattHour.Dimension)
            .Select(m => new ElectricityMeter(m.Code, m.Name)).ToList();

    public async Task<MeteredLoadProfile?> LoadProfileAsync(string meterCode, DateTime fromUtc, DateTime toUtc, int intervalMinutes, CancellationToken ct)
    {
        var meter = await queries.FindAsync(meterCode, ct);
        if (meter is null || meter.Carrier != EnergyCarrier.Electricity || !Units.TryParse(meter.Unit, out var unit) || unit.Dimension != Units.KilowattHour.Dimension)
        {
            return null;
        }

        var grain = intervalMinutes == 60 ? RollupGrainCode.Hour : RollupGrainCode.QuarterHour;
        var step = TimeSpan.FromMinutes((int)grain);
        var count = (int)((toUtc - fromUtc).Ticks / step.Ticks);
        var buckets = (await queries.BucketsAsync(meter, grain, fromUtc, toUtc, ct)).ToDictionary(b => b.StartUtc, b => b.Quantity);
        var hours = (decimal)step.TotalHours;
        var load = new decimal[count];
        var missing = 0;
        for (var i = 0; i < count; i++)
        {
            if (buckets.TryGetValue(fromUtc + (step * i), out var quantity))
            {
                load[i] = unit.Convert(quantity, Units.KilowattHour) / hours;
            }
            else
            {
                missing++;
            }
        }

        return new MeteredLoadProfile(meter.Code, meter.Name, fromUtc, (int)grain, load, missing);
    }
}
