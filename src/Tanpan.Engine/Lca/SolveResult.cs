namespace Tanpan.Engine.Lca;

public enum SolveMethod
{
    BiCgStab,
    Gmres,
    DenseLu,
    SparseLu,
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
