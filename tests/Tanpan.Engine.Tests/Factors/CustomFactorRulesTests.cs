using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Factors;

public class CustomFactorRulesTests
{
    [Theory]
    [InlineData("kgCO2e/kWh", "kWh", "1")]
    [InlineData("tCO2e/t", "t", "1000")]
    [InlineData("gCO2e/度", "kWh", "0.001")]
    [InlineData("kg CO2e / L", "L", "1")]
    public void Units_ParseToPerUnitAndKilograms(string text, string perUnit, string toKg)
    {
        Assert.True(CustomFactorRules.TryParseUnit(text, out var unit, out var factor));
        Assert.Same(Units.Parse(perUnit), unit);
        Assert.Equal(decimal.Parse(toKg, System.Globalization.CultureInfo.InvariantCulture), factor);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kWh")]
    [InlineData("kg/kWh")]
    [InlineData("kgCO2e/parsec")]
    public void NonCo2eUnits_AreRejected(string? text)
    {
        Assert.False(CustomFactorRules.TryParseUnit(text, out _, out _));
    }

    [Fact]
    public void Create_ConvertsToKilogramsPerUnit()
    {
        var factor = CustomFactorRules.Create("steam", 0.215m, "tCO2e/t", " supplier 2024 ").Value;

        Assert.Equal(215m, factor.KgCo2ePerUnit);
        Assert.Equal("supplier 2024", factor.Source);
    }

    [Fact]
    public void Create_NamesEveryBadField()
    {
        var outcome = CustomFactorRules.Create("x", -1m, "kWh", " ");

        Assert.Equal(["value", "unit", "source"], outcome.Errors.Select(e => e.Path));
    }
}
