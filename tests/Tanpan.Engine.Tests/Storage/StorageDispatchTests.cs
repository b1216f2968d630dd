using Tanpan.Engine.Storage;
using Tanpan.Engine.Tariffs;

namespace Tanpan.Engine.Tests.Storage;

public class StorageDispatchTests
{
    private static readonly DateTime Tuesday = new(2025, 7, 15);

    // HV three-stage summer weekday bands and prices, hourly.
    private static IntervalTariff Hv3(DateTime t) => TariffLibrary.Shipped.Find("taipower-hv-3tou", DateOnly.FromDateTime(t))!.Classify(t);

    private static IntervalTariff[] Tariffs(DateTime start, int count, int minutes) => Enumerable.Range(0, count).Select(i => Hv3(start.AddMinutes(minutes * i))).ToArray();

    private static Battery Battery(decimal powerKw, decimal energyKwh, decimal rte = 0.9m, decimal dod = 1m, decimal soh = 1m) => Engine.Storage.Battery.Create(powerKw, energyKwh, rte, dod, soh, 1_000_000m).Value;

    [Fact]
    public void PeakShaving_AHandComputedDay_HoldsTheTarget_AndRechargesAfterThePeak()
    {
        var load = Enumerable.Range(0, 24).Select(h => h is >= 17 and < 20 ? 120m : 60m).ToArray();
        var result = StorageDispatch.Run(new StorageDispatchInput(60, Tuesday, load, Tariffs(Tuesday, 24, 60), Battery(50, 150), StorageStrategy.PeakShaving, 100m)).Value;

        // 20 kW for three hours from a full 150 kWh pack: √0.9 lost on the way out.
        Assert.All(Enumerable.Range(17, 3), h => Assert.Equal(100m, result.GridKw[h]));
        Assert.All(Enumerable.Range(17, 3), h => Assert.Equal(20m, result.DischargeKw[h]));
        Assert.Equal(60m, result.Totals.DischargedKwh);
        Assert.Equal(150m - (60m / (decimal)Math.Sqrt(0.9)), result.SocKwh[19], 10);
        Assert.True(result.PeakShaving!.TargetMet);
        Assert.Equal(120m, result.PeakBeforeKw);
        Assert.Equal(100m, result.PeakAfterKw);
    }

    [Fact]
    public void PeakShaving_AnInfeasibleTarget_IsReported_WithTheLowestReachableTarget()
    {
        // 120 kW for 3 h over a 60 kW base; 60 kWh usable can cover 3 h × 20 kW at most (before losses).
        var load = Enumerable.Range(0, 24).Select(h => h is >= 17 and < 20 ? 120m : 60m).ToArray();
        var result = StorageDispatch.Run(new StorageDispatchInput(60, Tuesday, load, Tariffs(Tuesday, 24, 60), Battery(100, 60, rte: 1m), StorageStrategy.PeakShaving, 80m)).Value;
        Assert.False(result.PeakShaving!.TargetMet);
        Assert.True(result.PeakShaving.IntervalsAboveTarget > 0);
        // Lossless: 60 kWh over three hours shaves 20 kW, so 100 kW is the lowest target held.
        Assert.Equal(100m, result.PeakShaving.MinFeasibleTargetKw, 1);
    }

    [Fact]
    public void SecondLife_StateOfHealth_ScalesTheUsableEnergy()
    {
        var pack = Battery(50, 200, dod: 0.9m, soh: 0.6m);
        Assert.Equal(200m * 0.6m * 0.9m, pack.UsableEnergyKwh);
        Assert.Equal(120m, pack.MaxSocKwh);
        Assert.Equal(12m, pack.MinSocKwh, 10);
        Assert.False(Engine.Storage.Battery.Create(50, 200, 1.2m, 1, 1, 0).Succeeded);
    }

    [Fact]
    public void DemandResponse_DischargesOnlyInTheWeekdayWindow_AndNeverChargesThere()
    {
        // Saturday 2025-07-19 to Tuesday 2025-07-22, hourly, flat 80 kW.
        var start = new DateTime(2025, 7, 19);
        var count = 4 * 24;
        var load = Enumerable.Repeat(80m, count).ToArray();
        var tariffs = Tariffs(start, count, 60);
        var result = StorageDispatch.Run(new StorageDispatchInput(60, start, load, tariffs, Battery(50, 100), StorageStrategy.DemandResponse)).Value;
        for (var i = 0; i < count; i++)
        {
            if (!tariffs[i].DemandResponseWindow)
            {
                Assert.Equal(0m, result.DischargeKw[i]);
            }
            else
            {
                Assert.Equal(0m, result.ChargeKw[i]);
            }
        }

        Assert.Equal(0m, result.DischargeKw[18]); // Saturday 18:00
        Assert.True(result.DischargeKw[(2 * 24) + 18] > 0); // Monday 18:00
        Assert.True(result.DemandResponse!.TotalKwh > 0);
    }

    [Fact]
    public void EveryDispatch_BalancesEnergy_StaysInTheWindow_AndNeverExports()
    {
        var random = new Random(20261202);
        foreach (var strategy in new[] { StorageStrategy.PeakShaving, StorageStrategy.Arbitrage, StorageStrategy.DemandResponse })
        {
            for (var run = 0; run < 8; run++)
            {
                var start = new DateTime(2025, 1, 1).AddDays(random.Next(0, 360));
                var count = 96 * 3;
                var load = Enumerable.Range(0, count).Select(_ => Math.Round((decimal)(random.NextDouble() * 150), 2)).ToArray();
                var pack = Battery(40 + random.Next(0, 40), 80 + random.Next(0, 160), 0.85m, 0.9m, 0.8m);
                var result = StorageDispatch.Run(new StorageDispatchInput(15, start, load, Tariffs(start, count, 15), pack, strategy, strategy == StorageStrategy.PeakShaving ? 110m : null)).Value;
                var soc = result.InitialSocKwh;
                var eta = pack.OneWayEfficiency;
                for (var i = 0; i < count; i++)
                {
                    Assert.False(result.ChargeKw[i] > 0 && result.DischargeKw[i] > 0, $"{strategy}: charge and discharge at once at {i}");
                    Assert.True(result.GridKw[i] >= 0, $"{strategy}: export at {i}");
                    Assert.Equal(load[i] - result.DischargeKw[i] + result.ChargeKw[i], result.GridKw[i], 10);
                    soc += (result.ChargeKw[i] * 0.25m * eta) - (result.DischargeKw[i] * 0.25m / eta);
                    Assert.Equal(soc, result.SocKwh[i], 8);
                    Assert.InRange(result.SocKwh[i], pack.MinSocKwh - 1e-9m, pack.MaxSocKwh + 1e-9m);
                }
            }
        }
    }
}
