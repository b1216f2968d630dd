using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Quantities;

public class UnitTests
{
    [Theory]
    [InlineData("度", "kWh")]
    [InlineData("公升", "L")]
    [InlineData("公秉", "kL")]
    [InlineData("千立方公尺", "1000m3")]
    [InlineData("公噸", "t")]
    [InlineData("公斤", "kg")]
    [InlineData("m³", "m3")]
    public void TaiwanUnits_AreAliases(string alias, string canonical)
    {
        Assert.Same(Units.Parse(canonical), Units.Parse(alias));
    }

    [Theory]
    [InlineData("1", "公秉", "1000", "L")]
    [InlineData("1", "千立方公尺", "1000", "m3")]
    [InlineData("1", "公噸", "1000", "kg")]
    [InlineData("1", "kWh", "3.6", "MJ")]
    [InlineData("1", "kcal", "4.1868", "kJ")]
    [InlineData("1", "TJ", "1000", "GJ")]
    [InlineData("1", "GJ", "1000", "MJ")]
    [InlineData("8629", "kcal", "0.0000361278972", "TJ")]
    [InlineData("1", "m2", "10000", "cm2")]
    public void Conversions_MatchDefinitions(string value, string from, string expected, string to)
    {
        var quantity = Quantity.Of(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), from);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), quantity.In(Units.Parse(to)).Value);
    }

    [Fact]
    public void EveryPairInADimension_RoundTrips()
    {
        var random = new Random(3);
        foreach (var a in Units.Catalogue)
        {
            foreach (var b in Units.Catalogue.Where(u => u.Dimension == a.Dimension))
            {
                for (var i = 0; i < 20; i++)
                {
                    var value = Math.Round((decimal)random.NextDouble() * 1_000_000m, 6);
                    var back = new Quantity(value, a).In(b).In(a).Value;

                    Assert.True(Math.Abs(back - value) <= 1e-18m * Math.Max(1m, value), $"{value} {a} → {b} → {back}");
                }
            }
        }
    }

    [Fact]
    public void CrossDimensionConversion_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Quantity.Of(1, "kg").In(Units.Litre));
    }

    [Theory]
    [InlineData("kcal/L", true)]
    [InlineData("MJ/m3", true)]
    [InlineData("kcal", false)]
    [InlineData("kcal/", false)]
    [InlineData("foo/L", false)]
    public void Rates_ParseAsUnitOverUnit(string unit, bool ok)
    {
        Assert.Equal(ok, Rate.TryParse(1m, unit, out _));
    }

    [Theory]
    [InlineData("24099.254815163514154838709677", "24.099254815163514154838709677")]
    [InlineData("0", "0")]
    [InlineData("1", "0.001")]
    [InlineData("1000000000000000", "1000000000000")]
    public void TonnesFromKg_DividesByAThousandExactly(string kg, string tonnes) =>
        Assert.Equal(decimal.Parse(tonnes, System.Globalization.CultureInfo.InvariantCulture), Units.TonnesFromKg(decimal.Parse(kg, System.Globalization.CultureInfo.InvariantCulture)));
}
