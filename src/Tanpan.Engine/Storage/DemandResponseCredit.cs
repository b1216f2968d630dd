using Tanpan.Engine.Common;

namespace Tanpan.Engine.Storage;

/// <summary>Credits of the obligated-storage demand-response measure for a year's window discharge (kWh). Both
/// options are computed so that the user can choose (shared/data/tariffs/README.md, obligated-storage section).</summary>
public static class DemandResponseCredit
{
    /// <summary>義務時數型: <see cref="DemandResponseTerms.HourlyTypeNtdPerKwh"/> for each kWh beyond obligated kW ×
    /// obligated hours (the announcement's 「超過400度之後」 read as obligated capacity × 400 h).</summary>
    /// <param name="kwh">Window discharge of the year, grid side.</param>
    /// <param name="obligatedKw">Obligated capacity.</param>
    /// <param name="terms">Credit terms.</param>
    public static decimal HourlyTypeNtd(decimal kwh, decimal obligatedKw, DemandResponseTerms terms) =>
        terms.HourlyTypeNtdPerKwh * Math.Max(0, kwh - (obligatedKw * terms.HourlyTypeObligatedHours));

    /// <summary>累進回饋型: each band pays its rate for the kWh that fall in it, with band edges at obligated kW ×
    /// hours (hours = cumulative kWh ÷ obligated kW, as the README reads the announcement).</summary>
    /// <param name="kwh">Window discharge of the year, grid side.</param>
    /// <param name="obligatedKw">Obligated capacity.</param>
    /// <param name="terms">Credit terms.</param>
    public static decimal ProgressiveTypeNtd(decimal kwh, decimal obligatedKw, DemandResponseTerms terms)
    {
        var credit = 0m;
        var bands = terms.ProgressiveBands;
        for (var i = 0; i < bands.Count; i++)
        {
            var from = obligatedKw * bands[i].FromHours;
            var inBand = kwh - from;
            if (i + 1 < bands.Count)
            {
                inBand = Math.Min(inBand, obligatedKw * (bands[i + 1].FromHours - bands[i].FromHours));
            }

            credit += Math.Max(0, inBand) * bands[i].NtdPerKwh;
        }

        return credit;
    }

    public static IReadOnlyList<FieldError> Validate(DemandResponseTerms terms, string path)
    {
        var errors = new List<FieldError>();
        if (terms.ObligatedKw is <= 0)
        {
            errors.Add(new($"{path}.obligatedKw", "must be greater than 0 (kW)", "storage.positive"));
        }

        if (terms.WindowHours <= 0)
        {
            errors.Add(new($"{path}.windowHours", "must be greater than 0 (hours)", "storage.positive"));
        }

        if (terms.HourlyTypeObligatedHours < 0)
        {
            errors.Add(new($"{path}.hourlyTypeObligatedHours", "must be zero or greater (hours)", "storage.nonNegative"));
        }

        if (terms.HourlyTypeNtdPerKwh < 0)
        {
            errors.Add(new($"{path}.hourlyTypeNtdPerKwh", "must be zero or greater (NT$/kWh)", "storage.nonNegative"));
        }

        var bands = terms.ProgressiveBands;
        for (var i = 0; i < bands.Count; i++)
        {
            var first = i == 0 ? bands[i].FromHours != 0 : bands[i].FromHours <= bands[i - 1].FromHours;
            if (first)
            {
                errors.Add(new($"{path}.progressiveBands[{i}].fromHours", "bands start at 0 hours and rise strictly", "storage.bands"));
            }

            if (bands[i].NtdPerKwh < 0)
            {
                errors.Add(new($"{path}.progressiveBands[{i}].ntdPerKwh", "must be zero or greater (NT$/kWh)", "storage.nonNegative"));
            }
        }

        return errors;
    }
}
