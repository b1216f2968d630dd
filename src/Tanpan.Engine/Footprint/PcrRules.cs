using System.Globalization;

namespace Tanpan.Engine.Footprint;

/// <summary>Checks a footprint against its PCR. Every rule answers pass, fail or not applicable with the numbers it
/// compared ("omitted 3.1 % ≤ 5 %"), so a reviewer sees why, not only whether. Rule ids are the contract's:
/// <c>boundary</c>, <c>cutoff.single</c>, <c>cutoff.total</c>, <c>cutoff.coverage</c>, <c>primary-data</c>,
/// <c>data-period</c>.</summary>
public static class PcrRules
{
    public static PcrCheck Check(Pcr pcr, FootprintRequest request, FootprintResult result)
    {
        var rules = new List<PcrRuleResult> { Boundary(pcr, request.Boundary, result) };
        var omittedTotal = result.Omitted.Sum(o => o.KgCo2e);
        var lifeCycle = result.TotalKgCo2e + omittedTotal;

        if (result.Omitted.Count == 0)
        {
            rules.Add(new("cutoff.single", RuleStatus.NotApplicable, null, pcr.Cutoff.SingleMax, "no input is omitted"));
            rules.Add(new("cutoff.total", RuleStatus.NotApplicable, 0, pcr.Cutoff.TotalMax, "no input is omitted"));
        }
        else
        {
            var largest = result.Omitted.MaxBy(o => o.Share)!;
            var over = result.Omitted.Where(o => o.Share > pcr.Cutoff.SingleMax).ToList();
            rules.Add(new("cutoff.single", over.Count == 0 ? RuleStatus.Pass : RuleStatus.Fail, largest.Share, pcr.Cutoff.SingleMax, over.Count == 0
                ? $"largest omitted input {largest.Node}/{largest.Id} is {Pct(largest.Share)} ≤ {Pct(pcr.Cutoff.SingleMax)}"
                : $"omitted above {Pct(pcr.Cutoff.SingleMax)}: {string.Join(", ", over.Select(o => $"{o.Node}/{o.Id} {Pct(o.Share)}"))}",
                over.Count == 0 ? [largest.Id] : [.. over.Select(o => o.Id)]));
            var share = lifeCycle == 0 ? 0 : omittedTotal / lifeCycle;
            rules.Add(new("cutoff.total", share <= pcr.Cutoff.TotalMax ? RuleStatus.Pass : RuleStatus.Fail, share, pcr.Cutoff.TotalMax,
                $"omitted {Pct(share)} {(share <= pcr.Cutoff.TotalMax ? "≤" : ">")} {Pct(pcr.Cutoff.TotalMax)}"));
        }

        if (lifeCycle == 0)
        {
            rules.Add(new("cutoff.coverage", RuleStatus.NotApplicable, null, pcr.Cutoff.CoverageMin, "no emissions to cover"));
        }
        else
        {
            var coverage = result.TotalKgCo2e / lifeCycle;
            rules.Add(new("cutoff.coverage", coverage >= pcr.Cutoff.CoverageMin ? RuleStatus.Pass : RuleStatus.Fail, coverage, pcr.Cutoff.CoverageMin,
                $"counted {Pct(coverage)} {(coverage >= pcr.Cutoff.CoverageMin ? "≥" : "<")} {Pct(pcr.Cutoff.CoverageMin)} of total + omitted"));
        }

        rules.Add(PrimaryData(pcr, result));
        rules.Add(DataPeriod(pcr, request.DataPeriod));
        return new PcrCheck(pcr.Id, pcr.Version, rules);
    }

    private static PcrRuleResult Boundary(Pcr pcr, SystemBoundary boundary, FootprintResult result)
    {
        var missing = LifeStages.Codes.Select(c => c.Stage)
            .Where(s => pcr.IsMandatory(s, boundary) && result.Inputs.All(i => i.Stage != s))
            .ToList();
        var declaration = boundary == SystemBoundary.CradleToGate ? "B2B (cradle-to-gate)" : "B2C (cradle-to-grave)";
        return missing.Count == 0
            ? new("boundary", RuleStatus.Pass, null, null, $"{declaration}: every mandatory stage has counted inputs")
            : new("boundary", RuleStatus.Fail, missing.Count, 0, $"{declaration}: mandatory stage(s) without counted inputs: {string.Join(", ", missing.Select(s => s.Code()))}", [.. missing.Select(s => s.Code())]);
    }

    /// <summary>10.2.2: if the maker's own stage is below the threshold of the raw-material stage, the maker's and the
    /// suppliers' primary data together must reach it.</summary>
    private static PcrRuleResult PrimaryData(Pcr pcr, FootprintResult result)
    {
        var raw = result.ByStage.GetValueOrDefault(LifeStage.RawMaterials);
        var own = result.ByStage.GetValueOrDefault(LifeStage.Manufacturing);
        var limit = pcr.PrimaryData.Threshold;
        if (raw <= 0)
        {
            return new("primary-data", RuleStatus.NotApplicable, null, limit, "no raw-material emissions");
        }

        var ownShare = own / raw;
        if (ownShare >= limit)
        {
            return new("primary-data", RuleStatus.Pass, ownShare, limit, $"manufacturing is {Pct(ownShare)} of raw materials ≥ {Pct(limit)}: supplier primary data not required");
        }

        var supplierPrimary = result.Inputs.Where(i => i.Stage == LifeStage.RawMaterials && i.Primary).Sum(i => i.KgCo2e);
        var combined = (own + supplierPrimary) / raw;
        return new("primary-data", combined >= limit ? RuleStatus.Pass : RuleStatus.Fail, combined, limit,
            $"manufacturing is {Pct(ownShare)} of raw materials < {Pct(limit)}, so supplier primary data is required: manufacturing + supplier primary = {Pct(combined)} {(combined >= limit ? "≥" : "<")} {Pct(limit)}");
    }

    private static PcrRuleResult DataPeriod(Pcr pcr, DataPeriod? period)
    {
        var months = pcr.DataPeriod.Months;
        if (period is null)
        {
            return new("data-period", RuleStatus.Fail, null, months, $"the data period is not stated; the PCR asks for {months} months");
        }

        // 12 months = from a day to the day before it a year later (365 or 366 days inclusive).
        var expectedEnd = period.From.AddMonths(months).AddDays(-1);
        var covered = MonthsCovered(period.From, period.To);
        if (period.To == expectedEnd)
        {
            return new("data-period", RuleStatus.Pass, months, months, $"{period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}: {months} months", Dates(period));
        }

        return string.IsNullOrWhiteSpace(period.Justification)
            ? new("data-period", RuleStatus.Fail, covered, months, $"{period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd} is {covered.ToString("0.#", CultureInfo.InvariantCulture)} months, not {months}; state why (justification)", Dates(period))
            : new("data-period", RuleStatus.Pass, covered, months, $"{covered.ToString("0.#", CultureInfo.InvariantCulture)} months instead of {months}, justified: {period.Justification}", [.. Dates(period), period.Justification]);
    }

    private static string[] Dates(DataPeriod period) =>
        [period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];

    private static decimal MonthsCovered(DateOnly from, DateOnly to) => Math.Round((to.DayNumber - from.DayNumber + 1) / 30.436875m, 1);

    private static string Pct(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
