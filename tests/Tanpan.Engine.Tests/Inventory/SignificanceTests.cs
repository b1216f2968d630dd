using Tanpan.Engine.Inventory;

namespace Tanpan.Engine.Tests.Inventory;

public class SignificanceTests
{
    [Theory]
    [InlineData(3, 3, 3, 3, 12, true)]
    [InlineData(3, 3, 3, 2, 12, false)]
    [InlineData(5, 1, 1, 1, 12, true)]
    [InlineData(1, 1, 5, 1, 12, true)]
    [InlineData(1, 5, 1, 1, 12, false)]
    public void TotalOrAMaximalMagnitudeOrRisk_MakesACategorySignificant(int magnitude, int influence, int risk, int stakeholder, int threshold, bool significant)
    {
        Assert.Equal(significant, new SignificanceScores(magnitude, influence, risk, stakeholder).IsSignificant(threshold));
    }

    [Fact]
    public void ScoresOutsideOneToFive_AreNamed()
    {
        Assert.Equal(["magnitude", "stakeholderConcern"], SignificanceScores.Validate(0, 3, 3, null).Select(e => e.Path));
    }

    [Fact]
    public void IndirectCategories_AreThirteenPlusOther()
    {
        Assert.Equal(14, SignificanceScores.Categories.Count);
        Assert.Equal("3.1", SignificanceScores.Categories[0].Code);
        Assert.Equal("6", SignificanceScores.Categories[^1].Code);
    }
}
