using Tanpan.Engine.Activities;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Inventory;

/// <summary>Seeded generator of valid inventory lines for property tests.</summary>
internal static class RandomLines
{
    private static readonly (string Category, string Activity, string Unit, CombustionUse? Use, string? Tech)[] Kinds =
    [
        ("2.1", "electricity.grid.tw", "kWh", null, null),
        ("2.1", "electricity.grid.tw", "MWh", null, null),
        ("1.1", "fuel.diesel", "L", null, null),
        ("1.1", "fuel.natural-gas", "m3", null, null),
        ("1.1", "fuel.natural-gas", "千立方公尺", null, null),
        ("1.2", "fuel.gasoline", "L", CombustionUse.Mobile, "uncontrolled"),
        ("1.2", "fuel.gasoline", "公秉", CombustionUse.Mobile, "low-mileage-1995"),
        ("1.1", "fuel.bituminous-coal", "t", null, null),
        ("1.4", "refrigerant.R-410A", "kg", null, null),
        ("1.4", "refrigerant.R-134a", "g", null, null),
    ];

    public static InventoryLine Next(Random random, int i)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var quantity = Math.Round((decimal)random.NextDouble() * 10_000m, 3);
        ActivityPeriod? period = null;
        if (random.Next(3) == 0)
        {
            var from = new DateOnly(2023, 10, 1).AddDays(random.Next(500));
            period = new ActivityPeriod(from, from.AddDays(random.Next(90)));
        }

        return new InventoryLine($"l{i}", IsoCategory.All.First(c => c.Code == kind.Category), kind.Activity, quantity, Units.Parse(kind.Unit), kind.Use, kind.Tech, period);
    }
}
