using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using static Tanpan.Engine.Tests.TestLibrary;

namespace Tanpan.Engine.Tests.Inventory;

/// <summary>Properties over seeded random inventories (deterministic, so a failure reproduces).</summary>
public class InventoryPropertyTests
{
    private static readonly decimal Tolerance = 1e-15m;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Totals_AreAdditiveOverLines(int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 200).Select(i => RandomLines.Next(random, i)).ToArray();
        var split = random.Next(1, lines.Length);

        var whole = Calculate(2024, GwpSet.Ar5, lines);
        var first = Calculate(2024, GwpSet.Ar5, lines[..split]);
        var second = Calculate(2024, GwpSet.Ar5, lines[split..]);

        AssertClose(whole.TotalKgCo2e, first.TotalKgCo2e + second.TotalKgCo2e);
        foreach (var scope in whole.ByScope.Keys)
        {
            AssertClose(whole.ByScope[scope], first.ByScope[scope] + second.ByScope[scope]);
        }

        AssertClose(whole.TotalKgCo2e, whole.Lines.Sum(l => l.KgCo2e));
    }

    [Theory]
    [InlineData(11, "3")]
    [InlineData(12, "0.125")]
    public void Totals_ScaleWithQuantities(int seed, string factorText)
    {
        var k = decimal.Parse(factorText, System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 100).Select(i => RandomLines.Next(random, i)).ToArray();

        var baseline = Calculate(2024, GwpSet.Ar5, lines);
        var scaled = Calculate(2024, GwpSet.Ar5, lines.Select(l => l with { Quantity = l.Quantity * k }).ToArray());

        AssertClose(baseline.TotalKgCo2e * k, scaled.TotalKgCo2e);
    }

    [Fact]
    public void Proration_NeverExceedsTheBilledQuantity()
    {
        var random = new Random(99);
        for (var i = 0; i < 5_000; i++)
        {
            var line = RandomLines.Next(random, i);
            var from = new DateOnly(2022, 6, 1).AddDays(random.Next(1200));
            line = line with { Period = new ActivityPeriod(from, from.AddDays(random.Next(400))) };

            var result = Calculate(2024, GwpSet.Ar5, line).Lines[0];

            Assert.InRange(result.IncludedQuantity, 0m, line.Quantity);
            Assert.Equal(result.IncludedQuantity < line.Quantity || result.IncludedDays < result.PeriodDays, result.Estimated);
        }
    }

    [Fact]
    public void SplittingABillAtTheYearEnd_PreservesTheQuantity()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var line = RandomLines.Next(random, i);
            var from = new DateOnly(2023, 12, 31).AddDays(-random.Next(1, 200));
            line = line with { Period = new ActivityPeriod(from, new DateOnly(2024, 1, 1).AddDays(random.Next(200))) };

            var in2023 = Calculate(2023, GwpSet.Ar5, line).Lines[0].IncludedQuantity;
            var in2024 = Calculate(2024, GwpSet.Ar5, line).Lines[0].IncludedQuantity;

            AssertClose(line.Quantity, in2023 + in2024);
        }
    }

    [Fact]
    public void PeriodDays_SplitAcrossYears_AddUpToThePeriod()
    {
        var random = new Random(17);
        for (var i = 0; i < 1_000; i++)
        {
            var from = new DateOnly(2022, 1, 1).AddDays(random.Next(1000));
            var period = new ActivityPeriod(from, from.AddDays(random.Next(800)));

            var sum = Enumerable.Range(2021, 8).Sum(period.InclusiveDaysIn);

            Assert.Equal(period.InclusiveDays, sum);
        }
    }

    [Fact]
    public void DaysByMonth_AddUpToTheDaysInTheYear()
    {
        var period = new ActivityPeriod(new DateOnly(2023, 12, 15), new DateOnly(2024, 2, 14));

        var months = period.InclusiveDaysByMonthIn(2024).ToArray();

        Assert.Equal([(1, 31), (2, 14)], months);
        Assert.Equal(period.InclusiveDaysIn(2024), months.Sum(m => m.Days));
    }

    private static void AssertClose(decimal expected, decimal actual)
    {
        var scale = Math.Max(1m, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= Tolerance * scale, $"expected {expected}, got {actual}");
    }
}
