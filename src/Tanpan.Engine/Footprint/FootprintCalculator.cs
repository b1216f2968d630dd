using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Lca;

namespace Tanpan.Engine.Footprint;

/// <summary>Product carbon footprint (ISO 14067) of a product system. The technosphere matrix A has A[j][j] = the
/// output of node j and A[i][j] = −(input of node i into j), in node i's output unit; A s = f gives each node's
/// scaling s for the functional unit f, and the footprint is Σ s_j · (node j's own activity emissions). Activity
/// emissions come from the inventory engine (same factors, GWP and trace as an inventory). A system without loops is
/// solved exactly in decimals along the graph; one with loops numerically (<see cref="SparseSolver"/>).</summary>
public sealed partial class FootprintCalculator(InventoryCalculator inventory)
{
    private const int MaxNodes = 5000;
    private const int MaxIterations = 100_000;

    private sealed record Edge(int Row, int Col, decimal Quantity, int Node, int Input, QuantityUncertainty? Uncertainty);

    private sealed record Emission(int Node, int Input, LifeStage Stage, decimal KgPerBatch, LineResult Line);

    public Outcome<FootprintResult> Calculate(FootprintRequest request)
    {
        try
        {
            return CalculateChecked(request);
        }
        catch (OverflowException)
        {
            return Outcome<FootprintResult>.Failure([new FieldError("nodes", "the system's numbers leave the range that can be calculated; check the quantities and outputs", "calculation.overflow")]);
        }
    }

    private Outcome<FootprintResult> CalculateChecked(FootprintRequest request)
    {
        var errors = new List<FieldError>();
        var nodes = request.Nodes;
        if (nodes.Count == 0)
        {
            return Outcome<FootprintResult>.Failure("nodes", "at least one node is required");
        }

        if (nodes.Count > MaxNodes)
        {
            return Outcome<FootprintResult>.Failure("nodes", $"at most {MaxNodes} nodes");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < nodes.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(nodes[j].Id))
            {
                errors.Add(new(Path(j, null, "id"), "required: the node's id, referenced by other nodes' inputs"));
            }
            else if (!index.TryAdd(nodes[j].Id, j))
            {
                errors.Add(new(Path(j, null, "id"), $"duplicate node id '{nodes[j].Id}'; each node needs its own id", "footprint.node.duplicate", ErrorArgs.Of("id", nodes[j].Id)));
            }

            if (nodes[j].OutputQuantity <= 0)
            {
                errors.Add(new(Path(j, null, "output.quantity"), "must be greater than 0 (the node's inputs are per this output)"));
            }
        }

        if (!index.TryGetValue(request.FunctionalNode, out var functional))
        {
            errors.Add(new("functionalUnit.node", $"'{request.FunctionalNode}' is not a node of the system", "footprint.node.unknown", ErrorArgs.Of("node", request.FunctionalNode)));
        }

        if (request.FunctionalQuantity <= 0)
        {
            errors.Add(new("functionalUnit.quantity", "must be greater than 0"));
        }

