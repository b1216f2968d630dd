using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using static Tanpan.Engine.Tests.TestLibrary;

namespace Tanpan.Engine.Tests.Factors;

/// <summary>Golden values from published tables: the engine must reproduce them from per-TJ factors × heat values.</summary>
public class PublishedFactorTests
{
    [Theory]
    [InlineData("fuel.diesel", "2.60603179")]
    [InlineData("fuel.gasoline", "2.26313287")]
    [InlineData("fuel.lpg", "1.75288128")]
    [InlineData("fuel.natural-gas", "1.87903584")]
    [InlineData("fuel.fuel-oil", "3.11095987")]
    [InlineData("fuel.bituminous-coal", "2.40811338")]
    public void Moenv604_PerUnitCo2_IsPerTjTimesImpliedHeatValue(string activity, string published)
    {
        var factor = Resolver.Resolve(new FactorQuery(activity, GwpSet.Ar4, 2020, FactorSet: "moenv-6.0.4")).Value;

        var co2 = factor.Gases.Single(g => g.Gas == "CO2").KgPerUnit;

        Assert.Equal(decimal.Parse(published, System.Globalization.CultureInfo.InvariantCulture), Math.Round(co2, 8));
    }

    // MOENV 2024 announcement (kg/TJ) × Energy Administration net heat values (113年起), AR5 with CH4 = 28:
    // totals as tabulated in ../shared/data/factors/fuels_tw.csv (recomputed there to full precision).
    [Theory]
    [InlineData("fuel.diesel", "stationary", null, "2.67707718252", "2.6858562615396")]
    [InlineData("fuel.gasoline", "stationary", null, "2.1818922048", "2.189542995648")]
    [InlineData("fuel.lpg", "stationary", null, "1.57402662264", "1.5753861226548")]
    [InlineData("fuel.natural-gas", "stationary", null, "1.90416794436", "1.9060178044842")]
    [InlineData("fuel.fuel-oil", "stationary", null, "3.0202235424", "3.029705639568")]
    [InlineData("fuel.kerosene", "stationary", null, "2.55876282", "2.5674106554")]
    [InlineData("fuel.gasoline", "mobile", "oxidation-catalyst", "2.1818922048", "2.27067916032")]
    [InlineData("fuel.gasoline", "mobile", "uncontrolled", "2.1818922048", "2.237683156992")]
    [InlineData("fuel.gasoline", "mobile", "low-mileage-1995", "2.1818922048", "2.2327998744384")]
    [InlineData("fuel.diesel", "mobile", null, "2.67707718252", "2.71836053065044")]
    [InlineData("fuel.lpg", "mobile", null, "1.57402662264", "1.6186531460616")]
    [InlineData("fuel.natural-gas", "mobile", null, "1.90416794436", "2.0185877329596")]
    public void Moenv2024_PerUnitFactors_MatchAnnouncementTimesHeatValue(string activity, string use, string? technology, string co2, string total)
    {
        var query = new FactorQuery(activity, GwpSet.Ar5, 2024, use == "mobile" ? CombustionUse.Mobile : CombustionUse.Stationary, technology);

        var factor = Resolver.Resolve(query).Value;

        Assert.Equal(decimal.Parse(co2, System.Globalization.CultureInfo.InvariantCulture), factor.Gases.Single(g => g.Gas == "CO2").KgPerUnit);
        Assert.Equal(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), factor.KgCo2ePerUnit);
        Assert.Equal("moenv-2024", factor.Provenance.SetId);
        Assert.Equal("ea-113", factor.HeatValue!.Table);
    }

    [Fact]
    public void CombustionCh4_UnderAr5_UsesGwp28NotFossil30()
    {
        var factor = Resolver.Resolve(new FactorQuery("fuel.diesel", GwpSet.Ar5, 2024)).Value;

        Assert.Equal(28m, factor.Gases.Single(g => g.Gas == "CH4").Gwp);
        Assert.Equal(265m, factor.Gases.Single(g => g.Gas == "N2O").Gwp);
    }

    [Fact]
    public void FossilMethane_IsAvailableAsItsOwnGas()
    {
        Assert.Equal(30m, FactorLibrary.Shipped.Gwp.Lookup("CH4-fossil", GwpSet.Ar5).Value.Value);
    }

    [Fact]
    public void OwnHeatValue_ReplacesTableValue_AndIsTraced()
    {
        var query = new FactorQuery("fuel.natural-gas", GwpSet.Ar5, 2024, HeatValue: new Rate(8755m, Units.Kilocalorie, Units.CubicMetre));

        var factor = Resolver.Resolve(query).Value;

        Assert.Equal(56100m * 8755m * 4.1868e-9m, factor.Gases.Single(g => g.Gas == "CO2").KgPerUnit);
        Assert.True(factor.HeatValue!.Overridden);
    }

    [Fact]
    public void HeatValueInMegajoules_IsConvertedExactly()
    {
        var kcal = Resolver.Resolve(new FactorQuery("fuel.diesel", GwpSet.Ar5, 2024, HeatValue: new Rate(8629m, Units.Kilocalorie, Units.Litre))).Value;
        var mj = Resolver.Resolve(new FactorQuery("fuel.diesel", GwpSet.Ar5, 2024, HeatValue: new Rate(8629m * 4.1868m / 1000m, Units.Megajoule, Units.Litre))).Value;

        Assert.Equal(kcal.KgCo2ePerUnit, mj.KgCo2ePerUnit);
    }

    [Fact]
    public void HeatValueWithWrongDimension_IsRejected()
    {
        var outcome = Resolver.Resolve(new FactorQuery("fuel.diesel", GwpSet.Ar5, 2024, HeatValue: new Rate(8629m, Units.Kilocalorie, Units.Kilogram)));

        Assert.Equal("heatValue.unit", Assert.Single(outcome.Errors).Path);
    }

    [Theory]
    [InlineData(2005, "0.555")]
    [InlineData(2017, "0.554")]
    [InlineData(2023, "0.494")]
    [InlineData(2024, "0.474")]
    public void GridFactor_IsThatOfTheYear(int year, string expected)
    {
        var factor = Resolver.Resolve(new FactorQuery("electricity.grid.tw", GwpSet.Ar5, year)).Value;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), factor.KgCo2ePerUnit);
        Assert.True(factor.IsCo2eFactor);
        Assert.Equal(year, factor.Year);
    }

    [Fact]
    public void GridFactor_ForUnpublishedYear_UsesLatestAndSaysSo()
    {
        var factor = Resolver.Resolve(new FactorQuery("electricity.grid.tw", GwpSet.Ar5, 2026)).Value;

        Assert.Equal(2024, factor.Year);
        Assert.Contains(factor.Notes, n => n.Contains("2026", StringComparison.Ordinal));
    }

    [Fact]
    public void GridFactor_BeforeFirstPublishedYear_IsAnError()
    {
        var outcome = Resolver.Resolve(new FactorQuery("electricity.grid.tw", GwpSet.Ar5, 2001));

        Assert.Equal("factorYear", Assert.Single(outcome.Errors).Path);
    }

    [Fact]
    public void MobileGasoline_TechnologyChangesCh4AndN2O()
    {
        var uncontrolled = Resolver.Resolve(new FactorQuery("fuel.gasoline", GwpSet.Ar5, 2024, CombustionUse.Mobile, "uncontrolled")).Value;
        var lowMileage = Resolver.Resolve(new FactorQuery("fuel.gasoline", GwpSet.Ar5, 2024, CombustionUse.Mobile, "low-mileage-1995")).Value;

        Assert.Equal(33m, uncontrolled.Gases.Single(g => g.Gas == "CH4").KgPerTj);
        Assert.Equal(3.8m, lowMileage.Gases.Single(g => g.Gas == "CH4").KgPerTj);
        Assert.Equal(5.7m, lowMileage.Gases.Single(g => g.Gas == "N2O").KgPerTj);
        Assert.Equal(uncontrolled.Gases.Single(g => g.Gas == "CO2").KgPerUnit, lowMileage.Gases.Single(g => g.Gas == "CO2").KgPerUnit);
    }

    [Fact]
    public void UnknownTechnology_ListsAllowedOnes()
    {
        var outcome = Resolver.Resolve(new FactorQuery("fuel.gasoline", GwpSet.Ar5, 2024, CombustionUse.Mobile, "hybrid"));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("technology", error.Path);
        Assert.Contains("low-mileage-1995", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MobileKerosene_IsNotAvailable()
    {
        var outcome = Resolver.Resolve(new FactorQuery("fuel.kerosene", GwpSet.Ar5, 2024, CombustionUse.Mobile));

        Assert.Equal("use", Assert.Single(outcome.Errors).Path);
    }

    [Fact]
    public void UnknownActivity_ListsWhatIsAllowed()
    {
        var outcome = Resolver.Resolve(new FactorQuery("fuel.unobtainium", GwpSet.Ar5, 2024));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("activity", error.Path);
        Assert.Contains("fuel.diesel", error.Message, StringComparison.Ordinal);
    }
}
