using Tanpan.Engine.Activities;
using System.Diagnostics;
using System.Globalization;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;

if (args.Length > 0 && args[0] == "lca")
{
    return Tanpan.Bench.LcaBench.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await Tanpan.Bench.IngestBench.RunAsync(args[1..]);
}

// Engine throughput: 10,000,000 inventory lines of mixed activities (a third prorated across the year end),
// aggregated by scope, category and gas. Usage: dotnet run -c Release --project bench/Tanpan.Bench [lines] [runs]
var lineCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;

var kinds = new (string Category, string Activity, string Unit, CombustionUse? Use, string? Tech)[]
{
    ("2.1", "electricity.grid.tw", "kWh", null, null),
    ("2.1", "electricity.grid.tw", "度", null, null),
    ("1.1", "fuel.diesel", "L", null, null),
    ("1.1", "fuel.natural-gas", "m3", null, null),
    ("1.1", "fuel.fuel-oil", "公秉", null, null),
    ("1.2", "fuel.gasoline", "L", CombustionUse.Mobile, "oxidation-catalyst"),
    ("1.2", "fuel.diesel", "L", CombustionUse.Mobile, null),
    ("1.4", "refrigerant.R-410A", "kg", null, null),
};
var categories = kinds.Select(k => IsoCategory.All.First(c => c.Code == k.Category)).ToArray();
var units = kinds.Select(k => Units.Parse(k.Unit)).ToArray();

Console.WriteLine($"generating {lineCount:N0} lines …");
var random = new Random(42);
var lines = new InventoryLine[lineCount];
for (var i = 0; i < lineCount; i++)
{
    var k = random.Next(kinds.Length);
    ActivityPeriod? period = null;
    if (i % 3 == 0)
    {
        var from = new DateOnly(2023, 11, 1).AddDays(random.Next(120));
        period = new ActivityPeriod(from, from.AddDays(29 + random.Next(3)));
    }

    lines[i] = new InventoryLine(
        "l", categories[k], kinds[k].Activity, random.Next(1, 100_000) / 10m, units[k], kinds[k].Use, kinds[k].Tech, period);
}

var calculator = new InventoryCalculator(new FactorResolver(FactorLibrary.Shipped));
var request = new InventoryRequest(2024, GwpSet.Ar5, lines);
// Warm-up so tiered JIT reaches optimised code before timing.
for (var w = 0; w < 3; w++)
{
    calculator.Calculate(new InventoryRequest(2024, GwpSet.Ar5, lines[..Math.Min(lineCount, 1_000_000)]), InventoryOptions.TotalsOnly);
}

var rates = new List<double>();
InventoryResult? result = null;
for (var r = 0; r < runs; r++)
{
    var sw = Stopwatch.StartNew();
    result = calculator.Calculate(request, InventoryOptions.TotalsOnly).Value;
    sw.Stop();
    var rate = lineCount / sw.Elapsed.TotalSeconds;
    rates.Add(rate);
    Console.WriteLine($"run {r + 1}: {sw.Elapsed.TotalMilliseconds:N0} ms  {rate:N0} lines/s");
}

Console.WriteLine($"total {result!.TotalKgCo2e:N3} kgCO2e, estimated share {result.EstimatedShare:P2}");
Console.WriteLine($"cores {Environment.ProcessorCount}; best {rates.Max():N0} lines/s; median {rates.Order().ElementAt(rates.Count / 2):N0} lines/s (goal ≥ 5,000,000)");
return 0;
