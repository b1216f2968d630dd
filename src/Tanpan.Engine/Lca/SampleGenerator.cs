namespace Tanpan.Engine.Lca;

/// <summary>xoshiro256** with polar-method normals: the engine's own generator, so a seed means the same draws on
/// every runtime version (System.Random's algorithm is not a contract).</summary>
public sealed class SampleGenerator
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spare;

    public SampleGenerator(ulong seed)
    {
        // Wrapping arithmetic is the algorithm (the project checks overflow elsewhere).
        ulong Next()
        {
            unchecked
            {
                seed += 0x9E3779B97F4A7C15UL;
                var z = seed;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        _s0 = Next();
        _s1 = Next();
        _s2 = Next();
        _s3 = Next();
    }

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Normal()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spare = v * factor;
        return u * factor;
    }

    /// <summary>A draw of a quantity entered as <paramref name="quantity"/> under its uncertainty.</summary>
    public double Quantity(Footprint.QuantityUncertainty uncertainty, double quantity) => uncertainty switch
    {
        Footprint.LognormalUncertainty l => quantity * Math.Exp(Math.Log((double)l.Gsd) * Normal()),
        Footprint.NormalUncertainty n => quantity + ((double)n.Sd * Normal()),
        Footprint.UniformUncertainty u => (double)u.Min + (((double)u.Max - (double)u.Min) * NextDouble()),
        Footprint.TriangularUncertainty t => Triangular((double)t.Min, (double)t.Mode, (double)t.Max),
        _ => quantity,
    };

    private double Triangular(double min, double mode, double max)
    {
        if (max == min)
        {
            return min;
        }

        var u = NextDouble();
        var cut = (mode - min) / (max - min);
        return u < cut ? min + Math.Sqrt(u * (max - min) * (mode - min)) : max - Math.Sqrt((1 - u) * (max - min) * (max - mode));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextULong()
    {
        var result = unchecked(ulong.RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }
}
