using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Tests.Footprint;

/// <summary>The product system solved by hand: a bill of materials without loops is exact in decimals; a loop
/// and shared sub-assemblies against their algebra; the boundary, omitted inputs, errors with field paths and a
/// singular system; Monte Carlo reproducible by seed and converging to the analytic mean.</summary>
public sealed class FootprintCalculatorTests
{
    private static readonly FootprintCalculator Calculator = new(TestLibrary.Calculator);
    private static readonly Unit Kg = Units.Kilogram;
    private static readonly Unit Kwh = Units.KilowattHour;
    private static readonly Unit Piece = Units.Piece;
    private const decimal Grid2024 = 0.474m;
    private const decimal PigIron = 1.813m;

    private static FootprintInput Activity(string id, string activity, decimal quantity, Unit unit, LifeStage? stage = null, bool primary = false, bool omitted = false, QuantityUncertainty? uncertainty = null) =>
        new(id, null, activity, quantity, unit, stage, primary, omitted, Uncertainty: uncertainty);

    private static FootprintInput Own(string id, decimal kgPerUnit, decimal quantity, Unit unit, LifeStage? stage = null, bool primary = false, bool omitted = false) =>
        new(id, null, "custom", quantity, unit, stage, primary, omitted, new CustomFactor(id, kgPerUnit, unit, "test EPD", null, null));

    private static FootprintInput Uses(string id, string node, decimal quantity, Unit unit, LifeStage? stage = null, QuantityUncertainty? uncertainty = null) =>
        new(id, node, null, quantity, unit, stage, Uncertainty: uncertainty);

    private static FootprintRequest Request(string functional, IReadOnlyList<FootprintNode> nodes, SystemBoundary boundary = SystemBoundary.CradleToGate, decimal quantity = 1m, MonteCarloOptions? mc = null, Pcr? pcr = null, DataPeriod? period = null) =>
        new(GwpSet.Ar5, 2024, boundary, functional, quantity, nodes, pcr, mc, period);

    private static FootprintNode Lathe(params FootprintInput[] extra) =>
        new("lathe", "NP20 車床", LifeStage.Manufacturing, 1m, Piece,
        [
            Uses("bed", "casting", 2600m, Kg, LifeStage.RawMaterials),
            Activity("power", "electricity.grid.tw", 1500m, Kwh),
            new("motor", null, "custom", 2m, Piece, LifeStage.RawMaterials, Primary: true, Factor: new CustomFactor("motor", 695m, Piece, "supplier EPD 2024", null, null)),
            .. extra,
        ]);

    private static readonly FootprintNode Casting = new("casting", "鑄件", LifeStage.RawMaterials, 1000m, Kg,
        [Activity("iron", "material.pig_iron_tw", 1050m, Kg), Activity("melt", "electricity.grid.tw", 600m, Kwh)]);

    [Fact]
    public void ABillOfMaterialsWithoutLoops_IsExactInDecimals()
    {
        var result = Calculator.Calculate(Request("lathe", [Lathe(), Casting])).Value;

        // The casting node runs 2.6 times (2600 kg of its 1000 kg batch).
        var casting = 2.6m * ((1050m * PigIron) + (600m * Grid2024));
        var lathe = (1500m * Grid2024) + (2m * 695m);
        Assert.Equal(casting + lathe, result.TotalKgCo2e);
        Assert.Equal("exact", result.Solve.Method);
        Assert.Equal(2.6m, result.ByNode.Single(n => n.Node == "casting").Scaling);
        Assert.Equal(casting + (2m * 695m), result.ByStage[LifeStage.RawMaterials]);
        Assert.Equal(1500m * Grid2024, result.ByStage[LifeStage.Manufacturing]);
        Assert.Equal(2m * 695m / result.TotalKgCo2e, result.PrimaryDataShare);
        Assert.Equal(1m, result.Inputs.Sum(i => i.Share), 20);
        Assert.Equal(2.6m * 1050m * PigIron, result.Inputs.Single(i => i.Id == "iron").KgCo2e);
        Assert.Equal("materials:pig_iron_tw", result.Inputs.Single(i => i.Id == "iron").Factor.Id);
    }

