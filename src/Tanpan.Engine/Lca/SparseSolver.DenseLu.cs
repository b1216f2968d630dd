namespace Tanpan.Engine.Lca;

public static partial class SparseSolver
{
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
}
