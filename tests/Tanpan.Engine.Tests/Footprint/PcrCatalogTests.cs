using System.Text.Json.Nodes;
using Tanpan.Engine.Footprint;

namespace Tanpan.Engine.Tests.Footprint;

/// <summary>A PCR document is checked field by field; versions of one PCR are ordered by publication and old ones stay
/// findable.</summary>
public sealed class PcrCatalogTests
{
    private static JsonNode Shipped() => JsonNode.Parse(PcrLibrary.Write(PcrLibrary.Find("tmba-cnc-lathe-2024")!))!;

    [Fact]
    public void TheShippedDocument_WrittenAndReadBack_PassesItsChecks()
    {
        var read = PcrLibrary.Validate(Shipped().ToJsonString());
        Assert.True(read.Succeeded, string.Join("; ", read.Errors.Select(e => e.Path + " " + e.Message)));
        Assert.Equal(PcrLibrary.Find("tmba-cnc-lathe-2024")!.Cutoff, read.Value.Cutoff);
    }

    [Theory]
    [InlineData("cutoff.totalMax", 0.001, "cutoff.totalMax")]
    [InlineData("cutoff.singleMax", 0, "cutoff.singleMax")]
    [InlineData("cutoff.coverageMin", 1.5, "cutoff.coverageMin")]
    [InlineData("primaryData.threshold", -0.1, "primaryData.threshold")]
    [InlineData("dataPeriod.months", 0, "dataPeriod.months")]
    [InlineData("validYears", 40, "validYears")]
    public void ARuleOutOfRange_IsNamedByItsPath(string path, double value, string expected)
    {
        var doc = Shipped();
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? doc : doc[parts[0]]!;
        parent[parts[^1]] = (decimal)value;
        var read = PcrLibrary.Validate(doc.ToJsonString());
        Assert.False(read.Succeeded);
        Assert.Contains(read.Errors, e => e.Path == expected);
    }

    [Fact]
    public void AMissingStage_AnUnknownField_AndAWrongType_AreRefused()
    {
        var doc = Shipped();
        doc["stages"]!.AsArray().RemoveAt(0);
        Assert.Contains(PcrLibrary.Validate(doc.ToJsonString()).Errors, e => e.Path == "stages");

        var extra = Shipped();
        extra["surprise"] = 1;
        Assert.False(PcrLibrary.Validate(extra.ToJsonString()).Succeeded);

        var wrong = PcrLibrary.Validate("""{"id": 1}""");
        Assert.Equal("$.id", wrong.Errors.Single().Path);
        Assert.False(PcrLibrary.Validate("not json").Succeeded);
    }

    [Fact]
    public void ALaterVersion_IsCurrent_AndTheEarlierStaysFindable()
    {
        var doc = Shipped();
        doc["version"] = "1.1";
        doc["published"] = "2025-06-01";
        doc["cutoff"]!["totalMax"] = 0.03m;
        var catalog = PcrLibrary.Shipped.With([PcrLibrary.Validate(doc.ToJsonString()).Value]);

        Assert.Equal("1.1", catalog.Latest("tmba-cnc-lathe-2024")!.Version);
        Assert.Equal(0.05m, catalog.Find("tmba-cnc-lathe-2024", "1.0")!.Cutoff.TotalMax);
        Assert.Equal(["1.0", "1.1"], catalog.Versions("tmba-cnc-lathe-2024").Select(p => p.Version));
        Assert.Single(catalog.Current);
        Assert.Null(catalog.Find("tmba-cnc-lathe-2024", "9"));
        // The shipped catalog itself is unchanged.
        Assert.Equal("1.0", PcrLibrary.Find("tmba-cnc-lathe-2024")!.Version);
    }

    [Fact]
    public void TheHistogram_CountsEveryScore_InEqualBins()
    {
        double[] sorted = [1, 1.5, 2, 2, 3, 4, 10];
        var h = ScoreHistogram.Of(sorted);
        Assert.Equal(ScoreHistogram.Bins, h.Counts.Count);
        Assert.Equal(sorted.Length, h.Counts.Sum());
        Assert.Equal(1m, h.From);
        Assert.Equal(0.3m, h.BinWidth);
        Assert.Equal(1, h.Counts[^1]);
        Assert.Equal(2, h.Counts[0] + h.Counts[1]);
        Assert.Equal(3, ScoreHistogram.Of([5, 5, 5]).Counts[0]);
    }
}
