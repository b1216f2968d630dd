using Tanpan.Engine.Inventory;

namespace Tanpan.Engine.Tests.Inventory;

/// <summary>MOENV's 表六 / 彙整表五 scoring and 表七 uncertainty, with the form's own rules and bands.</summary>
public class DataQualityTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, 1)]
    [InlineData(2, 2, 2, 8, 1)]
    [InlineData(3, 3, 1, 9, 1)]
    [InlineData(2, 1, 3, 6, 1)]
    [InlineData(2, 2, 3, 12, 2)]
    [InlineData(3, 2, 3, 18, 2)]
    [InlineData(3, 3, 3, 27, 3)]
    public void Level_IsTheProduct_AndTheScoreBandsAre10And19(int a1, int a2, int a3, int level, int score)
    {
        var quality = new SourceQuality("s", a1, a2, a3, 0.5m);
        Assert.Equal(level, quality.Level);
        Assert.Equal(score, quality.Score);
    }

    [Fact]
    public void TheInventoryGrade_WeightsTheLevelByShare_NotTheScore()
    {
        // Electricity from bills (2) not calibrated by the company (2) with the national factor (3): P = 12, share 70 %.
        // Diesel by invoice (2), externally calibrated pump (1), national factor (3): P = 6, share 30 %.
        // S = 0.7 × 12 + 0.3 × 6 = 8.4 + 1.8 = 10.2 → 第二級, although both scores (2 and 1) average below 2.
        var grade = DataQuality.Grade([new SourceQuality("grid", 2, 2, 3, 0.7m), new SourceQuality("diesel", 2, 1, 3, 0.3m)]);

        Assert.Equal(10.2m, grade.WeightedTotal);
        Assert.Equal(2, grade.Grade);
        Assert.Equal(1, grade.CountScore1);
        Assert.Equal(1, grade.CountScore2);
    }

    [Fact]
    public void ShareIsRoundedToFourPlaces_AndTheWeightToTwo_AsTheFormDoes()
    {
        // Q = ROUND(0.123456, 4) = 0.1235; S = ROUND(0.1235 × 27, 2) = ROUND(3.3345, 2) = 3.33.
        Assert.Equal(3.33m, new SourceQuality("s", 3, 3, 3, 0.123456m).Weighted);
    }

    [Fact]
    public void SourcesWithoutEmissions_AreNotScored()
    {
        var grade = DataQuality.Grade([new SourceQuality("a", 1, 1, 3, 1m), new SourceQuality("empty", 3, 3, 3, 0m)]);

        Assert.Single(grade.Sources);
        Assert.Equal(3m, grade.WeightedTotal);
        Assert.Equal(1, grade.Grade);
    }

    [Theory]
    [InlineData(FactorKind.OwnDeveloped, 1)]
    [InlineData(FactorKind.SameProcess, 1)]
    [InlineData(FactorKind.Manufacturer, 2)]
    [InlineData(FactorKind.Regional, 2)]
    [InlineData(FactorKind.National, 3)]
    [InlineData(FactorKind.International, 3)]
    public void FactorKinds_MapToA3(FactorKind kind, int level) => Assert.Equal(level, DataQuality.FactorLevel(kind));

    [Fact]
    public void Uncertainty_CombinesInQuadrature_PerSourceAndAcrossSources()
    {
        // Source 1: √(0.03² + 0.04²) = 0.05 on 600 t; source 2: √(0.05² + 0.12²) = 0.13 on 400 t.
        // Inventory: √((0.05 × 600)² + (0.13 × 400)²) ÷ 1000 = √(900 + 2704) ÷ 1000 = 60.033… ÷ 1000.
        var a = new SourceUncertainty("a", 600m, 0.03m, 0.04m);
        var b = new SourceUncertainty("b", 400m, 0.05m, 0.12m);
        Assert.Equal(0.05m, Math.Round(a.Combined, 10));
        Assert.Equal(0.13m, Math.Round(b.Combined, 10));

        var total = DataQuality.Combine([a, b], 1250m);
        Assert.Equal(0.060033m, Math.Round(total.Combined, 6));
        Assert.Equal(0.8m, total.AssessedShare);
    }
}
