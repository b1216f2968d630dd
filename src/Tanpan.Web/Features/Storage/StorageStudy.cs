using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Storage;
using Tanpan.Engine.Tariffs;

namespace Tanpan.Web.Features.Storage;

/// <summary>What a storage study is asked: a load profile on a Taipower schedule, a battery and how it is run.</summary>
public sealed record StorageStudyInput(
    int IntervalMinutes, DateTimeOffset Start, IReadOnlyList<decimal> LoadKw, string TariffId, decimal ContractCapacityKw, Battery Battery,
    StorageStrategy Strategy, decimal? TargetKw, int GridFactorYear, int LifetimeYears, decimal DiscountRate, decimal SohLossPerYear, decimal OperationAndMaintenanceNtdPerYear);

/// <summary>Savings by bill component (NT$ a year, after annualising a shorter profile).</summary>
public sealed record StorageSavings(decimal BasicChargeNtd, decimal EnergyChargeNtd, decimal OverContractPenaltyNtd, decimal DemandResponseCreditNtd)
{
    public decimal TotalNtd => BasicChargeNtd + EnergyChargeNtd + OverContractPenaltyNtd + DemandResponseCreditNtd;
}

/// <summary>One study: the dispatch, the bills before (at the given contract) and after (at the recommended one), the
/// money and the carbon from the same dispatch, and the notes saying what was assumed.</summary>
public sealed record StorageStudyResult(
    StorageStudyInput Input, TariffSchedule Schedule, DateTime LocalStart, IReadOnlyList<IntervalTariff> Tariffs, StorageDispatchResult Dispatch,
    BillResult BillBefore, BillResult BillAfter, int RecommendedContractKw, decimal CoveredDays, decimal AnnualisationFactor, StorageSavings SavingsPerYear,
    string DemandResponseOption, StorageEconomicsResult Economics, StorageCarbon Carbon, ResolvedFactor GridFactor, IReadOnlyList<BillNote> Notes);

public static class StorageStudy
{
    public const int MaxIntervals = 366 * 96;

