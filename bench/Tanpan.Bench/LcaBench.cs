using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Tanpan.Engine.Lca;

namespace Tanpan.Bench;

/// <summary>The LCA solve against scipy's reference (../shared/bench/lca_reference.py) on the same system: M s = f
/// with f = one unit of process 0, score = b · s; then Monte Carlo where every stored non-zero of M and of b is
/// multiplied by an independent lognormal(0, σ) sample and solved to a relative residual of 1e-8, warm-started.
/// Usage: lca --matrix FILE.mtx[.gz] --biosphere FILE.csv[.gz] [--mc 1000] [--sigma 0.1] [--seed 42].
/// Prints one JSON object.</summary>
internal static class LcaBench
{
    public static int Run(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var matrixPath = Arg("--matrix") ?? throw new ArgumentException("--matrix FILE.mtx is required");
        var biospherePath = Arg("--biosphere") ?? throw new ArgumentException("--biosphere FILE.csv is required");
        var iterations = int.Parse(Arg("--mc") ?? "1000", CultureInfo.InvariantCulture);
        var sigma = double.Parse(Arg("--sigma") ?? "0.1", CultureInfo.InvariantCulture);
        var seed = ulong.Parse(Arg("--seed") ?? "42", CultureInfo.InvariantCulture);

        var load = Stopwatch.StartNew();
        var (size, triplets) = ReadMatrixMarket(matrixPath);
        var b = ReadBiosphere(biospherePath, size);
        load.Stop();

        // Cold: from the loaded triplets to the score (CSR build included).
        var cold = Stopwatch.StartNew();
        var m = SparseMatrix.FromTriplets(size, triplets);
        var built = cold.Elapsed.TotalSeconds;
        var f = new double[size];
        f[0] = 1;
        var solved = SparseSolver.Solve(m, f, tolerance: double.Parse(Environment.GetEnvironmentVariable("TOL") ?? "1e-12", CultureInfo.InvariantCulture));
        var score = SparseSolver.Dot(b, solved.X);
        cold.Stop();

        // Warm the JIT for the Monte Carlo loop, then time it.
        MonteCarlo(m, b, f, solved.X, Math.Min(4, iterations), sigma, seed + 1_000_003);
        var mcWatch = Stopwatch.StartNew();
        var mc = MonteCarlo(m, b, f, solved.X, iterations, sigma, seed);
        mcWatch.Stop();

        var mean = mc.Scores.Average();
        var sd = Math.Sqrt(mc.Scores.Sum(x => (x - mean) * (x - mean)) / (mc.Scores.Length - 1));
        var result = new Dictionary<string, object>
        {
            ["n"] = size,
            ["nnz"] = m.NonZeros,
            ["load_s"] = load.Elapsed.TotalSeconds,
            ["solve_s"] = cold.Elapsed.TotalSeconds,
            ["csr_build_s"] = built,
            ["solve_method"] = solved.Method.ToString(),
            ["solve_iterations"] = solved.Iterations,
            ["solve_relative_residual"] = solved.RelativeResidual,
            ["score"] = score,
            ["mc_iterations"] = iterations,
            ["mc_s"] = mcWatch.Elapsed.TotalSeconds,
            ["mc_mean"] = mean,
            ["mc_sd"] = sd,
            ["mc_solver_iterations_mean"] = mc.SolverIterations / (double)iterations,
            ["mc_fallbacks"] = mc.Fallbacks,
            ["threads"] = Environment.ProcessorCount,
            ["peak_working_set_mib"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private sealed record McResult(double[] Scores, long SolverIterations, int Fallbacks);

    /// <summary>Iterations split over the cores; each worker has its own generator (seeded from the seed and the
    /// worker), value buffers and warm start, so a run is reproducible for a given seed and core count.</summary>
    private static McResult MonteCarlo(SparseMatrix m, double[] b, double[] f, double[] start, int iterations, double sigma, ulong seed)
    {
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, iterations));
        var scores = new double[iterations];
        long solverIterations = 0;
        var fallbacks = 0;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var random = new Xoshiro(seed * 0x9E3779B97F4A7C15UL + (ulong)worker);
            var values = new double[m.NonZeros];
            var bSample = new double[b.Length];
            var warm = (double[])start.Clone();
            long mine = 0;
            for (var i = worker; i < iterations; i += workers)
            {
                random.Lognormal(m.Values, values, sigma);
                random.Lognormal(b, bSample, sigma);
                var drawn = m.WithValues(values);
                var solved = SparseSolver.Solve(drawn, f, tolerance: 1e-8, start: warm);
                if (solved.Method != SolveMethod.BiCgStab)
                {
                    Interlocked.Increment(ref fallbacks);
                }

                mine += solved.Iterations;
                warm = solved.X;
                scores[i] = SparseSolver.Dot(bSample, solved.X);
            }

            Interlocked.Add(ref solverIterations, mine);
        });
        return new McResult(scores, solverIterations, fallbacks);
    }

    private static TextReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, bufferSize: 1 << 16);
    }

    private static (int Size, List<(int, int, double)> Triplets) ReadMatrixMarket(string path)
    {
        using var reader = Open(path);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.StartsWith('%'))
        {
        }

        var header = line!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var size = int.Parse(header[0], CultureInfo.InvariantCulture);
        var count = int.Parse(header[2], CultureInfo.InvariantCulture);
        var triplets = new List<(int, int, double)>(count);
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3)
            {
                triplets.Add((int.Parse(parts[0], CultureInfo.InvariantCulture) - 1, int.Parse(parts[1], CultureInfo.InvariantCulture) - 1, double.Parse(parts[2], CultureInfo.InvariantCulture)));
            }
        }

        return (size, triplets);
    }

    private static double[] ReadBiosphere(string path, int size)
    {
        var b = new double[size];
        using var reader = Open(path);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith('#') || line.StartsWith("index", StringComparison.Ordinal))
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            b[int.Parse(line.AsSpan(0, comma), CultureInfo.InvariantCulture)] = double.Parse(line.AsSpan(comma + 1), CultureInfo.InvariantCulture);
        }

        return b;
    }
}

/// <summary>xoshiro256** with polar-method normals: fast, and independent per worker.</summary>
internal sealed class Xoshiro
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro(ulong seed)
    {
        // SplitMix64 to fill the state from one seed.
        ulong Next()
        {
            seed += 0x9E3779B97F4A7C15UL;
            var z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        _s0 = Next();
        _s1 = Next();
        _s2 = Next();
        _s3 = Next();
    }

    private ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    // (-1, 1)
    private double NextSigned() => ((long)(NextULong() >> 11) * (1.0 / (1L << 52))) - 1.0;

    /// <summary>target[k] = source[k] · exp(σ z), z ~ N(0, 1), independent for every k (zeros stay zero).</summary>
    public void Lognormal(double[] source, double[] target, double sigma)
    {
        var k = 0;
        while (k < source.Length)
        {
            double u, v, s;
            do
            {
                u = NextSigned();
                v = NextSigned();
                s = (u * u) + (v * v);
            }
            while (s >= 1 || s == 0);

            var factor = sigma * Math.Sqrt(-2.0 * Math.Log(s) / s);
            target[k] = source[k] * Math.Exp(u * factor);
            k++;
            if (k < source.Length)
            {
                target[k] = source[k] * Math.Exp(v * factor);
                k++;
            }
        }
    }
}
