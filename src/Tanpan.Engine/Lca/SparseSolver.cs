namespace Tanpan.Engine.Lca;

public enum SolveMethod
{
    BiCgStab,
    Gmres,
    DenseLu,
}

public enum SolveStatus
{
    Solved,

    /// <summary>The matrix is singular to working precision: e.g. a loop that produces nothing net.</summary>
    Singular,

    /// <summary>No method reached the tolerance and the system is too large for the direct solve.</summary>
    NotConverged,
}

/// <summary>A solve's answer with how it was obtained: the method that succeeded, its iterations and the true
/// relative residual ‖b − A x‖ / ‖b‖ recomputed from x (never the iteration's own estimate).</summary>
public sealed record SolveResult(SolveStatus Status, double[] X, SolveMethod Method, int Iterations, double RelativeResidual)
{
    public bool Solved => Status == SolveStatus.Solved;
}

/// <summary>Reusable buffers for repeated solves of one size (a Monte Carlo worker): a 20,000-process system needs
/// a dozen vectors of 160 KB, which would otherwise be fresh large-object-heap allocations on every draw. A result's
/// <see cref="SolveResult.X"/> from a solve with a workspace is the workspace's own vector, valid until its next solve.</summary>
public sealed class SolverWorkspace(int size)
{
    public int Size { get; } = size;

    internal double[] X { get; } = new double[size];

    internal double[] Work { get; } = new double[size];

    internal double[] Diagonal { get; } = new double[size];

    internal double[][] Vectors { get; } = [.. Enumerable.Range(0, 9).Select(_ => new double[size])];
}

