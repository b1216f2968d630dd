using Tanpan.Engine.Lca;

namespace Tanpan.Engine.Tests.Footprint;

/// <summary>The vectorised sampler of a whole-matrix Monte Carlo: its four lanes are the engine's xoshiro256** and its
/// published jump, its factors are lognormal(0, σ) in their moments and tails, and every entry is drawn.</summary>
public sealed class LognormalSamplerTests
{
    [Fact]
    public void TheLanesAreTheGeneratorsStream_AndItsJumps()
    {
        // Expected values from the reference algorithm (Vigna's xoshiro256** and jump, seeded by splitmix64 as the
        // engine seeds it), computed independently of this code.
        var scalar = new SampleGenerator(42);
        Assert.Equal(0x15780b2e0c2ec716UL, scalar.NextULong());
        Assert.Equal(0x6104d9866d113a7eUL, scalar.NextULong());
        var jumped = new SampleGenerator(42);
        jumped.Jump();
        Assert.Equal(0x50086ef83cbf4f4aUL, jumped.NextULong());
        jumped = new SampleGenerator(42);
        jumped.Jump();
        jumped.Jump();
        Assert.Equal(0x8677623ee7544e81UL, jumped.NextULong());

        var sampler = new LognormalSampler(42);
        var lanes = new SampleGenerator[4];
        for (var lane = 0; lane < 4; lane++)
        {
            lanes[lane] = new SampleGenerator(42);
            for (var j = 0; j < lane; j++)
            {
                lanes[lane].Jump();
            }
        }

        for (var step = 0; step < 100; step++)
        {
            var bits = sampler.NextBits();
            for (var lane = 0; lane < 4; lane++)
            {
                Assert.Equal(lanes[lane].NextULong(), bits[lane]);
            }
        }
    }

    [Fact]
    public void TheFactors_AreLognormal_InMomentsAndTails()
    {
        const double sigma = 0.1;
        const int n = 1_000_003;
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var drawn = new double[n];
        new LognormalSampler(7).Multiply(ones, drawn, sigma);
        double sum = 0, squares = 0, fourth = 0, factorSum = 0;
        var beyond3 = 0;
        foreach (var factor in drawn)
        {
            var z = Math.Log(factor) / sigma;
            sum += z;
            squares += z * z;
            fourth += z * z * z * z;
            factorSum += factor;
            beyond3 += Math.Abs(z) > 3 ? 1 : 0;
        }

        var mean = sum / n;
        var variance = (squares / n) - (mean * mean);
        // Five standard errors each: the mean's is 1/√n = 0.001, the variance's √(2/n) = 0.0014.
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(variance, 1 - 0.007, 1 + 0.007);
        Assert.InRange(fourth / n, 3 - 0.05, 3 + 0.05);
        // P(|z| > 3) = 0.0027; its standard error here is 5.2e-5.
        Assert.InRange(beyond3 / (double)n, 0.0027 - 0.00026, 0.0027 + 0.00026);
        // E[exp(σ z)] = exp(σ² / 2).
        Assert.Equal(Math.Exp(sigma * sigma / 2), factorSum / n, 3e-4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1001)]
    public void EveryEntryIsDrawn_AndNothingBeyondIsTouched(int length)
    {
        var source = Enumerable.Range(1, length).Select(i => (double)i).ToArray();
        var target = Enumerable.Repeat(-1.0, length + 3).ToArray();
        new LognormalSampler(3).Multiply(source, target, 0.1);
        for (var k = 0; k < length; k++)
        {
            Assert.NotEqual(source[k], target[k]);
            Assert.InRange(target[k] / source[k], Math.Exp(-0.57), Math.Exp(0.57));
        }

        Assert.All(target[length..], t => Assert.Equal(-1.0, t));
    }

    [Fact]
    public void ASeed_GivesTheSameDraws_AnotherSeedOthers_AndNoSpreadNoChange()
    {
        var source = Enumerable.Range(1, 100).Select(i => i * 0.5).ToArray();
        double[] Draw(ulong seed, double sigma)
        {
            var target = new double[source.Length];
            new LognormalSampler(seed).Multiply(source, target, sigma);
            return target;
        }

        Assert.Equal(Draw(11, 0.2), Draw(11, 0.2));
        Assert.NotEqual(Draw(11, 0.2), Draw(12, 0.2));
        Assert.Equal(source, Draw(11, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Draw(11, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LognormalSampler(1).Multiply(source, new double[99], 0.1));
    }
}