        var edges = new List<Edge>();
        var lines = new List<InventoryLine>();
        var lineMap = new List<(int Node, int Input, LifeStage Stage)>();
        var excludedEdges = new List<(int Node, int Input, LifeStage Stage)>();
        for (var j = 0; j < nodes.Count; j++)
        {
            var node = nodes[j];
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < node.Inputs.Count; k++)
            {
                var input = node.Inputs[k];
                if (string.IsNullOrWhiteSpace(input.Id))
                {
                    errors.Add(new(Path(j, k, "id"), "required: the input's id (e.g. the BOM line)"));
                }
                else if (!ids.Add(input.Id))
                {
                    errors.Add(new(Path(j, k, "id"), $"duplicate input id '{input.Id}' in node '{node.Id}'", "footprint.input.duplicate", ErrorArgs.Of("id", input.Id)));
                }

                if (input.Quantity < 0)
                {
                    errors.Add(new(Path(j, k, "quantity"), "must be zero or greater"));
                }

                errors.AddRange(CheckUncertainty(input, Path(j, k, "uncertainty")));
                var stage = input.Stage ?? node.Stage ?? LifeStage.RawMaterials;
                if ((input.Node is null) == (input.Activity is null))
                {
                    errors.Add(new(Path(j, k, "node"), "give either node (another node of the system) or activity (a library activity), not both or neither", "footprint.input.kind"));
                    continue;
                }

                if (input.Node is not null)
                {
                    if (!index.TryGetValue(input.Node, out var i))
                    {
                        errors.Add(new(Path(j, k, "node"), $"'{input.Node}' is not a node of the system", "footprint.node.unknown", ErrorArgs.Of("node", input.Node)));
                        continue;
                    }

                    var output = nodes[i].OutputUnit;
                    if (input.Unit.Dimension != output.Dimension)
                    {
                        errors.Add(new(Path(j, k, "unit"), $"'{input.Unit.Code}' does not convert to '{output.Code}', the output unit of node '{input.Node}'", "footprint.unit.mismatch",
                            ErrorArgs.Of("unit", input.Unit.Code, "nodeUnit", output.Code, "node", input.Node)));
                        continue;
                    }

                    // An input of another node outside the boundary (e.g. the use phase under cradle-to-gate) is not
                    // part of the system: it is cut here and listed.
                    if (input.Stage is { } explicitStage && !request.Boundary.Includes(explicitStage))
                    {
                        excludedEdges.Add((j, k, explicitStage));
                        continue;
                    }

                    edges.Add(new Edge(i, j, input.Unit.Convert(input.Quantity, output), j, k, input.Uncertainty));
                    continue;
                }

                if (!ActivityId.TryParse(input.Activity, out var activity))
                {
                    errors.Add(new(Path(j, k, "activity"), $"'{input.Activity}' is not an activity; use electricity.*, fuel.*, refrigerant.*, gas.*, material.*, transport.*, waste.* or custom with a factor", "activity.unknown",
                        ErrorArgs.Of("activity", input.Activity!)));
                    continue;
                }

                var kind = activity.Value.Kind;
                var category = kind == ActivityKind.Fuel && input.Use == CombustionUse.Mobile ? IsoCategory.MobileCombustion : CategoryFit.AllowedFor(kind)[0];
                var use = input.Use ?? (kind == ActivityKind.Fuel ? CombustionUse.Stationary : null);
                lines.Add(new InventoryLine(Path(j, k, null), category, input.Activity!, input.Quantity, input.Unit, use, CustomFactor: input.Factor));
                lineMap.Add((j, k, stage));
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<FootprintResult>.Failure(errors);
        }

        var emissions = new List<Emission>();
        var warnings = new List<CalculationWarning>();
        if (lines.Count > 0)
        {
            var calculated = inventory.Calculate(new InventoryRequest(request.Year, request.GwpSet, lines));
            if (!calculated.Succeeded)
            {
                return Outcome<FootprintResult>.Failure([.. calculated.Errors.Select(e => e.Reindex("lines", l => Path(lineMap[l].Node, lineMap[l].Input, null)))]);
            }

            foreach (var line in calculated.Value.Lines)
            {
                var (node, input, stage) = lineMap[line.Index];
                if (line.ReportedSeparately)
                {
                    warnings.Add(new(Path(node, input, null), "reported separately (biogenic or not a Kyoto gas): not in the footprint"));
                    continue;
                }

                emissions.Add(new Emission(node, input, stage, line.KgCo2e, line));
            }

            warnings.AddRange(calculated.Value.Warnings.Select(w => w with { Path = FieldPaths.Reindex(w.Path, "lines", l => Path(lineMap[l].Node, lineMap[l].Input, null)) }));
        }

        var scaling = Solve(nodes, edges, functional, request.FunctionalQuantity, out var trace, out var solveError);
        if (scaling is null)
        {
            return Outcome<FootprintResult>.Failure([solveError!]);
        }

        // Contributions at full precision: s_j (decimal) × the input's kgCO2e per batch of node j.
        var counted = new List<(Emission E, decimal Kg)>();
        var omitted = new List<(Emission E, decimal Kg)>();
        var excluded = new List<FootprintLeftOut>();
        foreach (var e in emissions)
        {
            var kg = scaling[e.Node] * e.KgPerBatch;
            var input = nodes[e.Node].Inputs[e.Input];
            if (!request.Boundary.Includes(e.Stage))
            {
                excluded.Add(new FootprintLeftOut(nodes[e.Node].Id, input.Id, e.Stage, kg, 0, $"stage {e.Stage.Code()} is outside {request.Boundary.Code()}"));
            }
            else if (input.Omitted)
            {
                omitted.Add((e, kg));
            }
            else
            {
                counted.Add((e, kg));
            }
        }

