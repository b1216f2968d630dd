using Tanpan.Engine.Lca;

namespace Tanpan.Engine.Footprint;

public sealed partial class FootprintCalculator
{
    /// <summary>Samples every uncertain quantity (activity inputs scale their emissions, node inputs change the
    /// matrix) and re-solves; a fixed generator makes the same seed give the same numbers on every machine.</summary>
    private static MonteCarloResult? MonteCarlo(FootprintRequest request, IReadOnlyList<FootprintNode> nodes, List<Edge> edges, List<(Emission E, decimal Kg)> counted, int functional, MonteCarloOptions options)
    {
        var random = new SampleGenerator(options.Seed);
        var n = nodes.Count;
        var f = new double[n];
        f[functional] = (double)request.FunctionalQuantity;
        var edgeFactors = new double[edges.Count];
        var uncertainEdges = edges.Select((e, i) => (e, i)).Where(x => x.e.Uncertainty is not null).ToArray();
        var baseMatrix = Matrix(nodes, edges, null);
        var baseSolve = SparseSolver.Solve(baseMatrix, f, tolerance: 1e-12);
        if (!baseSolve.Solved)
        {
            return null;
        }

        var scores = new double[options.Iterations];
        var warm = baseSolve.X;
        for (var it = 0; it < options.Iterations; it++)
        {
            double[] x;
            if (uncertainEdges.Length > 0)
            {
                Array.Fill(edgeFactors, 1.0);
                foreach (var (e, i) in uncertainEdges)
                {
                    edgeFactors[i] = e.Quantity == 0 ? 0 : random.Quantity(e.Uncertainty!, (double)nodes[e.Node].Inputs[e.Input].Quantity) / (double)nodes[e.Node].Inputs[e.Input].Quantity;
                }

                var solved = SparseSolver.Solve(Matrix(nodes, edges, edgeFactors), f, tolerance: 1e-10, start: warm);
                if (!solved.Solved || solved.X.Any(v => v < -1e-9))
                {
                    return null;
                }

                x = solved.X;
            }
            else
            {
                x = baseSolve.X;
            }

            var score = 0.0;
            foreach (var (e, _) in counted)
            {
                var input = nodes[e.Node].Inputs[e.Input];
                var factor = input.Uncertainty is { } u && input.Quantity != 0 ? random.Quantity(u, (double)input.Quantity) / (double)input.Quantity : 1.0;
                score += x[e.Node] * (double)e.KgPerBatch * factor;
            }

            scores[it] = score;
        }

        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(v => (v - mean) * (v - mean)) / (scores.Length - 1));
        Array.Sort(scores);
        return new MonteCarloResult(options.Iterations, options.Seed, (decimal)mean, (decimal)sd, (decimal)Percentile(scores, 0.025), (decimal)Percentile(scores, 0.975), ScoreHistogram.Of(scores));
    }

    /// <summary>Linear interpolation between order statistics (the definition numpy's default uses).</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
