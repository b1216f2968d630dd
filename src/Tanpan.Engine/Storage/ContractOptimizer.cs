using Tanpan.Engine.Common;

namespace Tanpan.Engine.Storage;

/// <summary>The contract capacity found cheapest, its annual cost and how many times the cost function ran.</summary>
public sealed record ContractOptimum(int ContractKw, decimal AnnualCostNtd, int Evaluations);

/// <summary>Finds the integer contract capacity (kW) with the lowest annual cost. The cost (basic charge rising with
/// the contract, over-contract surcharge falling with it) is piecewise linear and usually convex, but period
/// contracts and tiered surcharges can make it lumpy, so: a coarse scan, then every integer kW around the best
/// few coarse local minima. Exact for convex costs; for others, exact whenever each dip is wider than the step.</summary>
public static class ContractOptimizer
{
    /// <param name="annualCostNtd">Annual cost for a contract capacity (the billing engine supplies it); called once per kW at most.</param>
    /// <param name="minKw">Smallest contract considered.</param>
    /// <param name="maxKw">Largest contract considered.</param>
    /// <param name="coarseStepKw">Coarse step; null = span ÷ 100, at least 1.</param>
    /// <param name="candidates">How many coarse local minima to refine around.</param>
    public static Outcome<ContractOptimum> Minimize(Func<decimal, decimal> annualCostNtd, int minKw, int maxKw, int? coarseStepKw = null, int candidates = 3)
    {
        var errors = new List<FieldError>();
        if (minKw < 0)
        {
            errors.Add(new("contractBounds.minKw", "must be zero or greater (kW)", "storage.nonNegative"));
        }

        if (maxKw < minKw)
        {
            errors.Add(new("contractBounds.maxKw", "must be at least the minimum (kW)", "storage.range"));
        }

        if (coarseStepKw is < 1)
        {
            errors.Add(new("contractBounds.stepKw", "must be at least 1 (kW)", "storage.range"));
        }

        if (candidates < 1)
        {
            errors.Add(new("contractBounds.candidates", "must be at least 1", "storage.range"));
        }

        if (errors.Count > 0)
        {
            return Outcome<ContractOptimum>.Failure(errors);
        }

        var costs = new Dictionary<int, decimal>();
        decimal Cost(int kw)
        {
            if (!costs.TryGetValue(kw, out var cost))
            {
                cost = annualCostNtd(kw);
                costs[kw] = cost;
            }

            return cost;
        }

        var step = coarseStepKw ?? Math.Max(1, (maxKw - minKw) / 100);
        var coarse = new List<int>();
        for (var kw = minKw; kw < maxKw; kw += step)
        {
            coarse.Add(kw);
        }

        coarse.Add(maxKw);
        var minima = coarse.Where((kw, i) => (i == 0 || Cost(kw) <= Cost(coarse[i - 1])) && (i == coarse.Count - 1 || Cost(kw) <= Cost(coarse[i + 1])))
            .OrderBy(Cost).ThenBy(kw => kw).Take(candidates).ToList();
        foreach (var centre in minima)
        {
            for (var kw = Math.Max(minKw, centre - step + 1); kw <= Math.Min(maxKw, centre + step - 1); kw++)
            {
                Cost(kw);
            }
        }

        var best = costs.OrderBy(c => c.Value).ThenBy(c => c.Key).First();
        return Outcome<ContractOptimum>.Success(new(best.Key, best.Value, costs.Count));
    }
}