        foreach (var (node, input, stage) in excludedEdges)
        {
            excluded.Add(new FootprintLeftOut(nodes[node].Id, nodes[node].Inputs[input].Id, stage, 0, 0, $"input of node '{nodes[node].Inputs[input].Node}' in stage {stage.Code()}, outside {request.Boundary.Code()}"));
        }

        if (excluded.Count > 0)
        {
            warnings.Add(new("boundary", $"{excluded.Count} input(s) outside {request.Boundary.Code()} are listed in excluded and not counted"));
        }

        var total = counted.Sum(c => c.Kg);
        var omittedTotal = omitted.Sum(o => o.Kg);
        var byStage = LifeStages.Codes.Select(c => c.Stage).Where(s => request.Boundary.Includes(s))
            .ToDictionary(s => s, s => counted.Where(c => c.E.Stage == s).Sum(c => c.Kg));
        var inputs = counted.Select(c => new FootprintInputResult(
            nodes[c.E.Node].Id, nodes[c.E.Node].Inputs[c.E.Input].Id, c.E.Stage, c.E.Line.Line.Activity, c.E.Line.Line.Quantity, c.E.Line.Line.Unit, c.Kg,
            total == 0 ? 0 : c.Kg / total, nodes[c.E.Node].Inputs[c.E.Input].Primary, c.E.Line.Factor)).ToArray();
        var byNode = nodes.Select((n, j) => new FootprintNodeResult(n.Id, n.Name, scaling[j], counted.Where(c => c.E.Node == j).Sum(c => c.Kg))).ToArray();
        var primary = counted.Where(c => nodes[c.E.Node].Inputs[c.E.Input].Primary).Sum(c => c.Kg);
        var omittedResults = omitted.Select(o => new FootprintLeftOut(nodes[o.E.Node].Id, nodes[o.E.Node].Inputs[o.E.Input].Id, o.E.Stage, o.Kg,
            total + omittedTotal == 0 ? 0 : o.Kg / (total + omittedTotal), "omitted under the cut-off rule")).ToArray();

        MonteCarloResult? monteCarlo = null;
        if (request.MonteCarlo is { } mc)
        {
            if (mc.Iterations is < 2 or > MaxIterations)
            {
                return Outcome<FootprintResult>.Failure("monteCarlo.iterations", $"from 2 to {MaxIterations:N0}");
            }

            monteCarlo = MonteCarlo(request, nodes, edges, counted, functional, mc);
            if (monteCarlo is null)
            {
                return Outcome<FootprintResult>.Failure("monteCarlo", "a sampled system could not be solved (a sampled loop produced nothing net); narrow the uncertainty of the loop's inputs");
            }
        }

        var functionalUnit = nodes[functional].OutputUnit;
        var result = new FootprintResult(
            request.GwpSet, request.Year, request.Boundary, total, total / request.FunctionalQuantity, functionalUnit, request.FunctionalQuantity,
            byStage, byNode, inputs, total == 0 ? 0 : primary / total, omittedResults, excluded, monteCarlo, null, trace, warnings);
        return Outcome<FootprintResult>.Success(request.Pcr is { } pcr ? result with { PcrCheck = PcrRules.Check(pcr, request, result) } : result);
    }

    private static IEnumerable<FieldError> CheckUncertainty(FootprintInput input, string path)
    {
        switch (input.Uncertainty)
        {
            case LognormalUncertainty { Gsd: < 1 or > 100 }:
                yield return new(path + ".gsd", "the geometric standard deviation must be from 1 to 100 (1 = no uncertainty)");
                break;
            case NormalUncertainty { Sd: < 0 }:
                yield return new(path + ".sd", "must be zero or greater");
                break;
            case TriangularUncertainty t when !(t.Min <= t.Mode && t.Mode <= t.Max) || t.Min < 0:
                yield return new(path, "needs 0 ≤ min ≤ mode ≤ max");
                break;
            case UniformUncertainty u when !(u.Min <= u.Max) || u.Min < 0:
                yield return new(path, "needs 0 ≤ min ≤ max");
                break;
        }
    }

    internal static string Path(int node, int? input, string? field) =>
        string.Create(CultureInfo.InvariantCulture, $"nodes[{node}]") + (input is { } i ? string.Create(CultureInfo.InvariantCulture, $".inputs[{i}]") : string.Empty) + (field is null ? string.Empty : "." + field);
}
