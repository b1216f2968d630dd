namespace Tanpan.Engine.Lca;

/// <summary>Solves A x = b for the technosphere. BiCGStab with a Jacobi preconditioner first (a few dozen
/// products with A on an LCA matrix); its answer is accepted only when the true residual meets the tolerance —
/// BiCGStab can stagnate or break down and report success (scipy's returns a 79 %-wrong answer on the benchmark
/// system when its status is ignored). Then restarted GMRES, then a direct LU with partial pivoting: dense for systems
/// small enough to hold densely (every product system a company builds by hand), sparse with a minimum-degree
/// ordering above that. See ADR 017.</summary>
public static partial class SparseSolver
{
    /// <summary>Largest system solved by the dense LU fallback (2,000² doubles = 32 MB).</summary>
    public const int DenseLimit = 2000;

    /// <summary>Solves A x = b to a relative residual of <paramref name="tolerance"/>, from <paramref name="start"/> when
    /// given (a warm start); <paramref name="parallel"/> runs the products with A on two cores (one large solve; a
    /// Monte Carlo parallelises its draws instead).</summary>
    public static SolveResult Solve(SparseMatrix a, ReadOnlySpan<double> b, double tolerance = 1e-10, double[]? start = null, int maxIterations = 1000, bool parallel = false, SolverWorkspace? workspace = null)
    {
        if (workspace is not null && workspace.Size != a.Size)
        {
            throw new ArgumentException($"a workspace of size {workspace.Size} for a {a.Size} × {a.Size} system", nameof(workspace));
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Size);
        var bNorm = Norm(b);
        if (bNorm == 0)
        {
            return new SolveResult(SolveStatus.Solved, new double[a.Size], SolveMethod.BiCgStab, 0, 0);
        }

        var diagonal = workspace?.Diagonal ?? new double[a.Size];
        a.Diagonal(diagonal);
        var hasDiagonal = Array.TrueForAll(diagonal, d => d != 0 && double.IsFinite(d));
        var work = workspace?.Work ?? new double[a.Size];
        if (hasDiagonal)
        {
            var x = Start(workspace, start, a.Size);
            var iterations = 0;
            var residual = double.PositiveInfinity;
            // The iteration's own residual drifts from the true one; a restart from x (residual replacement) closes
            // the gap when it is near the tolerance, cheaper than changing method.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                iterations += BiCgStab(a, b, x, diagonal, tolerance * bNorm * 0.5, maxIterations - iterations, parallel, workspace?.Vectors);
                residual = Residual(a, b, x, work) / bNorm;
                if (residual <= tolerance || !(residual < 1e-4) || iterations >= maxIterations)
                {
                    break;
                }
            }

            if (residual <= tolerance)
            {
                return new SolveResult(SolveStatus.Solved, x, SolveMethod.BiCgStab, iterations, residual);
            }

            x = Start(workspace, start, a.Size);
            iterations = Gmres(a, b, x, diagonal, tolerance * bNorm, restart: Math.Min(50, a.Size), maxIterations);
            residual = Residual(a, b, x, work) / bNorm;
            if (residual <= tolerance)
            {
                return new SolveResult(SolveStatus.Solved, x, SolveMethod.Gmres, iterations, residual);
            }
        }

        return a.Size > DenseLimit ? SparseLu(a, b, work, bNorm) : DenseLu(a, b, work, bNorm);
    }

    /// <summary>The direct solve alone (dense LU up to <see cref="DenseLimit"/>, sparse LU above): what the fallback
    /// runs, for a benchmark of it.</summary>
    public static SolveResult SolveDirect(SparseMatrix a, ReadOnlySpan<double> b)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Size);
        var bNorm = Norm(b);
        var work = new double[a.Size];
        return bNorm == 0 ? new SolveResult(SolveStatus.Solved, work, SolveMethod.SparseLu, 0, 0)
            : a.Size > DenseLimit ? SparseLu(a, b, work, bNorm) : DenseLu(a, b, work, bNorm);
    }

    /// <summary>The vector to iterate on: the workspace's own (no allocation) or a fresh one, holding the warm start.</summary>
    private static double[] Start(SolverWorkspace? workspace, double[]? start, int size)
    {
        if (workspace is null)
        {
            return start is null ? new double[size] : (double[])start.Clone();
        }

        if (start is null)
        {
            Array.Clear(workspace.X);
        }
        else if (!ReferenceEquals(start, workspace.X))
        {
            Array.Copy(start, workspace.X, size);
        }

        return workspace.X;
    }

    private static double Residual(SparseMatrix a, ReadOnlySpan<double> b, double[] x, double[] work)
    {
        a.Multiply(x, work);
        var sum = 0.0;
        for (var i = 0; i < b.Length; i++)
        {
            var d = b[i] - work[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Length, x.Length, nameof(y));
        unchecked
        {
            var i = 0;
            var width = System.Numerics.Vector<double>.Count;
            var sum = System.Numerics.Vector<double>.Zero;
            for (; i <= x.Length - width; i += width)
            {
                sum += new System.Numerics.Vector<double>(x[i..]) * new System.Numerics.Vector<double>(y[i..]);
            }

            var total = System.Numerics.Vector.Sum(sum);
            for (; i < x.Length; i++)
            {
                total += x[i] * y[i];
            }

            return total;
        }
    }

    internal static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Dot(x, x));

    private static void Scale(double[] x, double factor)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= factor;
        }
    }
}
