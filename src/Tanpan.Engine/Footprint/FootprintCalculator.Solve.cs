using Tanpan.Engine.Common;
using Tanpan.Engine.Lca;

namespace Tanpan.Engine.Footprint;

public sealed partial class FootprintCalculator
{
    /// <summary>The scaling of every node for the functional unit, exactly in decimals when the graph has no loop.</summary>
    private static decimal[]? Solve(IReadOnlyList<FootprintNode> nodes, List<Edge> edges, int functional, decimal quantity, out SolveTrace trace, out FieldError? error)
    {
        error = null;
        var n = nodes.Count;
        var order = TopologicalOrder(n, edges);
        if (order is not null)
        {
            // Consumers before suppliers: a node's demand is complete when all its consumers have been scaled.
            var demand = new decimal[n];
            var s = new decimal[n];
            demand[functional] = quantity;
            var byConsumer = edges.ToLookup(e => e.Col);
            foreach (var j in order)
            {
                s[j] = demand[j] / nodes[j].OutputQuantity;
                foreach (var e in byConsumer[j])
                {
                    demand[e.Row] += e.Quantity * s[j];
                }
            }

            trace = new SolveTrace("exact", n, 0);
            return s;
        }

        var matrix = Matrix(nodes, edges, null);
        var f = new double[n];
        f[functional] = (double)quantity;
        var solved = SparseSolver.Solve(matrix, f, tolerance: 1e-13);
        trace = new SolveTrace(solved.Method.ToString(), solved.Iterations, solved.RelativeResidual);
        if (!solved.Solved)
        {
            error = new FieldError("nodes", "the system is singular: a loop of nodes produces nothing net (each consumes all the others make); check the loop's quantities and outputs", "footprint.singular");
            return null;
        }

        var scaling = new decimal[n];
        for (var j = 0; j < n; j++)
        {
            // A loop that consumes more than it makes gives a negative scaling: not a physical system.
            if (solved.X[j] < -1e-12 * Math.Abs(solved.X.Max()) || !double.IsFinite(solved.X[j]))
            {
                error = new FieldError(Path(j, null, null), $"node '{nodes[j].Id}' would have to run a negative number of times: the loop through it consumes more than it produces", "footprint.negative-scaling",
                    ErrorArgs.Of("node", nodes[j].Id));
                return null;
            }

            scaling[j] = solved.X[j] <= 0 ? 0 : (decimal)solved.X[j];
        }

        return scaling;
    }

    private static SparseMatrix Matrix(IReadOnlyList<FootprintNode> nodes, List<Edge> edges, double[]? edgeFactors)
    {
        var entries = new List<(int, int, double)>(nodes.Count + edges.Count);
        for (var j = 0; j < nodes.Count; j++)
        {
            entries.Add((j, j, (double)nodes[j].OutputQuantity));
        }

        for (var e = 0; e < edges.Count; e++)
        {
            entries.Add((edges[e].Row, edges[e].Col, -(double)edges[e].Quantity * (edgeFactors?[e] ?? 1)));
        }

        return SparseMatrix.FromTriplets(nodes.Count, entries);
    }

    /// <summary>Nodes ordered consumers first (Kahn's algorithm on consumer → supplier), or null when there is a loop.</summary>
    private static List<int>? TopologicalOrder(int n, List<Edge> edges)
    {
        var suppliersPending = new int[n];
        foreach (var e in edges)
        {
            suppliersPending[e.Row]++;
        }

        var ready = new Queue<int>(Enumerable.Range(0, n).Where(j => suppliersPending[j] == 0));
        var bySupplierOf = edges.ToLookup(e => e.Col);
        var order = new List<int>(n);
        while (ready.Count > 0)
        {
            var j = ready.Dequeue();
            order.Add(j);
            foreach (var e in bySupplierOf[j])
            {
                if (--suppliersPending[e.Row] == 0)
                {
                    ready.Enqueue(e.Row);
                }
            }
        }

        return order.Count == n ? order : null;
    }
}
