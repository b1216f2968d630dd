using Tanpan.Engine.Common;

namespace Tanpan.Engine.Tests;

public class FieldPathsTests
{
    [Theory]
    [InlineData("lines[3].unit", "fuels[1].unit")]
    [InlineData("lines[3]", "fuels[1]")]
    [InlineData("reportingYear", "reportingYear")]
    [InlineData("linesX[3].unit", "linesX[3].unit")]
    public void Reindex_RenamesOnlyTheNamedList(string path, string expected)
    {
        Assert.Equal(expected, FieldPaths.Reindex(path, "lines", k => k == 3 ? "fuels[1]" : throw new InvalidOperationException()));
    }
}
