using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Footprint;

/// <summary>ISO 14067 life-cycle stages, in life-cycle order.</summary>
public enum LifeStage
{
    RawMaterials,
    Manufacturing,
    Distribution,
    Use,
    EndOfLife,
}

/// <summary>Cradle-to-gate (B2B: raw materials and manufacturing) or cradle-to-grave (B2C: all five stages).</summary>
public enum SystemBoundary
{
    CradleToGate,
    CradleToGrave,
}

public static class LifeStages
{
    public static readonly IReadOnlyList<(LifeStage Stage, string Code)> Codes =
    [
        (LifeStage.RawMaterials, "raw-materials"), (LifeStage.Manufacturing, "manufacturing"), (LifeStage.Distribution, "distribution"),
        (LifeStage.Use, "use"), (LifeStage.EndOfLife, "end-of-life"),
    ];

    public static string Code(this LifeStage stage) => Codes.First(c => c.Stage == stage).Code;

    public static bool TryParse(string? code, out LifeStage stage)
    {
        foreach (var (s, c) in Codes)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                stage = s;
                return true;
            }
        }

        stage = default;
        return false;
    }

    public static string Code(this SystemBoundary boundary) => boundary == SystemBoundary.CradleToGate ? "cradle-to-gate" : "cradle-to-grave";

    public static bool TryParseBoundary(string? code, out SystemBoundary boundary)
    {
        boundary = code == "cradle-to-grave" ? SystemBoundary.CradleToGrave : SystemBoundary.CradleToGate;
        return code is "cradle-to-gate" or "cradle-to-grave";
    }

    /// <summary>Whether the boundary counts the stage: cradle-to-gate stops at the factory gate.</summary>
    public static bool Includes(this SystemBoundary boundary, LifeStage stage) =>
        boundary == SystemBoundary.CradleToGrave || stage is LifeStage.RawMaterials or LifeStage.Manufacturing;
}

/// <summary>How an input's quantity is uncertain, in the input's own unit (lognormal: geometric standard deviation
/// around the entered quantity as median).</summary>
public abstract record QuantityUncertainty;

public sealed record LognormalUncertainty(decimal Gsd) : QuantityUncertainty;

public sealed record NormalUncertainty(decimal Sd) : QuantityUncertainty;

public sealed record TriangularUncertainty(decimal Min, decimal Mode, decimal Max) : QuantityUncertainty;

public sealed record UniformUncertainty(decimal Min, decimal Max) : QuantityUncertainty;

/// <summary>One input of a node, per the node's output: either another node (<paramref name="Node"/>, in a unit
/// convertible to that node's output unit) or a library activity (<paramref name="Activity"/>; an inline company
/// factor when <paramref name="Factor"/> is given). <paramref name="Primary"/> marks supplier-specific or measured
/// data; <paramref name="Omitted"/> an input left out under the cut-off rule (estimated and reported, not counted).</summary>
public sealed record FootprintInput(
    string Id,
    string? Node,
    string? Activity,
    decimal Quantity,
    Unit Unit,
    LifeStage? Stage = null,
    bool Primary = false,
    bool Omitted = false,
    CustomFactor? Factor = null,
    QuantityUncertainty? Uncertainty = null,
    CombustionUse? Use = null);

/// <summary>A unit process of the product system: it makes <paramref name="OutputQuantity"/> of its output from its
/// inputs. A node without a stage is raw-materials.</summary>
public sealed record FootprintNode(string Id, string? Name, LifeStage? Stage, decimal OutputQuantity, Unit OutputUnit, IReadOnlyList<FootprintInput> Inputs);

/// <summary>The data period the product's data covers (ISO 14067 6.3.6; the PCR asks for 12 months).</summary>
public sealed record DataPeriod(DateOnly From, DateOnly To, string? Justification = null);

public sealed record MonteCarloOptions(int Iterations, ulong Seed);

/// <summary>A product system to calculate (the calculation contract's body, typed). Nothing is defaulted: the GWP
/// set, the factor year and the boundary are stated.</summary>
public sealed record FootprintRequest(
    GwpSet GwpSet,
    int Year,
    SystemBoundary Boundary,
    string FunctionalNode,
    decimal FunctionalQuantity,
    IReadOnlyList<FootprintNode> Nodes,
    Pcr? Pcr = null,
    MonteCarloOptions? MonteCarlo = null,
    DataPeriod? DataPeriod = null);

