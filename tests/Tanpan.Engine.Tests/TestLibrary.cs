using Tanpan.Engine.Activities;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests;

internal static class TestLibrary
{
    public static readonly FactorResolver Resolver = new(FactorLibrary.Shipped);
    public static readonly InventoryCalculator Calculator = new(Resolver);

    public static InventoryLine Line(string id, string category, string activity, decimal quantity, string unit) =>
        new(id, Category(category), activity, quantity, Units.Parse(unit));

    public static IsoCategory Category(string code) =>
        IsoCategory.TryParse(code, out var c) ? c : throw new ArgumentException(code);

    public static InventoryResult Calculate(int year, GwpSet gwp, params InventoryLine[] lines) =>
        Calculator.Calculate(new InventoryRequest(year, gwp, lines)).Value;
}