    [Fact]
    public void TwoUnitsOfTheFunctionalUnit_DoubleEverything_AndTheIntensityStays()
    {
        var one = Calculator.Calculate(Request("lathe", [Lathe(), Casting])).Value;
        var two = Calculator.Calculate(Request("lathe", [Lathe(), Casting], quantity: 2m)).Value;

        Assert.Equal(2m * one.TotalKgCo2e, two.TotalKgCo2e);
        Assert.Equal(one.KgCo2ePerUnit, two.KgCo2ePerUnit);
    }

    [Fact]
    public void ASharedSubAssembly_IsScaledByTheSumOfItsConsumers()
    {
        // Both the spindle and the bed take bolts; the lathe takes one spindle and one bed.
        FootprintNode[] nodes =
        [
            new("lathe", null, LifeStage.Manufacturing, 1m, Piece, [Uses("spindle", "spindle", 1m, Piece), Uses("bed", "bed", 1m, Piece)]),
            new("spindle", null, null, 1m, Piece, [Uses("bolts", "bolt", 8m, Piece), Own("steel", 2m, 40m, Kg)]),
            new("bed", null, null, 1m, Piece, [Uses("bolts", "bolt", 24m, Piece), Own("iron", 1.5m, 900m, Kg)]),
            new("bolt", null, null, 100m, Piece, [Own("wire", 2.5m, 5m, Kg)]),
        ];

        var result = Calculator.Calculate(Request("lathe", nodes)).Value;

        Assert.Equal(0.32m, result.ByNode.Single(n => n.Node == "bolt").Scaling);
        Assert.Equal((2m * 40m) + (1.5m * 900m) + (0.32m * 5m * 2.5m), result.TotalKgCo2e);
    }

    [Fact]
    public void ALoop_IsSolvedAsALinearSystem()
    {
        // A needs 0.2 kg of B and 1 kWh per kg; B needs 0.5 kg of A and 2 kWh per kg:
        // s_A = 1 + 0.5 s_B, s_B = 0.2 s_A → s_A = 1 / 0.9, s_B = 0.2 / 0.9.
        FootprintNode[] nodes =
        [
            new("a", null, LifeStage.Manufacturing, 1m, Kg, [Uses("b", "b", 0.2m, Kg), Activity("power", "electricity.grid.tw", 1m, Kwh)]),
            new("b", null, LifeStage.Manufacturing, 1m, Kg, [Uses("a", "a", 500m, Units.Gram), Activity("power", "electricity.grid.tw", 2m, Kwh)]),
        ];

        var result = Calculator.Calculate(Request("a", nodes)).Value;

        var expected = Grid2024 * ((1m / 0.9m) + (2m * 0.2m / 0.9m));
        Assert.Equal((double)expected, (double)result.TotalKgCo2e, 1e-12);
        Assert.Equal(1.0 / 0.9, (double)result.ByNode[0].Scaling, 1e-12);
        Assert.NotEqual("exact", result.Solve.Method);
        Assert.True(result.Solve.RelativeResidual <= 1e-13);
    }

    [Fact]
    public void ALoopThatProducesNothingNet_IsRefused_AsIsOneThatConsumesMoreThanItMakes()
    {
        FootprintNode[] singular =
        [
            new("a", null, null, 1m, Kg, [Uses("b", "b", 1m, Kg), Own("x", 1m, 1m, Kg)]),
            new("b", null, null, 1m, Kg, [Uses("a", "a", 1m, Kg)]),
        ];
        var refused = Calculator.Calculate(Request("a", singular));
        Assert.Equal(("nodes", "footprint.singular"), (refused.Errors.Single().Path, refused.Errors.Single().Code));

        FootprintNode[] negative =
        [
            new("a", null, null, 1m, Kg, [Uses("b", "b", 2m, Kg), Own("x", 1m, 1m, Kg)]),
            new("b", null, null, 1m, Kg, [Uses("a", "a", 1m, Kg)]),
        ];
        Assert.Equal("footprint.negative-scaling", Calculator.Calculate(Request("a", negative)).Errors.Single().Code);
    }

