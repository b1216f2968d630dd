using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Inventory;

/// <summary>Scores for one indirect category (ISO 14064-1 §5.2.3: the organisation sets criteria and a threshold
/// for including categories 3–6). Each criterion is 1 (low) … 5 (high).</summary>
public sealed record SignificanceScores(int Magnitude, int LevelOfInfluence, int RiskOrOpportunity, int StakeholderConcern)
{
    public int Total => Magnitude + LevelOfInfluence + RiskOrOpportunity + StakeholderConcern;

    /// <summary>Significant when the total reaches the threshold, or magnitude or risk/opportunity is at its maximum
    /// (a very large or very risky source is reported even if the others are low; influence and stakeholder concern
    /// alone do not make a category significant).</summary>
    public bool IsSignificant(int threshold) => Total >= threshold || Magnitude == 5 || RiskOrOpportunity == 5;

    public static IReadOnlyList<FieldError> Validate(int? magnitude, int? influence, int? risk, int? stakeholder)
    {
        var errors = new List<FieldError>();
        foreach (var (name, value) in new[] { ("magnitude", magnitude), ("levelOfInfluence", influence), ("riskOrOpportunity", risk), ("stakeholderConcern", stakeholder) })
        {
            if (value is not (>= 1 and <= 5))
            {
                errors.Add(new(name, "required: a score from 1 (low) to 5 (high)"));
            }
        }

        return errors;
    }

    /// <summary>Indirect categories that need an assessment (3.1 … 5.4 and 6).</summary>
    public static IReadOnlyList<IsoCategory> Categories { get; } = IsoCategory.All.Where(c => c.Scope == 3).ToArray();
}
