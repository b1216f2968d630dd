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

        Assert.Equal([0, 2, 3, 4], m.RowStart.ToArray());
        Assert.Equal([0, 2, 1, 1], m.Columns.ToArray());
        Assert.Equal([2.0, 4.0, 5.0, -1.0], m.Values);
        Assert.Equal([2.0, 5.0, 0.0], m.Diagonal());
    }

    [Fact]
    public void TheProduct_IsTheDenseProduct_ForRowsOfEveryLength_AndChecksItsVectors()
    {
        // Rows of 0 to 9 entries: the product pairs entries, so odd and even lengths take different paths.
        const int n = 40;
        var random = new Random(5);
        var entries = new List<(int, int, double)>();
        var dense = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            foreach (var j in Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(i % 10))
            {
                var v = random.NextDouble() - 0.5;
                entries.Add((i, j, v));
                dense[(i * n) + j] = v;
            }
        }

        var m = SparseMatrix.FromTriplets(n, entries);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var y = new double[n];
        m.Multiply(x, y);
        var parallel = new double[n];
        m.MultiplyParallel(x, parallel);
        for (var i = 0; i < n; i++)
        {
            var expected = 0.0;
            for (var j = 0; j < n; j++)
            {
                expected += dense[(i * n) + j] * x[j];
            }

            Assert.Equal(expected, y[i], 1e-14);
            Assert.Equal(y[i], parallel[i]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => m.Multiply(x.AsSpan(0, n - 1), y));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Multiply(x, y.AsSpan(0, n - 1)));
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
    public void ALargeSystemTheIterationsCannotFinish_IsSolvedByTheSparseLu_ToTheLastDigits()
    {
        var m = Technosphere(SparseSolver.DenseLimit + 1, 3, out _);
        var f = new double[m.Size];
        f[0] = 1;

        var direct = SparseSolver.Solve(m, f, tolerance: 1e-14, maxIterations: 1);
        var iterative = SparseSolver.Solve(m, f, tolerance: 1e-12);

        Assert.Equal((SolveStatus.Solved, SolveMethod.SparseLu), (direct.Status, direct.Method));
        Assert.True(direct.RelativeResidual <= 1e-14, $"{direct.RelativeResidual}");
        Assert.Equal(SolveMethod.BiCgStab, iterative.Method);
        for (var i = 0; i < m.Size; i++)
        {
            Assert.Equal(iterative.X[i], direct.X[i], 1e-10);
        }
    }

    /// <summary>The hard case: rows swapped in pairs, so most of the diagonal is zero — no Jacobi preconditioner, no
    /// Krylov start — and the LU must pivot off the diagonal. Same solution as the unswapped system.</summary>
    [Fact]
    public void ALargeSystemWithAZeroDiagonal_IsSolvedByPivoting()
    {
        const int n = 3000;
        var random = new Random(7);
        var rows = new List<(int, int, double)>();
        var swap = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? i + 1 : i - 1).ToArray();
        for (var j = 0; j < n; j++)
        {
            rows.Add((swap[j], j, 1.0));
            for (var k = 0; k < 4; k++)
            {
                var i = random.Next(n);
                if (i != j)
                {
                    rows.Add((swap[i], j, -random.NextDouble() * 0.1));
                }
            }
        }

        var swapped = SparseMatrix.FromTriplets(n, rows);
        var original = SparseMatrix.FromTriplets(n, [.. rows.Select(e => (swap[e.Item1], e.Item2, e.Item3))]);
        Assert.Contains(0.0, swapped.Diagonal());
        var f = new double[n];
        f[0] = 1;
        f[1234] = 2;
        var swappedF = new double[n];
        for (var i = 0; i < n; i++)
        {
            swappedF[swap[i]] = f[i];
        }

        var hard = SparseSolver.Solve(swapped, swappedF);
        var easy = SparseSolver.Solve(original, f, tolerance: 1e-13);

        Assert.Equal((SolveStatus.Solved, SolveMethod.SparseLu), (hard.Status, hard.Method));
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(easy.X[i], hard.X[i], 1e-10);
        }
    }

    [Fact]
    public void ALargeSingularSystem_IsReportedAsSuch_ByTheSparseLu()
    {
        const int n = SparseSolver.DenseLimit + 10;
        var entries = new List<(int, int, double)>();
        for (var j = 0; j < n; j++)
        {
            entries.Add((j, j, 1.0));
        }

        // Columns 5 and 6 become the same: 5 makes one 6 and 6 makes one 5, net nothing.
        entries.Add((6, 5, -1.0));
        entries.Add((5, 6, -1.0));
        var m = SparseMatrix.FromTriplets(n, entries);
        var f = new double[n];
        f[5] = 1;

        var solved = SparseSolver.Solve(m, f, maxIterations: 5);

        Assert.Equal(SolveStatus.Singular, solved.Status);
    }

    [Fact]
    public void TheMinimumDegreeOrder_IsAPermutation_AndTakesLeavesBeforeHubs()
    {
        // A star: node 0 joined to everything. Eliminating the hub first would make everything a clique.
        const int n = 50;
        var entries = new List<(int, int, double)>();
        for (var i = 0; i < n; i++)
        {
            entries.Add((i, i, 4.0));
            if (i > 0)
            {
                entries.Add((0, i, -1.0));
                entries.Add((i, 0, -1.0));
            }
        }

        var m = SparseMatrix.FromTriplets(n, entries);
        var (start, rows) = Columns(m);
        var order = SparseSolver.MinimumDegree(n, start, rows);

        Assert.Equal(Enumerable.Range(0, n), order.Order());
        Assert.NotEqual(0, order[0]);
        Assert.True(Array.IndexOf(order, 0) >= n - 2, $"hub at {Array.IndexOf(order, 0)}");
    }

    private static (int[] Start, int[] Rows) Columns(SparseMatrix m)
    {
        var byColumn = Enumerable.Range(0, m.Size).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < m.Size; r++)
        {
            for (var p = m.RowStart[r]; p < m.RowStart[r + 1]; p++)
            {
                byColumn[m.Columns[p]].Add(r);
            }
        }

        var start = new int[m.Size + 1];
        for (var c = 0; c < m.Size; c++)
        {
            start[c + 1] = start[c] + byColumn[c].Count;
        }

        return (start, [.. byColumn.SelectMany(c => c)]);
    }
}
