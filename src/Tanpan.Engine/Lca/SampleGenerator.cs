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

    /// <summary>The generator's state (a vectorised sampler runs one stream per lane from it).</summary>
    internal (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>Advances the state by 2¹²⁸ draws (the algorithm's published jump): streams started a jump apart never
    /// overlap.</summary>
    public void Jump()
    {
        ReadOnlySpan<ulong> polynomial = [0x180EC6D33CFD0ABAUL, 0xD5A61266F0C9392CUL, 0xA9582618E03FC9AAUL, 0x39ABDC4529B1661CUL];
        ulong s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        foreach (var word in polynomial)
        {
            for (var bit = 0; bit < 64; bit++)
            {
                if ((word & (1UL << bit)) != 0)
                {
                    s0 ^= _s0;
                    s1 ^= _s1;
                    s2 ^= _s2;
                    s3 ^= _s3;
                }

                NextULong();
            }
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        _spare = null;
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