    [Fact]
    public void BadSystems_NameTheFieldPath()
    {
        FootprintNode[] nodes =
        [
            new("lathe", null, null, 1m, Piece, [Uses("bed", "casting", 2600m, Kwh), Uses("gear", "gearbox", 1m, Piece), new("both", "casting", "electricity.grid.tw", 1m, Kwh)]),
            new("casting", null, null, 1000m, Kg, [Activity("iron", "material.no_such_material", 1m, Kg)]),
            new("casting", null, null, 0m, Kg, []),
        ];

        var errors = Calculator.Calculate(Request("drill", nodes)).Errors.Select(e => (e.Path, e.Code)).ToList();

        Assert.Contains(("nodes[2].id", "footprint.node.duplicate"), errors);
        Assert.Contains(("nodes[2].output.quantity", "invalid"), errors);
        Assert.Contains(("functionalUnit.node", "footprint.node.unknown"), errors);
        Assert.Contains(("nodes[0].inputs[0].unit", "footprint.unit.mismatch"), errors);
        Assert.Contains(("nodes[0].inputs[1].node", "footprint.node.unknown"), errors);
        Assert.Contains(("nodes[0].inputs[2].node", "footprint.input.kind"), errors);
    }

    [Fact]
    public void AnUnknownLibraryActivity_IsReportedAtItsInput()
    {
        FootprintNode[] nodes = [new("p", null, null, 1m, Piece, [Activity("x", "material.no_such_material", 1m, Kg)])];

        var error = Calculator.Calculate(Request("p", nodes)).Errors.Single();

        Assert.StartsWith("nodes[0].inputs[0]", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void CradleToGate_ListsLaterStagesAsExcluded_AndCradleToGraveCountsThem()
    {
        var lathe = Lathe(Activity("truck", "transport.freight_truck_heavy_commercial_diesel", 120m, Units.TonneKilometre, LifeStage.Distribution));

        var gate = Calculator.Calculate(Request("lathe", [lathe, Casting])).Value;
        var grave = Calculator.Calculate(Request("lathe", [lathe, Casting], SystemBoundary.CradleToGrave)).Value;

        var excluded = Assert.Single(gate.Excluded);
        Assert.Equal(("lathe", "truck", LifeStage.Distribution), (excluded.Node, excluded.Id, excluded.Stage));
        Assert.False(gate.ByStage.ContainsKey(LifeStage.Distribution));
        Assert.Contains(gate.Warnings, w => w.Path == "boundary");
        Assert.Equal(gate.TotalKgCo2e + excluded.KgCo2e, grave.TotalKgCo2e);
        Assert.Equal(excluded.KgCo2e, grave.ByStage[LifeStage.Distribution]);
        Assert.True(excluded.KgCo2e > 0);
    }

    [Fact]
    public void AnOmittedInput_IsEstimatedAndReported_NotCounted()
    {
        var with = Calculator.Calculate(Request("lathe", [Lathe(Activity("oil", "material.lubricating_oil_tw", 40m, Kg, omitted: true)), Casting])).Value;
        var without = Calculator.Calculate(Request("lathe", [Lathe(), Casting])).Value;

        Assert.Equal(without.TotalKgCo2e, with.TotalKgCo2e);
        var oil = Assert.Single(with.Omitted);
        Assert.Equal(40m * 1.09m, oil.KgCo2e);
        Assert.Equal(oil.KgCo2e / (with.TotalKgCo2e + oil.KgCo2e), oil.Share);
    }

    /// <summary>The seed's aluminium-coil display (001): 原料 11.26 + 製程 1.86 = 13.12 tCO2e per tonne, 86 % / 14 %.</summary>
    [Fact]
    public void TheAluminiumCoilSplit_OfTheSeed_IsReproduced()
    {
        FootprintNode[] nodes =
        [
            new("coil", "鋁捲", LifeStage.Manufacturing, 1m, Units.Tonne,
            [
                Own("aluminium", 11.26m, 1000m, Kg, LifeStage.RawMaterials, primary: true),
                Own("process", 1.86m, 1000m, Kg),
            ]),
        ];

        var result = Calculator.Calculate(Request("coil", nodes)).Value;

        Assert.Equal(13_120m, result.TotalKgCo2e);
        Assert.Equal(86m, Math.Round(result.ByStage[LifeStage.RawMaterials] / result.TotalKgCo2e * 100m));
        Assert.Equal(14m, Math.Round(result.ByStage[LifeStage.Manufacturing] / result.TotalKgCo2e * 100m));
    }

    [Fact]
    public void MonteCarlo_IsReproducibleBySeed_AndConvergesToTheLognormalMean()
    {
        // One input with gsd 1.2 around 100 kWh: E[total] = 47.4 · exp(ln(1.2)² / 2).
        FootprintNode[] nodes = [new("p", null, LifeStage.Manufacturing, 1m, Piece, [Activity("power", "electricity.grid.tw", 100m, Kwh, uncertainty: new LognormalUncertainty(1.2m))])];
        var outcome = Calculator.Calculate(Request("p", nodes, mc: new MonteCarloOptions(20_000, 42)));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Path + " " + e.Message)));
        var first = outcome.Value.MonteCarlo!;
        var again = Calculator.Calculate(Request("p", nodes, mc: new MonteCarloOptions(20_000, 42))).Value.MonteCarlo!;
        var other = Calculator.Calculate(Request("p", nodes, mc: new MonteCarloOptions(20_000, 7))).Value.MonteCarlo!;