/// <summary>Solves A x = b for the technosphere. BiCGStab with a Jacobi preconditioner first (a few dozen
/// products with A on an LCA matrix); its answer is accepted only when the true residual meets the tolerance —
/// BiCGStab can stagnate or break down and report success (scipy's returns a 79 %-wrong answer on the benchmark
/// system when its status is ignored). Then restarted GMRES, then a direct LU with partial pivoting for systems
/// small enough to hold densely (every product system a company builds by hand). See ADR 017.</summary>
public static class SparseSolver
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

        if (a.Size > DenseLimit)
        {
            return new SolveResult(SolveStatus.NotConverged, new double[a.Size], SolveMethod.Gmres, maxIterations, double.NaN);
        }

        return DenseLu(a, b, work, bNorm);
    }

    /// <summary>Right-preconditioned BiCGStab (Jacobi). Returns the iterations used; x is updated in place.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    internal static int BiCgStab(SparseMatrix a, ReadOnlySpan<double> b, double[] x, double[] diagonal, double absoluteTolerance, int maxIterations, bool parallel = false, double[][]? buffers = null)
    {
        unchecked
        {
        void Multiply(double[] v, double[] result)
        {
            if (parallel)
            {
                a.MultiplyParallel(v, result);
            }
            else
            {
                a.Multiply(v, result);
            }
        }

        var n = a.Size;
        double[] Buffer(int i)
        {
            if (buffers is null)
            {
                return new double[n];
            }

            Array.Clear(buffers[i]);
            return buffers[i];
        }

        var r = Buffer(0);
        a.Multiply(x, r);
        for (var i = 0; i < n; i++)
        {
            r[i] = b[i] - r[i];
        }

        // The shadow residual: r₀ itself breaks down on a single-product demand (r₀ = a unit vector makes r̂ · r
        // vanish within a few steps); r₀ plus a fixed pseudo-random vector of the same scale does not.
        var rHat = Buffer(1);
        var scale = Norm(r) / Math.Sqrt(n);
        var state = 0x2545F4914F6CDD1DUL;
        for (var i = 0; i < n; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            rHat[i] = r[i] + (scale * (((state >> 11) * (1.0 / (1UL << 53))) - 0.5));
        }

        var p = Buffer(2);
        var v = Buffer(3);
        var pHat = Buffer(4);
        var s = Buffer(5);
        var sHat = Buffer(6);
        var t = Buffer(7);
        // Multiplying by the inverse diagonal: a division per element per step costs more than the product.
        var inverse = Buffer(8);
        for (var i = 0; i < n; i++)
        {
            inverse[i] = 1.0 / diagonal[i];
        }

        // Five passes over the vectors per step (two of them the products with A), each fusing the element-wise
        // work with the dot products that follow it, four doubles at a time.
        double rho = 1, alpha = 1, omega = 1;
        var rhoNext = Dot(rHat, r);
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (rhoNext == 0 || !double.IsFinite(rhoNext))
            {
                return iteration;
            }

            var beta = rhoNext / rho * (alpha / omega);
            rho = rhoNext;
            Kernels.Direction(r, p, v, inverse, pHat, beta, omega);
            Multiply(pHat, v);
            var rHatV = Dot(rHat, v);
            if (rHatV == 0 || !double.IsFinite(rHatV))
            {
                return iteration;
            }

            alpha = rho / rHatV;
            if (Math.Sqrt(Kernels.Intermediate(r, v, inverse, s, sHat, alpha)) <= absoluteTolerance)
            {
                Kernels.Axpy(alpha, pHat, x);
                return iteration;
            }

            Multiply(sHat, t);
            var (tt, ts) = Kernels.TwoDots(t, s);
            omega = tt == 0 ? 0 : ts / tt;
            var (rr, rHatR) = Kernels.Update(x, r, pHat, sHat, s, t, rHat, alpha, omega);
            rhoNext = rHatR;
            if (Math.Sqrt(rr) <= absoluteTolerance || omega == 0 || !double.IsFinite(omega))
            {
                return iteration;
            }
        }

        return maxIterations;
        }
    }

    /// <summary>Restarted GMRES(m), right-preconditioned (Jacobi), modified Gram–Schmidt with Givens rotations.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int Gmres(SparseMatrix a, ReadOnlySpan<double> b, double[] x, double[] diagonal, double absoluteTolerance, int restart, int maxIterations)
    {
        var n = a.Size;
        var m = Math.Max(1, restart);
        var basis = new double[m + 1][];
        for (var k = 0; k <= m; k++)
        {
            basis[k] = new double[n];
        }

        var h = new double[m + 1, m];
        var cs = new double[m];
        var sn = new double[m];
        var g = new double[m + 1];
        var z = new double[n];
        var w = new double[n];
        var used = 0;
        while (used < maxIterations)
        {
            a.Multiply(x, w);
            for (var i = 0; i < n; i++)
            {
                basis[0][i] = b[i] - w[i];
            }

            var beta = Norm(basis[0]);
            if (beta <= absoluteTolerance)
            {
                return used;
            }

            Scale(basis[0], 1 / beta);
            Array.Clear(g);
            g[0] = beta;
            var j = 0;
            for (; j < m && used < maxIterations; j++, used++)
            {
                for (var i = 0; i < n; i++)
                {
                    z[i] = basis[j][i] / diagonal[i];
                }

                a.Multiply(z, basis[j + 1]);
                for (var k = 0; k <= j; k++)
                {
                    h[k, j] = Dot(basis[j + 1], basis[k]);
                    Axpy(-h[k, j], basis[k], basis[j + 1]);
                }

                h[j + 1, j] = Norm(basis[j + 1]);
                if (h[j + 1, j] != 0)
                {
                    Scale(basis[j + 1], 1 / h[j + 1, j]);
                }

                for (var k = 0; k < j; k++)
                {
                    var temp = (cs[k] * h[k, j]) + (sn[k] * h[k + 1, j]);
                    h[k + 1, j] = (-sn[k] * h[k, j]) + (cs[k] * h[k + 1, j]);
                    h[k, j] = temp;
                }

                var denominator = Math.Sqrt((h[j, j] * h[j, j]) + (h[j + 1, j] * h[j + 1, j]));
                if (denominator == 0)
                {
                    break;
                }

                cs[j] = h[j, j] / denominator;
                sn[j] = h[j + 1, j] / denominator;
                h[j, j] = denominator;
                h[j + 1, j] = 0;
                g[j + 1] = -sn[j] * g[j];
                g[j] = cs[j] * g[j];
                if (Math.Abs(g[j + 1]) <= absoluteTolerance)
                {
                    j++;
                    used++;
                    break;
                }
            }

            // x += M⁻¹ V y, with H y = g solved by back substitution.
            var y = new double[j];
            for (var k = j - 1; k >= 0; k--)
            {
                var sum = g[k];
                for (var l = k + 1; l < j; l++)
                {
                    sum -= h[k, l] * y[l];
                }

                y[k] = h[k, k] == 0 ? 0 : sum / h[k, k];
            }

            Array.Clear(z);
            for (var k = 0; k < j; k++)
            {
                Axpy(y[k], basis[k], z);
            }

            for (var i = 0; i < n; i++)
            {
                x[i] += z[i] / diagonal[i];
            }

            if (j == 0 || Math.Abs(g[j]) <= absoluteTolerance)
            {
                return used;
            }
        }

        return used;
    }

    /// <summary>Gaussian elimination with partial pivoting on the dense copy; a pivot below n·ε·‖A‖∞ is singular.</summary>
    private static SolveResult DenseLu(SparseMatrix a, ReadOnlySpan<double> b, double[] work, double bNorm)
    {
        var n = a.Size;
        var m = a.ToDense();
        var x = b.ToArray();
        var threshold = n * 1e-15 * a.NormInf();
        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            var best = Math.Abs(m[((long)k * n) + k]);
            for (var i = k + 1; i < n; i++)
            {
                var candidate = Math.Abs(m[((long)i * n) + k]);
                if (candidate > best)
                {
                    best = candidate;
                    pivot = i;
                }
            }

            if (best <= threshold || !double.IsFinite(best))
            {
                return new SolveResult(SolveStatus.Singular, new double[n], SolveMethod.DenseLu, k, double.NaN);
            }

            if (pivot != k)
            {
                for (var c = 0; c < n; c++)
                {
                    (m[((long)k * n) + c], m[((long)pivot * n) + c]) = (m[((long)pivot * n) + c], m[((long)k * n) + c]);
                }

                (x[k], x[pivot]) = (x[pivot], x[k]);
            }

            var diagonal = m[((long)k * n) + k];
            for (var i = k + 1; i < n; i++)
            {
                var factor = m[((long)i * n) + k] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (var c = k + 1; c < n; c++)
                {
                    m[((long)i * n) + c] -= factor * m[((long)k * n) + c];
                }

                x[i] -= factor * x[k];
            }
        }

        for (var k = n - 1; k >= 0; k--)
        {
            var sum = x[k];
            for (var c = k + 1; c < n; c++)
            {
                sum -= m[((long)k * n) + c] * x[c];
            }

            x[k] = sum / m[((long)k * n) + k];
        }

        var residual = Residual(a, b, x, work) / bNorm;
        return new SolveResult(double.IsFinite(residual) ? SolveStatus.Solved : SolveStatus.Singular, x, SolveMethod.DenseLu, n, residual);
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
        unchecked
        {
            var sum = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                sum += x[i] * y[i];
            }

            return sum;
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

    private static void Axpy(double alpha, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}