    /// <summary>Runs the study; errors carry the request's field paths.</summary>
    public static Outcome<StorageStudyResult> Run(StorageStudyInput input, TariffLibrary tariffs, FactorResolver factors)
    {
        var zone = Platform.Localization.TaipeiTime.Zone;
        var localStart = TimeZoneInfo.ConvertTime(input.Start, zone).DateTime;
        var schedule = tariffs.Find(input.TariffId, DateOnly.FromDateTime(localStart));
        if (schedule is null)
        {
            return Outcome<StorageStudyResult>.Failure("tariff.id", $"no version of '{input.TariffId}' is in force on {localStart:yyyy-MM-dd}; its versions start {string.Join(", ", tariffs.Versions(input.TariffId).Select(v => v.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        var grid = factors.Resolve(new FactorQuery(FactorLibrary.GridActivity, GwpSet.Ar5, input.GridFactorYear));
        if (!grid.Succeeded)
        {
            return Outcome<StorageStudyResult>.Failure("gridFactorYear", $"no Taiwan grid factor for {input.GridFactorYear}; the library has the years it publishes (2005 onwards)");
        }

        var contract = new ContractCapacity(input.ContractCapacityKw);
        var check = contract.Check(schedule.Voltage);
        if (check.Errors.Count > 0)
        {
            return Outcome<StorageStudyResult>.Failure(check.Errors.Select(e => e with { Path = "tariff.contractCapacityKw" }).ToArray());
        }

        var step = TimeSpan.FromMinutes(input.IntervalMinutes);
        var periods = new IntervalTariff[input.LoadKw.Count];
        for (var i = 0; i < periods.Length; i++)
        {
            periods[i] = schedule.Classify(localStart + (step * i));
        }

        var dispatched = StorageDispatch.Run(new StorageDispatchInput(input.IntervalMinutes, localStart, input.LoadKw, periods, input.Battery, input.Strategy, input.TargetKw));
        if (!dispatched.Succeeded)
        {
            return Outcome<StorageStudyResult>.Failure(dispatched.Errors);
        }

        var dispatch = dispatched.Value;
        var before = TariffBilling.TryBill(schedule, contract, input.IntervalMinutes, localStart, input.LoadKw);
        if (!before.Succeeded)
        {
            return Outcome<StorageStudyResult>.Failure(before.Errors);
        }

        // The battery's point is often a smaller contract: bill the grid draw at the cheapest contract for it.
        var gridKw = dispatch.GridKw;
        var minimum = schedule.Voltage == VoltageClass.Low ? 1 : 100;
        var maximum = Math.Max(minimum + 1, (int)Math.Ceiling(Math.Max(dispatch.PeakBeforeKw, input.ContractCapacityKw) * 1.1m) + 1);
        var optimum = ContractOptimizer.Minimize(c => TariffBilling.Bill(schedule, new ContractCapacity(c), input.IntervalMinutes, localStart, gridKw).TotalNtd, minimum, maximum);
        var recommended = optimum.Succeeded ? optimum.Value.ContractKw : (int)Math.Ceiling(input.ContractCapacityKw);
        var after = TariffBilling.Bill(schedule, new ContractCapacity(recommended), input.IntervalMinutes, localStart, gridKw);

        var coveredDays = input.LoadKw.Count * (decimal)input.IntervalMinutes / 1440m;
        var annualise = coveredDays >= 365m ? 1m : 365m / coveredDays;
        // The surcharge is a monthly charge on the month's peak, not prorated by day: a shorter profile stands for each
        // month it touches, so it counts twelve months' worth, not 365 days' worth.
        var monthly = coveredDays >= 365m ? 1m : 12m / Math.Max(1, before.Value.Months.Count);
        var dr = dispatch.DemandResponse;
        var (creditOption, credit) = dr is null ? ("none", 0m)
            : dr.HourlyTypeCreditNtd >= dr.ProgressiveTypeCreditNtd ? ("hourly", dr.HourlyTypeCreditNtd) : ("progressive", dr.ProgressiveTypeCreditNtd);
        var savings = new StorageSavings(
            (before.Value.BasicChargeNtd - after.BasicChargeNtd) * annualise,
            (before.Value.EnergyChargeNtd - after.EnergyChargeNtd) * annualise,
            (before.Value.OverContractSurchargeNtd - after.OverContractSurchargeNtd) * monthly,
            credit * annualise);
        var economics = StorageEconomics.Evaluate(new StorageEconomicsInput(
            savings.TotalNtd, input.Battery.CostNtd, input.LifetimeYears, input.DiscountRate, input.Battery.StateOfHealth, input.SohLossPerYear, input.OperationAndMaintenanceNtdPerYear));
        if (!economics.Succeeded)
        {
            return Outcome<StorageStudyResult>.Failure(economics.Errors);
        }

        var carbon = CarbonFromDispatch.Compute(dispatch.Totals, grid.Value.KgCo2ePerUnit);
        var notes = new List<BillNote>(before.Value.Notes);
        if (annualise != 1m)
        {
            notes.Add(new("storage.annualised", $"The profile covers {coveredDays:0.##} days; energy, basic-charge and credit savings are scaled to a year (× {annualise:0.####}) and over-contract savings to twelve months (× {monthly:0.####}), so seasons missing from the profile are assumed like those in it."));
        }

        if (dr is not null)
        {
            notes.Add(new("storage.dr-option", $"The demand-response credit takes the better of the two announced options for this dispatch ({(creditOption == "hourly" ? "義務時數型 obligated hours" : "累進回饋型 progressive")})."));
        }

        return Outcome<StorageStudyResult>.Success(new StorageStudyResult(
            input, schedule, localStart, periods, dispatch, before.Value, after, recommended, coveredDays, annualise, savings, creditOption, economics.Value, carbon, grid.Value, notes));
    }
}
