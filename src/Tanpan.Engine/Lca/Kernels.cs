namespace Tanpan.Engine.Lca;

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
