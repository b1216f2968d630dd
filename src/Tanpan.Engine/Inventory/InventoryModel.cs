using Tanpan.Engine.Activities;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Inventory;

/// <summary>A billing or activity period, both ends inclusive.</summary>
public readonly record struct ActivityPeriod(DateOnly From, DateOnly To)
{
    public int InclusiveDays => To.DayNumber - From.DayNumber + 1;

    /// <summary>Days of this period inside calendar <paramref name="year"/> (0 when disjoint).</summary>
    public int InclusiveDaysIn(int year) =>
        InclusiveDaysWithin(new DateOnly(year, 1, 1).DayNumber, new DateOnly(year, 12, 31).DayNumber);

    /// <summary>Days of this period in each month of <paramref name="year"/> (months with none are omitted);
    /// used to spread a line's emissions over months in proportion to days.</summary>
    public IEnumerable<(int Month, int Days)> InclusiveDaysByMonthIn(int year)
    {
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(year, month, 1);
            var days = InclusiveDaysWithin(first.DayNumber, first.AddMonths(1).AddDays(-1).DayNumber);
            if (days > 0)
            {
                yield return (month, days);
            }
        }
    }

    /// <summary>Days of this period inside [<paramref name="firstDayNumber"/>, <paramref name="lastDayNumber"/>] (day numbers, inclusive).</summary>
    public int InclusiveDaysWithin(int firstDayNumber, int lastDayNumber) =>
        Math.Max(0, Math.Min(To.DayNumber, lastDayNumber) - Math.Max(From.DayNumber, firstDayNumber) + 1);
}

/// <summary>One line of activity data. Quantities are in <see cref="Unit"/>; conversion to the factor's unit is done by the engine.</summary>
public sealed record InventoryLine(
    string Id,
    IsoCategory Category,
    string Activity,
    decimal Quantity,
    Unit Unit,
    CombustionUse? Use = null,
    string? Technology = null,
    ActivityPeriod? Period = null,
    int? FactorYear = null,
    Rate? HeatValue = null,
    CustomFactor? CustomFactor = null,
    string? FactorSet = null);

/// <summary>An inventory to calculate: the reporting year bounds proration; the GWP set is explicit (no hidden default).</summary>
public sealed record InventoryRequest(int ReportingYear, GwpSet GwpSet, IReadOnlyList<InventoryLine> Lines, string? FactorSet = null);

public sealed record GasAmount(string Gas, string Group, decimal Kg, decimal Gwp, decimal KgCo2e);

/// <summary>Result of one line with its trace: the included (prorated) quantity, the factor and per-gas amounts.</summary>
public sealed record LineResult(
    int Index,
    InventoryLine Line,
    decimal IncludedQuantity,
    decimal QuantityInFactorUnit,
    bool Estimated,
    int? IncludedDays,
    int? PeriodDays,
    ResolvedFactor Factor,
    decimal KgCo2e)
{
    public bool ReportedSeparately => Factor.ReportedSeparately;

    public IReadOnlyList<GasAmount> Gases => Factor.Gases
        .Select(g => new GasAmount(g.Gas, g.Group, QuantityInFactorUnit * g.KgPerUnit, g.Gwp, QuantityInFactorUnit * g.KgCo2ePerUnit))
        .ToArray();
}

public sealed record CalculationWarning(string Path, string Message);

/// <summary>Totals in kgCO2e at full precision; round only on display.</summary>
public sealed record InventoryResult(
    int ReportingYear,
    GwpSet GwpSet,
    decimal TotalKgCo2e,
    IReadOnlyDictionary<string, decimal> ByScope,
    IReadOnlyDictionary<string, decimal> ByCategory,
    IReadOnlyDictionary<string, decimal> ByGas,
    IReadOnlyDictionary<string, decimal> ByGasGroup,
    IReadOnlyDictionary<string, decimal> SeparatelyReported,
    decimal EstimatedKgCo2e,
    decimal EstimatedShare,
    int LineCount,
    IReadOnlyList<LineResult> Lines,
    IReadOnlyList<CalculationWarning> Warnings);
