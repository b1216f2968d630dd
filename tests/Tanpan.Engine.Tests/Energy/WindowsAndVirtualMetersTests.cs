using Tanpan.Engine.Energy;
using static Tanpan.Engine.Tests.Energy.EnergyTestData;

namespace Tanpan.Engine.Tests.Energy;

public class WindowsAndVirtualMetersTests
{
    [Fact]
    public void Slice_WorkOrderWindowInTaipei_ProratesTheEdgeQuarters()
    {
        // 15-min profile from 08:00 local (00:00Z): 3.0, 2.0, 2.5, 3.0, 3.5, 4.0, 1.0, 4.5 kWh.
        var readings = Every("2024-06-05T08:00:00+08:00", 15, 0m, 3m, 5m, 7.5m, 10.5m, 14m, 18m, 19m, 23.5m);
        var series = MeterIntervals.FromReadings(Counter(), readings);

        var window = WorkOrderWindows.Slice(series, Utc("2024-06-05T08:07:00+08:00"), Utc("2024-06-05T09:52:00+08:00"));

        // 08:07–08:15 is 8 of 15 min of 3.0 = 1.6; 08:15–09:45 whole: 2.0+2.5+3.0+3.5+4.0+1.0 = 16.0;
        // 09:45–09:52 is 7 of 15 min of 4.5 = 2.1. Total 1.6 + 16.0 + 2.1 = 19.7.
        Assert.Equal(19.7m, window.Quantity);
        Assert.Equal(105m, window.WindowMinutes);
        Assert.Equal(105m, window.CoveredMinutes);
        Assert.Equal(1m, window.CoverageShare);
        Assert.Empty(window.Events);
    }

    [Fact]
    public void Slice_OverAGap_CountsItsEnergyButNotItsCoverage()
    {
        RawReading[] readings =
        [
            new(Utc("2024-06-05T00:00:00Z"), 0m), new(Utc("2024-06-05T00:15:00Z"), 1m),
            new(Utc("2024-06-05T01:15:00Z"), 9m), new(Utc("2024-06-05T01:30:00Z"), 10m),
        ];
        var series = MeterIntervals.FromReadings(Counter(), readings);

        var window = WorkOrderWindows.Slice(series, Utc("2024-06-05T00:00:00Z"), Utc("2024-06-05T00:45:00Z"));

        // 1 kWh measured in 00:00–00:15, then 30 of the gap's 60 min at 8 kWh = 4: 5 kWh; 15 of 45 min covered.
        Assert.Equal(5m, window.Quantity);
        Assert.Equal(15m, window.CoveredMinutes);
        Assert.Equal(45m, window.WindowMinutes);
        Assert.Equal(15m / 45m, window.CoverageShare);
        Assert.Equal(MeterEventKind.Gap, Assert.Single(window.Events).Kind);

        var afterGap = WorkOrderWindows.Slice(series, Utc("2024-06-05T01:15:00Z"), Utc("2024-06-05T01:30:00Z"));
        Assert.Empty(afterGap.Events);
        Assert.Equal(1m, afterGap.Quantity);
    }

    [Fact]
    public void Combine_MainMinusSubMeters_SlotBySlot()
    {
        var t0 = Utc("2024-06-05T00:00:00Z");
        Bucket[] main = [new(t0, 10m), new(t0.AddMinutes(15), 12m), new(t0.AddMinutes(30), 9m)];
        Bucket[] sub1 = [new(t0, 3m), new(t0.AddMinutes(15), 4m), new(t0.AddMinutes(30), 2m)];
        // sub2 has no 00:15 slot (0 there) and one slot main does not have.
        Bucket[] sub2 = [new(t0.AddMinutes(45), 1m), new(t0, 1m), new(t0.AddMinutes(30), 2m)];

        var rest = VirtualMeters.Combine([new MeterTerm(1, main), new MeterTerm(-1, sub1), new MeterTerm(-1, sub2)]);

        // 10−3−1, 12−4−0, 9−2−2, 0−0−1.
        Assert.Equal([t0, t0.AddMinutes(15), t0.AddMinutes(30), t0.AddMinutes(45)], rest.Select(b => b.StartUtc));
        Assert.Equal([6m, 8m, 5m, -1m], rest.Select(b => b.Quantity));
    }

    [Fact]
    public void Combine_SignOtherThanPlusOrMinusOne_IsRefused()
    {
        Bucket[] buckets = [new(Utc("2024-06-05T00:00:00Z"), 1m)];

        Assert.Throws<ArgumentException>(() => VirtualMeters.Combine([new MeterTerm(2, buckets)]));
    }
}
