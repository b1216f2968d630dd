using Tanpan.Engine.Activities;

namespace Tanpan.Engine.Tests.Activities;

public class CategoryFitTests
{
    [Theory]
    [InlineData(ActivityKind.Grid, "2.1", true)]
    [InlineData(ActivityKind.Grid, "1.1", false)]
    [InlineData(ActivityKind.Fuel, "1.1", true)]
    [InlineData(ActivityKind.Fuel, "1.2", true)]
    [InlineData(ActivityKind.Fuel, "2.1", false)]
    [InlineData(ActivityKind.Fuel, "3.3", false)]
    [InlineData(ActivityKind.Refrigerant, "1.4", true)]
    [InlineData(ActivityKind.Refrigerant, "3.3", false)]
    [InlineData(ActivityKind.Gas, "1.3", true)]
    [InlineData(ActivityKind.Transport, "3.1", true)]
    [InlineData(ActivityKind.Transport, "1.2", false)]
    [InlineData(ActivityKind.Material, "4.1", true)]
    [InlineData(ActivityKind.Waste, "4.3", true)]
    [InlineData(ActivityKind.Waste, "2.2", false)]
    [InlineData(ActivityKind.Custom, "2.2", true)]
    [InlineData(ActivityKind.Custom, "6", true)]
    public void AnActivityKind_FitsOnlyItsCategories(ActivityKind kind, string code, bool fits)
    {
        Assert.True(IsoCategory.TryParse(code, out var category));
        Assert.Equal(fits, CategoryFit.Fits(kind, category!));
    }

    [Fact]
    public void EveryKind_FitsAtLeastOneCategory_AndOnlyTheCompanysOwnFactorsFitAll()
    {
        foreach (var kind in Enum.GetValues<ActivityKind>())
        {
            var allowed = CategoryFit.AllowedFor(kind);
            Assert.NotEmpty(allowed);
            Assert.Equal(kind == ActivityKind.Custom, allowed.Count == IsoCategory.All.Count);
        }
    }
}
