using Tanpan.Engine.Lca;

namespace Tanpan.Engine.Tests.Footprint;

/// <summary>The solver never returns a wrong answer silently: an iterative answer is accepted only when its true
/// residual meets the tolerance, else the next method runs; a singular system says so.</summary>
public sealed class SparseSolverTests
{
    private static SparseMatrix Technosphere(int n, int seed, out double[] dense)
    {
        var random = new Random(seed);
        var entries = new List<(int, int, double)>();
        dense = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            entries.Add((j, j, 1.0));
            dense[(j * n) + j] += 1.0;
            for (var k = 0; k < 5; k++)
            {
                var i = random.Next(n);
                var v = -random.NextDouble() * 0.15;
                entries.Add((i, j, v));
                dense[(i * n) + j] += v;
            }
        }

        return SparseMatrix.FromTriplets(n, entries);
    }

    [Fact]
    public void FromTriplets_SumsDuplicates_AndSortsColumns()
    {
        var m = SparseMatrix.FromTriplets(3, [(0, 2, 1.0), (0, 0, 2.0), (0, 2, 3.0), (2, 1, -1.0), (1, 1, 5.0)]);

        Assert.Equal([0, 2, 3, 4], m.RowStart);
        Assert.Equal([0, 2, 1, 1], m.Columns);
        Assert.Equal([2.0, 4.0, 5.0, -1.0], m.Values);
        Assert.Equal([2.0, 5.0, 0.0], m.Diagonal());
    }

    [Fact]
    public void BiCgStab_MatchesTheDirectSolve_OnAnLcaLikeSystem()
    {
        var m = Technosphere(300, 1, out _);
        var f = new double[300];
        f[0] = 1;

        var iterative = SparseSolver.Solve(m, f, tolerance: 1e-12);

        Assert.Equal(SolveMethod.BiCgStab, iterative.Method);
        Assert.True(iterative.RelativeResidual <= 1e-12);
        var check = new double[300];
        m.Multiply(iterative.X, check);
        Assert.Equal(1.0, check[0], 1e-10);
        Assert.All(check.Skip(1), v => Assert.Equal(0.0, v, 1e-10));
    }

    [Fact]
    public void AnIterationThatStopsShort_IsNotAccepted_AndTheFallbackSolves()
    {
        var m = Technosphere(200, 2, out _);
        var f = new double[200];
        f[3] = 2;

        // One iteration cannot reach 1e-12: BiCGStab and GMRES both stop short, the dense LU answers.
        var solved = SparseSolver.Solve(m, f, tolerance: 1e-12, maxIterations: 1);

        Assert.Equal(SolveMethod.DenseLu, solved.Method);
        Assert.True(solved.RelativeResidual <= 1e-12);
    }

    [Fact]
    public void AZeroDiagonal_GoesStraightToTheDirectSolve()
    {
        var m = SparseMatrix.FromTriplets(2, [(0, 1, 1.0), (1, 0, 1.0)]);

        var solved = SparseSolver.Solve(m, [3.0, 4.0]);

        Assert.Equal((SolveMethod.DenseLu, 4.0, 3.0), (solved.Method, solved.X[0], solved.X[1]));
    }

    [Fact]
    public void ASingularSystem_IsReportedAsSuch()
    {
        var m = SparseMatrix.FromTriplets(2, [(0, 0, 1.0), (0, 1, -1.0), (1, 0, -1.0), (1, 1, 1.0)]);

        Assert.Equal(SolveStatus.Singular, SparseSolver.Solve(m, [1.0, 0.0]).Status);
    }

    [Fact]
    public void ALargeSystemThatDoesNotConverge_SaysSo_RatherThanAnswer()
    {
        var m = Technosphere(SparseSolver.DenseLimit + 1, 3, out _);
        var f = new double[m.Size];
        f[0] = 1;

        var solved = SparseSolver.Solve(m, f, tolerance: 1e-14, maxIterations: 1);

        Assert.Equal(SolveStatus.NotConverged, solved.Status);
        Assert.False(solved.Solved);
    }
}