        Assert.Equal(first, again);
        Assert.NotEqual(first.Mean, other.Mean);
        var sigma = Math.Log(1.2);
        var mean = 47.4 * Math.Exp(sigma * sigma / 2);
        var sd = 47.4 * Math.Sqrt((Math.Exp(sigma * sigma) - 1) * Math.Exp(sigma * sigma));
        Assert.InRange((double)first.Mean, mean * 0.99, mean * 1.01);
        Assert.InRange((double)first.Sd, sd * 0.96, sd * 1.04);
        Assert.InRange((double)first.Percentile2Point5, 47.4 * Math.Exp(-1.96 * sigma) * 0.98, 47.4 * Math.Exp(-1.96 * sigma) * 1.02);
        Assert.InRange((double)first.Percentile97Point5, 47.4 * Math.Exp(1.96 * sigma) * 0.98, 47.4 * Math.Exp(1.96 * sigma) * 1.02);
    }

    [Fact]
    public void MonteCarlo_OnANodeInput_ReSolvesTheSystem()
    {
        // The casting quantity uniform in [2500, 2700] kg: the mean footprint is that of 2600 kg.
        var lathe = new FootprintNode("lathe", null, LifeStage.Manufacturing, 1m, Piece, [Uses("bed", "casting", 2600m, Kg, LifeStage.RawMaterials, new UniformUncertainty(2500m, 2700m))]);
        var result = Calculator.Calculate(Request("lathe", [lathe, Casting], mc: new MonteCarloOptions(5_000, 1))).Value;

        Assert.InRange((double)result.MonteCarlo!.Mean, (double)result.TotalKgCo2e * 0.995, (double)result.TotalKgCo2e * 1.005);
        var perKg = (double)result.TotalKgCo2e / 2600;
        Assert.InRange((double)result.MonteCarlo.Sd, perKg * 200 / Math.Sqrt(12) * 0.95, perKg * 200 / Math.Sqrt(12) * 1.05);
    }

    [Fact]
    public void BadUncertainty_AndMonteCarloIterations_NameTheirFields()
    {
        FootprintNode[] nodes = [new("p", null, null, 1m, Piece, [Activity("power", "electricity.grid.tw", 100m, Kwh, uncertainty: new LognormalUncertainty(0.5m)), Activity("heat", "electricity.grid.tw", 1m, Kwh, uncertainty: new TriangularUncertainty(3m, 1m, 2m))])];
        var errors = Calculator.Calculate(Request("p", nodes)).Errors.Select(e => e.Path).ToList();
        Assert.Contains("nodes[0].inputs[0].uncertainty.gsd", errors);
        Assert.Contains("nodes[0].inputs[1].uncertainty", errors);

        FootprintNode[] fine = [new("p", null, null, 1m, Piece, [Activity("power", "electricity.grid.tw", 100m, Kwh)])];
        Assert.Equal("monteCarlo.iterations", Calculator.Calculate(Request("p", fine, mc: new MonteCarloOptions(1, 1))).Errors.Single().Path);
    }
}
