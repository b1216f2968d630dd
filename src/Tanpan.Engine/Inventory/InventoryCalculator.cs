using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;

namespace Tanpan.Engine.Inventory;

/// <summary>Options that change what is returned, never what is computed.</summary>
public sealed record InventoryOptions(bool IncludeLines = true, int MaxWarnings = 200)
{
    public static readonly InventoryOptions Default = new();
    public static readonly InventoryOptions TotalsOnly = new(IncludeLines: false);
}

/// <summary>Organisational inventory per ISO 14064-1: Σ activity × factor_gas × GWP_gas per line, aggregated
/// by scope, category and gas. Factor resolution is cached per distinct query, so cost per line is a few
/// decimal multiplications. All lines are validated first; nothing is computed partially.</summary>
public sealed partial class InventoryCalculator(FactorResolver resolver)
{
    // Fixed chunk size keeps the summation order (and so every decimal digit) independent of the core count.
    private const int ChunkSize = 32_768;
    private const int MaxErrors = 200;

    private readonly FactorResolver _resolver = resolver;

    /// <summary>Quantities the engine accepts, in any unit (documented input range; see the web's InputLimits).</summary>
    public const decimal MaxQuantity = 1e15m;

    public Outcome<InventoryResult> Calculate(InventoryRequest request, InventoryOptions? options = null)
    {
        try
        {
            return CalculateChecked(request, options ?? InventoryOptions.Default);
        }
        catch (Exception ex) when (ex is OverflowException || (ex is AggregateException a && a.Flatten().InnerExceptions.All(e => e is OverflowException)))
        {
            // Within the input ranges a sum cannot overflow, but factors and heat values come from callers too:
            // a result beyond decimal's range is their input's error, never a crash.
            return Outcome<InventoryResult>.Failure([new FieldError("lines", "the result exceeds the range that can be calculated (about 7.9e28); check the quantities, heat values and factors", "calculation.overflow")]);
        }
    }

    private Outcome<InventoryResult> CalculateChecked(InventoryRequest request, InventoryOptions options)
    {
        if (request.ReportingYear is < 1990 or > 2100)
        {
            return Outcome<InventoryResult>.Failure("reportingYear", "must be a year between 1990 and 2100");
        }

        var lines = request.Lines;
        var chunkCount = (lines.Count + ChunkSize - 1) / ChunkSize;
        var run = new Run(this, request, options, parallel: chunkCount > 1);
        var chunks = new Chunk[chunkCount];
        if (chunkCount <= 1)
        {
            chunks = chunkCount == 0 ? [] : [run.Process(0, lines.Count)];
        }
        else
        {
            Parallel.For(0, chunkCount, c => chunks[c] = run.Process(c * ChunkSize, Math.Min(lines.Count, (c + 1) * ChunkSize)));
        }

        var errorCount = 0;
        foreach (var chunk in chunks)
        {
            errorCount += chunk.Errors.Count;
        }

        if (errorCount == 0)
        {
            return Outcome<InventoryResult>.Success(run.Merge(chunks));
        }

        var errors = chunks.SelectMany(c => c.Errors).Take(MaxErrors).ToList();
        if (errorCount > MaxErrors)
        {
            errors.Add(new FieldError("lines", $"{errorCount - MaxErrors} more errors not listed"));
        }

        return Outcome<InventoryResult>.Failure(errors);
    }
}