/// <summary>One activity input's share of the footprint, with its factor's trace.</summary>
public sealed record FootprintInputResult(
    string Node, string Id, LifeStage Stage, string Activity, decimal Quantity, Unit Unit, decimal KgCo2e, decimal Share, bool Primary, ResolvedFactor Factor);

public sealed record FootprintNodeResult(string Node, string? Name, decimal Scaling, decimal KgCo2e);

/// <summary>An input not in the total: omitted under the cut-off (its estimate and share of total + omitted) or
/// outside the boundary.</summary>
public sealed record FootprintLeftOut(string Node, string Id, LifeStage Stage, decimal KgCo2e, decimal Share, string Reason);

/// <summary>The Monte Carlo summary and the distribution of its scores (<see cref="Histogram"/>, for a chart).</summary>
public sealed record MonteCarloResult(int Iterations, ulong Seed, decimal Mean, decimal Sd, decimal Percentile2Point5, decimal Percentile97Point5, ScoreHistogram Histogram);

/// <summary>Scores counted in equal bins from <paramref name="From"/>: bin i holds From + i·BinWidth ≤ score &lt;
/// From + (i+1)·BinWidth (the last bin includes the largest score).</summary>
public sealed record ScoreHistogram(decimal From, decimal BinWidth, IReadOnlyList<int> Counts)
{
    public const int Bins = 30;

    public static ScoreHistogram Of(double[] sorted)
    {
        var counts = new int[Bins];
        var min = sorted[0];
        var width = (sorted[^1] - min) / Bins;
        foreach (var v in sorted)
        {
            var bin = width <= 0 ? 0 : (int)((v - min) / width);
            counts[Math.Min(bin, Bins - 1)]++;
        }

        return new ScoreHistogram((decimal)min, (decimal)Math.Max(width, 0), counts);
    }

    // Two histograms are equal when their bins are: value equality over the counts, not the list's reference.
    public bool Equals(ScoreHistogram? other) => other is not null && From == other.From && BinWidth == other.BinWidth && Counts.SequenceEqual(other.Counts);

    public override int GetHashCode() => HashCode.Combine(From, BinWidth, Counts.Count);
}

public enum RuleStatus
{
    Pass,
    Fail,
    NotApplicable,
}

/// <summary>A rule's verdict with the numbers it compared, an English message, and what the message names
/// (<paramref name="Subjects"/>: stage codes, node/input ids, or the period's dates and justification) so a page can
/// say the same in another language.</summary>
public sealed record PcrRuleResult(string Id, RuleStatus Status, decimal? Value, decimal? Limit, string Message, IReadOnlyList<string>? Subjects = null);

public sealed record PcrCheck(string PcrId, string Version, IReadOnlyList<PcrRuleResult> Rules)
{
    public bool Passed => Rules.All(r => r.Status != RuleStatus.Fail);
}

/// <summary>How the system was solved: exactly in decimals along the graph when it has no loop, else numerically
/// (the method, its iterations and true relative residual).</summary>
public sealed record SolveTrace(string Method, int Iterations, double RelativeResidual);

public sealed record FootprintResult(
    GwpSet GwpSet,
    int Year,
    SystemBoundary Boundary,
    decimal TotalKgCo2e,
    decimal KgCo2ePerUnit,
    Unit FunctionalUnit,
    decimal FunctionalQuantity,
    IReadOnlyDictionary<LifeStage, decimal> ByStage,
    IReadOnlyList<FootprintNodeResult> ByNode,
    IReadOnlyList<FootprintInputResult> Inputs,
    decimal PrimaryDataShare,
    IReadOnlyList<FootprintLeftOut> Omitted,
    IReadOnlyList<FootprintLeftOut> Excluded,
    MonteCarloResult? MonteCarlo,
    PcrCheck? PcrCheck,
    SolveTrace Solve,
    IReadOnlyList<Inventory.CalculationWarning> Warnings);