/// <summary>The fused element-wise steps of BiCGStab, vectorised with <see cref="System.Numerics.Vector{T}"/>.</summary>
internal static class Kernels
{
    private static readonly int Width = System.Numerics.Vector<double>.Count;

    /// <summary>p = r + β (p − ω v); p̂ = p ⊙ d⁻¹.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Direction(double[] r, double[] p, double[] v, double[] inverse, double[] pHat, double beta, double omega)
    {
        unchecked
        {
            var i = 0;
            var vb = new System.Numerics.Vector<double>(beta);
            var vo = new System.Numerics.Vector<double>(omega);
            for (; i <= r.Length - Width; i += Width)
            {
                var pi = new System.Numerics.Vector<double>(r, i) + (vb * (new System.Numerics.Vector<double>(p, i) - (vo * new System.Numerics.Vector<double>(v, i))));
                pi.CopyTo(p, i);
                (pi * new System.Numerics.Vector<double>(inverse, i)).CopyTo(pHat, i);
            }

            for (; i < r.Length; i++)
            {
                p[i] = r[i] + (beta * (p[i] - (omega * v[i])));
                pHat[i] = p[i] * inverse[i];
            }
        }
    }

    /// <summary>s = r − α v; ŝ = s ⊙ d⁻¹; returns ‖s‖².</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double Intermediate(double[] r, double[] v, double[] inverse, double[] s, double[] sHat, double alpha)
    {
        unchecked
        {
            var i = 0;
            var va = new System.Numerics.Vector<double>(alpha);
            var sum = System.Numerics.Vector<double>.Zero;
            for (; i <= r.Length - Width; i += Width)
            {
                var si = new System.Numerics.Vector<double>(r, i) - (va * new System.Numerics.Vector<double>(v, i));
                si.CopyTo(s, i);
                (si * new System.Numerics.Vector<double>(inverse, i)).CopyTo(sHat, i);
                sum += si * si;
            }

            var total = System.Numerics.Vector.Sum(sum);
            for (; i < r.Length; i++)
            {
                s[i] = r[i] - (alpha * v[i]);
                sHat[i] = s[i] * inverse[i];
                total += s[i] * s[i];
            }

            return total;
        }
    }

