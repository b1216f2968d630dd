using Tanpan.Engine.Common;

namespace Tanpan.Engine.Storage;

/// <summary>Input of <see cref="StorageEconomics.Evaluate"/>.</summary>
/// <param name="AnnualSavingsNtd">First-year savings (bill before − bill after + credits), NT$/yr.</param>
/// <param name="CostNtd">Installed cost, paid at year 0.</param>
/// <param name="LifetimeYears">Years of operation counted (1–50).</param>
/// <param name="DiscountRate">Real discount rate per year, e.g. 0.05; ≥ 0.</param>
/// <param name="StateOfHealth">SOH in year 1 (1 for a new pack).</param>
/// <param name="SohLossPerYear">SOH points lost per year of use (calendar + cycling); savings scale with SOH ÷ year-1 SOH.</param>
/// <param name="OperationAndMaintenanceNtdPerYear">O&amp;M cost per year, NT$.</param>
/// <param name="EndOfLifeStateOfHealth">Below this SOH the pack is retired and earns nothing; null = never.</param>
public sealed record StorageEconomicsInput(
    decimal AnnualSavingsNtd,
    decimal CostNtd,
    int LifetimeYears,
    decimal DiscountRate,
    decimal StateOfHealth = 1m,
    decimal SohLossPerYear = 0m,
    decimal OperationAndMaintenanceNtdPerYear = 0m,
    decimal? EndOfLifeStateOfHealth = null);

/// <summary>One row of the cash-flow table; year 0 is the purchase.</summary>
public sealed record StorageCashFlowYear(int Year, decimal StateOfHealth, decimal SavingsNtd, decimal OperationAndMaintenanceNtd, decimal NetNtd, decimal DiscountedNtd, decimal CumulativeNtd, decimal CumulativeDiscountedNtd);

/// <summary>Economics: simple payback (undiscounted, interpolated within the year; null when the cumulative cash flow
/// never turns non-negative within the lifetime), NPV = −cost + Σ net_y ÷ (1 + r)^y, and the yearly table.</summary>
public sealed record StorageEconomicsResult(decimal? PaybackYears, decimal NpvNtd, IReadOnlyList<StorageCashFlowYear> CashFlows);

public static class StorageEconomics
{
    public static Outcome<StorageEconomicsResult> Evaluate(StorageEconomicsInput input)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return Outcome<StorageEconomicsResult>.Failure(errors);
        }

        var rows = new List<StorageCashFlowYear> { new(0, input.StateOfHealth, 0, 0, -input.CostNtd, -input.CostNtd, -input.CostNtd, -input.CostNtd) };
        var cumulative = -input.CostNtd;
        var npv = -input.CostNtd;
        var discount = 1m;
        decimal? payback = input.CostNtd == 0 ? 0 : null;
        for (var year = 1; year <= input.LifetimeYears; year++)
        {
            // SOH at the start of the year drives that year's savings (year 1 earns the full first-year savings).
            var soh = Math.Max(0, input.StateOfHealth - ((year - 1) * input.SohLossPerYear));
            var retired = input.EndOfLifeStateOfHealth is { } end && soh < end;
            var savings = retired ? 0 : input.AnnualSavingsNtd * soh / input.StateOfHealth;
            var om = retired ? 0 : input.OperationAndMaintenanceNtdPerYear;
            var net = savings - om;
            discount *= 1 + input.DiscountRate;
            var discounted = net / discount;
            if (payback is null && net > 0 && cumulative + net >= 0)
            {
                payback = year - 1 + (-cumulative / net);
            }

            cumulative += net;
            npv += discounted;
            rows.Add(new(year, soh, savings, om, net, discounted, cumulative, npv));
        }

        return Outcome<StorageEconomicsResult>.Success(new(payback, npv, rows));
    }

    private static List<FieldError> Validate(StorageEconomicsInput input)
    {
        var errors = new List<FieldError>();
        if (input.CostNtd < 0)
        {
            errors.Add(new("battery.costNtd", "must be zero or greater (NT$)", "storage.nonNegative"));
        }

        if (input.LifetimeYears is < 1 or > 50)
        {
            errors.Add(new("lifetimeYears", "must be from 1 to 50 (years)", "storage.range"));
        }

        if (input.DiscountRate is < 0 or >= 1)
        {
            errors.Add(new("discountRate", "must be from 0 up to (not including) 1, e.g. 0.05", "storage.range"));
        }

        if (input.StateOfHealth is <= 0 or > 1)
        {
            errors.Add(new("battery.stateOfHealth", "must be greater than 0 and at most 1", "storage.fraction"));
        }

        if (input.SohLossPerYear is < 0 or >= 1)
        {
            errors.Add(new("sohLossPerYear", "must be from 0 up to (not including) 1", "storage.range"));
        }

        if (input.OperationAndMaintenanceNtdPerYear < 0)
        {
            errors.Add(new("operationAndMaintenanceNtdPerYear", "must be zero or greater (NT$/yr)", "storage.nonNegative"));
        }

        return errors;
    }
}

/// <summary>Carbon of a dispatch with one grid factor: charging adds charged kWh × factor, discharging avoids
/// discharged kWh × factor. Both are kept; net = added − avoided, which equals losses × factor when the run ends at
/// its starting state of charge (a stored-energy change is counted as if it were consumed or supplied).</summary>
public sealed record StorageCarbon(decimal KgCo2eAdded, decimal KgCo2eAvoided, decimal NetKgCo2e);

public static class CarbonFromDispatch
{
    /// <param name="chargedKwh">Grid-side energy charged.</param>
    /// <param name="dischargedKwh">Grid-side energy discharged.</param>
    /// <param name="gridFactorKgCo2ePerKwh">Grid emission factor of the year (kgCO2e/kWh).</param>
    public static StorageCarbon Compute(decimal chargedKwh, decimal dischargedKwh, decimal gridFactorKgCo2ePerKwh)
    {
        var added = chargedKwh * gridFactorKgCo2ePerKwh;
        var avoided = dischargedKwh * gridFactorKgCo2ePerKwh;
        return new(added, avoided, added - avoided);
    }

    /// <param name="totals">Totals of a dispatch.</param>
    /// <param name="gridFactorKgCo2ePerKwh">Grid emission factor of the year (kgCO2e/kWh).</param>
    public static StorageCarbon Compute(DispatchTotals totals, decimal gridFactorKgCo2ePerKwh) =>
        Compute(totals.ChargedKwh, totals.DischargedKwh, gridFactorKgCo2ePerKwh);
}
