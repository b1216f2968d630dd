using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Inventory;

/// <summary>The energy fields of a Taipower bill (台電電費單): billing period and time-of-use kWh (尖峰 / 半尖峰 /
/// 週六半尖峰 / 離峰). Contract capacity is kept for later use (peak shaving) but does not change emissions.</summary>
public sealed record TaipowerBill(
    ActivityPeriod Period,
    decimal PeakKwh,
    decimal SemiPeakKwh,
    decimal SaturdaySemiPeakKwh,
    decimal OffPeakKwh,
    decimal? ContractCapacityKw = null)
{
    /// <summary>Billed energy: the sum of the time-of-use fields as entered.</summary>
    public decimal TotalKwh => PeakKwh + SemiPeakKwh + SaturdaySemiPeakKwh + OffPeakKwh;

    /// <summary>Field-level checks; paths are relative to the bill (e.g. <c>peakKwh</c>).</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        foreach (var (name, value) in new[] { ("peakKwh", PeakKwh), ("semiPeakKwh", SemiPeakKwh), ("saturdaySemiPeakKwh", SaturdaySemiPeakKwh), ("offPeakKwh", OffPeakKwh) })
        {
            if (value < 0)
            {
                errors.Add(new(name, "must be zero or greater (kWh / 度)", "bill.negative"));
            }
        }

        if (ContractCapacityKw < 0)
        {
            errors.Add(new("contractCapacityKw", "must be zero or greater (kW)", "bill.negative"));
        }

        if (Period.To < Period.From)
        {
            errors.Add(new("period.to", $"must be on or after period.from ({Period.From:yyyy-MM-dd})", "period.order", ErrorArgs.Of("from", Period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        }

        return errors;
    }

    /// <summary>The bill as an inventory line in category 2.1; the calculator prorates it to the reporting year.</summary>
    public InventoryLine ToLine(string id) =>
        new(id, IsoCategory.PurchasedElectricity, FactorLibrary.GridActivity, TotalKwh, Units.KilowattHour, Period: Period);
}
