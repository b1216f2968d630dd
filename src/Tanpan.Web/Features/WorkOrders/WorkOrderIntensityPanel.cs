using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>For job shops, on the dashboard: kgCO2e per kg processed and per m² plated, month by month, from the
/// year's work orders. Orders counted in pieces contribute to the per-m² figure through their plated area; orders
/// counted by mass to the per-kg figure.</summary>
public sealed class WorkOrderIntensityPanel(TanpanDb db) : IDashboardPanelSource
{
    public async Task<DashboardPanel?> BuildAsync(HttpContext context, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var orders = await db.WorkOrders.AsNoTracking().Where(w => w.ProcessedOn >= from && w.ProcessedOn <= to)
            .Select(w => new { w.ProcessedOn, w.TotalKgCo2e, w.Quantity, w.QuantityUnit, w.AreaCm2 }).ToListAsync(ct);
        if (orders.Count == 0)
        {
            return null;
        }

        var intensity = IntensityByMonth(orders.Select(o => (o.ProcessedOn, o.TotalKgCo2e, o.Quantity, o.QuantityUnit, o.AreaCm2)));
        var months = context.MonthNames();
        var body = Charts.Render("work-order-intensity", context.T($"{year} 年工單碳排強度", $"{year} work-order intensity"), new ChartSpec("line", "kgCO2e", months,
        [
            new(context.T("每公斤 kgCO2e/kg", "kgCO2e per kg"), intensity.PerKg),
            new(context.T("每平方公尺 kgCO2e/m²", "kgCO2e per m²"), intensity.PerSquareMetre),
        ]), format: "N4", small: true);
        var summary = context.T($"{orders.Count} 張工單", $"{orders.Count} work orders");
        return new DashboardPanel(context.T("工單碳排強度（每月）", "Work-order intensity by month") + $" · {summary}", body);
    }

    /// <summary>Per month: Σ kgCO2e ÷ Σ kg of the mass-counted orders, and Σ kgCO2e ÷ Σ m² of the orders with a plated
    /// area; null for a month without such orders.</summary>
    public static (decimal?[] PerKg, decimal?[] PerSquareMetre) IntensityByMonth(IEnumerable<(DateOnly On, decimal KgCo2e, decimal Quantity, string Unit, decimal? AreaCm2)> orders)
    {
        var kg = new decimal[12];
        var kgEmissions = new decimal[12];
        var m2 = new decimal[12];
        var m2Emissions = new decimal[12];
        foreach (var order in orders)
        {
            var month = order.On.Month - 1;
            if (Units.TryParse(order.Unit, out var unit) && unit.Dimension == Dimension.Mass)
            {
                kg[month] += unit.Convert(order.Quantity, Units.Kilogram);
                kgEmissions[month] += order.KgCo2e;
            }

            if (order.AreaCm2 is > 0 and { } area)
            {
                m2[month] += Units.SquareCentimetre.Convert(area, Units.SquareMetre);
                m2Emissions[month] += order.KgCo2e;
            }
        }

        return (
            Enumerable.Range(0, 12).Select(m => kg[m] == 0 ? (decimal?)null : Math.Round(kgEmissions[m] / kg[m], 6)).ToArray(),
            Enumerable.Range(0, 12).Select(m => m2[m] == 0 ? (decimal?)null : Math.Round(m2Emissions[m] / m2[m], 6)).ToArray());
    }
}
