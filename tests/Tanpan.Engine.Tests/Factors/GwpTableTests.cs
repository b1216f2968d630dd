using Tanpan.Engine.Factors;

namespace Tanpan.Engine.Tests.Factors;

public class GwpTableTests
{
    private static readonly GwpTable Gwp = FactorLibrary.Shipped.Gwp;

    [Theory]
    [InlineData("R-410A", 1924)]
    [InlineData("R-404A", 3943)]
    [InlineData("R-407C", 1624)]
    [InlineData("R-507A", 3985)]
    public void Ar5Blends_UsePublishedRoundedValues(string blend, int published)
    {
        Assert.Equal(published, Gwp.Lookup(blend, GwpSet.Ar5).Value.Value);
    }

    [Theory]
    [InlineData("R-410A", GwpSet.Ar4, "2087.5")]
    [InlineData("R-404A", GwpSet.Ar4, "3921.6")]
    [InlineData("R-407C", GwpSet.Ar4, "1773.85")]
    [InlineData("R-410A", GwpSet.Ar6, "2255.5")]
    [InlineData("R-507A", GwpSet.Ar6, "4775")]
    public void BlendsWithoutPublishedValue_AreMassWeightedFromComponents(string blend, GwpSet set, string expected)
    {
        var value = Gwp.Lookup(blend, set).Value;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value.Value);
        Assert.StartsWith("computed", value.Basis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("R-32", "HFC-32", 677)]
    [InlineData("R-134a", "HFC-134a", 1300)]
    [InlineData("R-744", "CO2", 1)]
    public void RefrigerantCodes_AreAliasesOfTheirGas(string alias, string gas, int ar5)
    {
        Assert.Equal(gas, Gwp.Find(alias)!.Name);
        Assert.Equal(ar5, Gwp.Lookup(alias, GwpSet.Ar5).Value.Value);
    }

    [Theory]
    [InlineData("CO2", 1, 1, 1)]
    [InlineData("CH4", 25, 28, 27.9)]
    [InlineData("N2O", 298, 265, 273)]
    [InlineData("SF6", 22800, 23500, 25200)]
    [InlineData("HFC-134a", 1430, 1300, 1530)]
    public void SingleGases_HaveAllThreeReports(string gas, double ar4, double ar5, double ar6)
    {
        Assert.Equal((decimal)ar4, Gwp.Lookup(gas, GwpSet.Ar4).Value.Value);
        Assert.Equal((decimal)ar5, Gwp.Lookup(gas, GwpSet.Ar5).Value.Value);
        Assert.Equal((decimal)ar6, Gwp.Lookup(gas, GwpSet.Ar6).Value.Value);
    }

    [Fact]
    public void MissingValue_IsAnErrorNamingTheAvailableSets()
    {
        var outcome = Gwp.Lookup("R-1234yf", GwpSet.Ar4);

        var error = Assert.Single(outcome.Errors);
        Assert.Contains("AR5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hcfc22_IsReportedSeparately()
    {
        Assert.True(Gwp.Find("R-22")!.ReportedSeparately);
    }
}
