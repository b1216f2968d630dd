namespace Tanpan.Engine.Lca;

/// <summary>The iterative methods: BiCGStab first, restarted GMRES when its answer does not meet the tolerance.</summary>
public static partial class SparseSolver
{
    /// <summary>Right-preconditioned BiCGStab (Jacobi). Returns the iterations used; x is updated in place.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
                    Kernels.Axpy(-h[k, j], basis[k], basis[j + 1]);
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
                Kernels.Axpy(y[k], basis[k], z);
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
}
