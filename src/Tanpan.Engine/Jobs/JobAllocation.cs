using Tanpan.Engine.Common;

namespace Tanpan.Engine.Jobs;

/// <summary>How a work order's energy was obtained, and so how the entered quantities become the job's own:
/// entered per job (<see cref="Direct"/>), a mixed batch's energy times the job's mix ratio
/// (<see cref="BatchShare"/>), or metered energy shared out by a key (<see cref="ByKey"/>). Explicit on every
/// request: there is no default that silently scales quantities.</summary>
public abstract record JobAllocation
{
    private protected JobAllocation()
    {
    }

    /// <summary>The inputs are the job's own.</summary>
    public static JobAllocation Direct { get; } = new DirectAllocation();

    /// <summary>The job's quantity of an entered (batch or metered) quantity.</summary>
    public abstract decimal Apply(decimal enteredQuantity);

    /// <summary>Checks the parameters; paths are relative to the request (<c>mixRatioPercent</c>, <c>allocation.key</c>).</summary>
    public abstract IReadOnlyList<FieldError> Validate();

    private sealed record DirectAllocation : JobAllocation
    {
        public override decimal Apply(decimal enteredQuantity) => enteredQuantity;

        public override IReadOnlyList<FieldError> Validate() => [];
    }
}

/// <summary>A job's part of a mixed batch: batch quantity × mix ratio (%).</summary>
public sealed record BatchShare(decimal MixRatioPercent) : JobAllocation
{
    public override decimal Apply(decimal enteredQuantity) => enteredQuantity * MixRatioPercent / 100m;

    public override IReadOnlyList<FieldError> Validate() =>
        MixRatioPercent is > 0 and <= 100 ? [] : [new FieldError("mixRatioPercent", "must be greater than 0 and at most 100 (% of the batch this job takes)", "job.mix-ratio.range")];
}

/// <summary>The job's share of metered energy: energy × the job's key value ÷ the batch's (or period's) total.</summary>
public sealed record ByKey(AllocationKey Key, decimal JobValue, decimal TotalValue) : JobAllocation
{
    public override decimal Apply(decimal enteredQuantity) => enteredQuantity * JobValue / TotalValue;

    public override IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (TotalValue <= 0)
        {
            errors.Add(new("allocation.totalValue", "required: the batch's or period's total of the key (> 0)", "job.allocation.total"));
        }

        if (JobValue < 0 || JobValue > TotalValue)
        {
            errors.Add(new("allocation.jobValue", "required: this job's value of the key, between 0 and totalValue", "job.allocation.job-value"));
        }

        return errors;
    }
}

/// <summary>Keys by which a batch's or a period's metered energy is shared out among jobs.</summary>
public enum AllocationKey
{
    Mass,
    Area,
    Pieces,
    RackHours,
    AmpereHours,
}

public static class AllocationKeys
{
    private static readonly (AllocationKey Key, string Code)[] Table =
    [
        (AllocationKey.Mass, "mass"), (AllocationKey.Area, "area"), (AllocationKey.Pieces, "pieces"),
        (AllocationKey.RackHours, "rack-hours"), (AllocationKey.AmpereHours, "ampere-hours"),
    ];

    public static IReadOnlyList<string> Codes { get; } = Table.Select(t => t.Code).ToArray();

    public static string Code(this AllocationKey key) => Table.First(t => t.Key == key).Code;

    public static bool TryParse(string? code, out AllocationKey key)
    {
        foreach (var (k, c) in Table)
        {
            if (string.Equals(c, code?.Trim(), StringComparison.Ordinal))
            {
                key = k;
                return true;
            }
        }

        key = default;
        return false;
    }
}
