using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tanpan.Engine.Lca;

/// <summary>Multiplies a whole array of exchanges by independent lognormal(0, σ) factors: a Monte Carlo over a
/// technosphere draws one per stored entry per iteration (a quarter of a million for an ecoinvent-sized system), so
/// sampling is as much of the cost as the solve. Four xoshiro256** streams (the engine's generator, each a jump of
/// 2¹²⁸ from the last) run side by side in one 256-bit register; Box–Muller turns each pair of single-precision
/// uniforms into two normals, eight lanes per instruction. Single precision is ample for a factor of a 10 % spread:
/// 23-bit uniforms cut the normal's tails off beyond 5.6 σ (a probability of 2·10⁻⁸) and round each factor to
/// 6·10⁻⁸ of itself, far below the sampling error of any Monte Carlo. For a given seed the factors are the same on
/// every run on the same runtime.</summary>
public sealed class LognormalSampler
{
    private Vector256<ulong> _s0, _s1, _s2, _s3;

    public LognormalSampler(ulong seed)
    {
        var generator = new SampleGenerator(seed);
        Span<ulong> s0 = stackalloc ulong[4], s1 = stackalloc ulong[4], s2 = stackalloc ulong[4], s3 = stackalloc ulong[4];
        for (var lane = 0; lane < 4; lane++)
        {
            (s0[lane], s1[lane], s2[lane], s3[lane]) = generator.State;
            generator.Jump();
        }

        _s0 = Vector256.Create<ulong>(s0);
        _s1 = Vector256.Create<ulong>(s1);
        _s2 = Vector256.Create<ulong>(s2);
        _s3 = Vector256.Create<ulong>(s3);
    }

    /// <summary>The next 64 bits of each of the four streams (lane i is stream i; stream 0 is the seed's own
    /// <see cref="SampleGenerator"/> sequence). xoshiro256** with its multiplications by 5 and 9 as shifts and adds,
    /// which AVX2 has for 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Vector256<ulong> NextBits()
    {
        unchecked
        {
            var s1 = _s1;
            var times5 = (s1 << 2) + s1;
            var rotated = (times5 << 7) | (times5 >> 57);
            var result = (rotated << 3) + rotated;
            var t = s1 << 17;
            _s2 ^= _s0;
            _s3 ^= s1;
            _s1 = s1 ^ _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = (_s3 << 45) | (_s3 >> 19);
            return result;
        }
    }

    /// <summary>Eight uniforms in [0, 1) from the 256 bits (23 bits each, through the exponent trick: no integer to
    /// float conversion, which AVX2 lacks for 64-bit lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Unit(Vector256<ulong> bits) =>
        ((bits.AsUInt32() >> 9) | Vector256.Create(0x3F800000U)).AsSingle() - Vector256.Create(1.0f);

    /// <summary>Sixteen factors exp(σ z): the first eight from the cosine branch, the next eight from the sine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector256<float> Cos, Vector256<float> Sin) NextFactors(Vector256<float> sigma)
    {
        // 1 − u is in (0, 1]: its logarithm is finite.
        var u1 = Vector256.Create(1.0f) - Unit(NextBits());
        var u2 = Unit(NextBits());
        var radius = Vector256.Sqrt(Vector256.Create(-2.0f) * Vector256.Log(u1)) * sigma;
        var (sin, cos) = Vector256.SinCos(Vector256.Create(2 * MathF.PI) * u2);
        return (Vector256.Exp(radius * cos), Vector256.Exp(radius * sin));
    }

    /// <summary>target[k] = source[k] · exp(σ z_k), z_k ~ N(0, 1) independent for every k.</summary>
    public void Multiply(ReadOnlySpan<double> source, Span<double> target, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sigma);
        ArgumentOutOfRangeException.ThrowIfLessThan(target.Length, source.Length, nameof(target));
        if (sigma == 0)
        {
            // No spread is no change (single-precision exp(0) is one ulp above 1).
            source.CopyTo(target);
            return;
        }

        var s = Vector256.Create((float)sigma);
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target);
        var k = 0;
        for (; k + 16 <= source.Length; k += 16)
        {
            var (cos, sin) = NextFactors(s);
            var (c0, c1) = Vector256.Widen(cos);
            var (s0, s1) = Vector256.Widen(sin);
            var at = (nuint)k;
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from, at) * c0, ref to, at);
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from, at + 4) * c1, ref to, at + 4);
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from, at + 8) * s0, ref to, at + 8);
            Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from, at + 12) * s1, ref to, at + 12);
        }

        if (k < source.Length)
        {
            var (cos, sin) = NextFactors(s);
            Span<float> rest = stackalloc float[16];
            cos.CopyTo(rest);
            sin.CopyTo(rest[8..]);
            for (var lane = 0; k < source.Length; lane++, k++)
            {
                target[k] = source[k] * rest[lane];
            }
        }
    }
}
