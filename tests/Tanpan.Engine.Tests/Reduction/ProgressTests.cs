using Tanpan.Engine.Reduction;

namespace Tanpan.Engine.Tests.Reduction;

/// <summary>Targets at 2.5 %/yr from 1,000 t in 2023: 975 (2024), 950.625 (2025).</summary>
public sealed class ProgressTests
{
    private static readonly Pathway Path = Pathway.Build(2023, 1000m, [2030], 0.025m, []).Value;

    [Fact]
    public void Assess_LatestYearAtOrBelowTarget_IsOnTrack_WithTheDifferences()
    {
        var progress = Progress.Assess(Path, [new(2025, 940m), new(2019, 1200m), new(2024, 980m)]).Value;

        Assert.Equal(ProgressVerdict.OnTrack, progress.Verdict);
        Assert.Equal([2024, 2025], progress.Years.Select(y => y.Year));
        Assert.Equal([5m, -10.625m], progress.Years.Select(y => y.DifferenceTonnes));
        Assert.Equal([false, true], progress.Years.Select(y => y.OnTrack));
        Assert.Equal(2025, progress.Latest!.Year);
    }

    [Fact]
    public void Assess_LatestYearAboveTarget_IsBehind_ByTheDifference()
    {
        var progress = Progress.Assess(Path, [new(2024, 970m), new(2025, 951m)]).Value;

        Assert.Equal(ProgressVerdict.Behind, progress.Verdict);
        Assert.Equal(0.375m, progress.Latest!.DifferenceTonnes);
    }

    [Fact]
    public void Assess_OnlyTheBaseYear_IsNoData()
    {
        Assert.Equal(ProgressVerdict.NoData, Progress.Assess(Path, [new(2023, 1000m)]).Value.Verdict);
    }

    [Fact]
    public void Assess_ATwiceGivenYearOrNegativeTotal_NamesTheEntry()
    {
        var outcome = Progress.Assess(Path, [new(2024, 1m), new(2024, 2m), new(2025, -1m)]);

        Assert.Equal(["actuals[1].year", "actuals[2].tonnes"], outcome.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}
