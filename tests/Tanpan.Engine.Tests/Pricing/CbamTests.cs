using Tanpan.Engine.Pricing;

namespace Tanpan.Engine.Tests.Pricing;

/// <summary>CBAM worked by hand; 2026: CBAM factor 0.975, default-value mark-up 10 %.</summary>
public class CbamTests
{
    private static readonly CbamGood Steel = new("7208 51 20", 1000m, 2.0m, 0.5m, 1.37m, false);
    private static readonly CbamGood Cement = new("25232900", 500m, 0.8m, 0.05m, null, true);

    private static CbamResult Run(int year, decimal paid, decimal eua, params CbamGood[] goods) => Cbam.Calculate(new CbamRequest(year, goods, paid, eua)).Value;

    [Fact]
    public void Steel_DirectOnly_FreeAllocationAndCarbonPricePaidDeducted()
    {
        var good = Run(2026, 10m, 80m, Steel).Goods[0];

        Assert.Equal(CbamSector.IronSteel, good.Sector);
        Assert.False(good.IndirectCounted);
        Assert.Equal(2000m, good.EmbeddedT); // 1000 × 2.0; indirect 0.5 not counted
        Assert.Equal(0.975m, good.CbamFactor);
        Assert.Equal(1335.75m, good.FreeAllocationT); // 0.975 × 1.37 × 1000
        Assert.Equal(664.25m, good.ChargeableT);
        Assert.Equal(250m, good.CarbonPriceDeductionT); // 10 × 2000 ÷ 80
        Assert.Equal(414.25m, good.Certificates);
        Assert.Equal(33_140m, good.CostEur);
    }

    [Fact]
    public void Cement_IndirectCounted_DefaultValuesMarkedUp()
    {
        var good = Run(2026, 10m, 80m, Cement).Goods[0];

        Assert.True(good.IndirectCounted);
        Assert.Equal(0.1m, good.MarkUp);
        Assert.Equal(0.935m, good.SeePerT); // (0.8 + 0.05) × 1.1
        Assert.Equal(467.5m, good.EmbeddedT);
        Assert.Equal(409.0625m, good.Certificates); // 467.5 − 10 × 467.5 ÷ 80
        Assert.Equal(32_725m, good.CostEur);
    }

    [Fact]
    public void Totals_SumTheGoods_AboveDeMinimis()
    {
        var totals = Run(2026, 10m, 80m, Steel, Cement).Totals;

        Assert.Equal(1500m, totals.Tonnes);
        Assert.Equal(2467.5m, totals.EmbeddedT);
        Assert.Equal(823.3125m, totals.Certificates);
        Assert.Equal(65_865m, totals.CostEur);
        Assert.False(totals.DeMinimisApplied);
    }

    [Fact]
    public void FiftyTonnesOrLess_DeMinimisApplied_NothingDue()
    {
        var result = Run(2026, 0m, 80m, Steel with { Tonnes = 40m }, new CbamGood("76011000", 10m, 1.5m, 0m, null, false));

        Assert.True(result.Totals.DeMinimisApplied);
        Assert.Equal(0m, result.Totals.Certificates);
        Assert.Equal(0m, result.Totals.CostEur);
        Assert.True(result.Goods[1].Certificates > 0); // each good still shows what it would be
    }

    [Fact]
    public void JustAboveFiftyTonnes_WholeYearDue()
    {
        var result = Run(2026, 0m, 80m, Steel with { Tonnes = 50.001m, BenchmarkT = null });

        Assert.False(result.Totals.DeMinimisApplied);
        Assert.Equal(100.002m, result.Totals.Certificates);
    }

    [Fact]
    public void Hydrogen_StaysDueUnderDeMinimis()
    {
        var result = Run(2026, 0m, 100m, Steel with { Tonnes = 40m }, new CbamGood("28041000", 5m, 10m, 3m, null, false));

        Assert.True(result.Totals.DeMinimisApplied);
        Assert.Equal(CbamSector.Hydrogen, result.Goods[1].Sector);
        Assert.Equal(50m, result.Totals.Certificates); // 5 × 10, direct only
        Assert.Equal(5000m, result.Totals.CostEur);
    }

    [Theory]
    [InlineData(2028, 0.9, 0.3)]
    [InlineData(2030, 0.515, 0.3)]
    [InlineData(2034, 0.0, 0.3)]
    [InlineData(2040, 0.0, 0.3)]
    public void FactorAndMarkUp_FollowTheSchedule(int year, double factor, double markUp)
    {
        var good = Run(year, 0m, 80m, Cement with { BenchmarkT = 0.7m }).Goods[0];

        Assert.Equal((decimal)factor, good.CbamFactor);
        Assert.Equal((decimal)markUp, good.MarkUp);
        Assert.Equal((decimal)factor * 0.7m * 500m, good.FreeAllocationT);
    }

    [Fact]
    public void CarbonPricePaidAboveEua_NoNegativeCertificates()
    {
        Assert.Equal(0m, Run(2026, 200m, 80m, Steel).Goods[0].Certificates);
    }

    [Theory]
    [InlineData("7208512", "goods[0].cnCode")]
    [InlineData("84713000", "goods[0].cnCode")]
    [InlineData("abcdefgh", "goods[0].cnCode")]
    public void BadCnCode_IsAFieldError(string cn, string field)
    {
        var outcome = Cbam.Calculate(new CbamRequest(2026, [Steel with { CnCode = cn }], 0m, 80m));

        Assert.Contains(outcome.Errors, e => e.Path == field);
    }

    [Fact]
    public void TransitionalYears_AndZeroEuaPrice_AreRefused()
    {
        var outcome = Cbam.Calculate(new CbamRequest(2025, [Steel with { Tonnes = -1 }], -1m, 0m));

        Assert.Equal(["year", "goods[0].tonnes", "carbonPricePaidEurPerT", "euaPriceEurPerT"], outcome.Errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("72085120", CbamSector.IronSteel)]
    [InlineData("73181500", CbamSector.IronSteel)]
    [InlineData("76061200", CbamSector.Aluminium)]
    [InlineData("25231000", CbamSector.Cement)]
    [InlineData("31021010", CbamSector.Fertilisers)]
    [InlineData("28141000", CbamSector.Fertilisers)]
    [InlineData("28041000", CbamSector.Hydrogen)]
    [InlineData("27160000", CbamSector.Electricity)]
    public void Sectors_FromCnChapter(string cn, CbamSector sector) => Assert.Equal(sector, CbamSectors.Find(cn));

    [Fact]
    public void EveryParameter_HasRuleAndSource()
    {
        Assert.All(Run(2026, 0m, 80m, Steel).Parameters, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.RuleZh));
            Assert.False(string.IsNullOrWhiteSpace(p.RuleEn));
            Assert.False(string.IsNullOrWhiteSpace(p.Source));
        });
    }
}