    /// <summary>(t · t, t · s).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double TT, double TS) TwoDots(double[] t, double[] s)
    {
        unchecked
        {
            var i = 0;
            var tt = System.Numerics.Vector<double>.Zero;
            var ts = System.Numerics.Vector<double>.Zero;
            for (; i <= t.Length - Width; i += Width)
            {
                var ti = new System.Numerics.Vector<double>(t, i);
                tt += ti * ti;
                ts += ti * new System.Numerics.Vector<double>(s, i);
            }

            double a = System.Numerics.Vector.Sum(tt), b = System.Numerics.Vector.Sum(ts);
            for (; i < t.Length; i++)
            {
                a += t[i] * t[i];
                b += t[i] * s[i];
            }

            return (a, b);
        }
    }

    /// <summary>x += α p̂ + ω ŝ; r = s − ω t; returns (‖r‖², r̂ · r) for the next step.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double RR, double RHatR) Update(double[] x, double[] r, double[] pHat, double[] sHat, double[] s, double[] t, double[] rHat, double alpha, double omega)
    {
        unchecked
        {
            var i = 0;
            var va = new System.Numerics.Vector<double>(alpha);
            var vo = new System.Numerics.Vector<double>(omega);
            var rr = System.Numerics.Vector<double>.Zero;
            var rh = System.Numerics.Vector<double>.Zero;
            for (; i <= x.Length - Width; i += Width)
            {
                (new System.Numerics.Vector<double>(x, i) + (va * new System.Numerics.Vector<double>(pHat, i)) + (vo * new System.Numerics.Vector<double>(sHat, i))).CopyTo(x, i);
                var ri = new System.Numerics.Vector<double>(s, i) - (vo * new System.Numerics.Vector<double>(t, i));
                ri.CopyTo(r, i);
                rr += ri * ri;
                rh += ri * new System.Numerics.Vector<double>(rHat, i);
            }

            double a = System.Numerics.Vector.Sum(rr), b = System.Numerics.Vector.Sum(rh);
            for (; i < x.Length; i++)
            {
                x[i] += (alpha * pHat[i]) + (omega * sHat[i]);
                r[i] = s[i] - (omega * t[i]);
                a += r[i] * r[i];
                b += r[i] * rHat[i];
            }

            return (a, b);
        }
    }

    /// <summary>y += α x.</summary>
    public static void Axpy(double alpha, double[] x, double[] y)
    {
        unchecked
        {
            for (var i = 0; i < x.Length; i++)
            {
                y[i] += alpha * x[i];
            }
        }
    }
}
