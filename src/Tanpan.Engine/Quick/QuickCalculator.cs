using Tanpan.Engine.Activities;
using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Quick;

/// <summary>A fuel used in the year, for the quick calculator.</summary>
public sealed record QuickFuel(string Activity, CombustionUse Use, decimal Quantity, Unit Unit, string? Technology = null);

/// <summary>The SME calculator's input (seed 001, steps ③–④): a year's electricity as bills or one annual figure, and fuels.</summary>
public sealed record QuickRequest(int Year, IReadOnlyList<TaipowerBill> Bills, decimal? AnnualKwh, IReadOnlyList<QuickFuel> Fuels);

/// <summary>One row of the result table (seed 001, step ⑤): kgCO2e and share of the total.</summary>
public sealed record QuickPart(string Key, decimal KgCo2e, decimal Share);

public sealed record QuickResult(QuickPart Stationary, QuickPart Mobile, QuickPart EnergyIndirect, decimal TotalKgCo2e, InventoryResult Detail)
{
    public IReadOnlyList<QuickPart> Parts => [Stationary, Mobile, EnergyIndirect];
}

/// <summary>The no-login SME calculator: direct stationary (1.1), direct mobile (1.2) and energy indirect (2.1)
/// emissions with their shares, computed by the inventory engine with the MOENV 2024 factors (AR5).</summary>
public sealed class QuickCalculator(InventoryCalculator calculator)
{
    public Outcome<QuickResult> Calculate(QuickRequest request)
    {
        var errors = new List<FieldError>();
        var lines = new List<InventoryLine>();
        var paths = new List<string>();
        for (var i = 0; i < request.Bills.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"bills[{i}]");
            errors.AddRange(request.Bills[i].Validate().Select(e => e with { Path = $"{path}.{e.Path}" }));
            lines.Add(request.Bills[i].ToLine(path));
            paths.Add(path);
        }

        if (request.AnnualKwh is { } annual)
        {
            if (annual < 0)
            {
                errors.Add(new("annualKwh", "must be zero or greater (kWh / 度)"));
            }

            if (request.Bills.Count > 0)
            {
                errors.Add(new("annualKwh", "give either bills or an annual total, not both (the electricity would count twice)"));
            }

            lines.Add(new InventoryLine("annualKwh", IsoCategory.PurchasedElectricity, FactorLibrary.GridActivity, annual, Units.KilowattHour));
            paths.Add("annualKwh");
        }

        for (var i = 0; i < request.Fuels.Count; i++)
        {
            var fuel = request.Fuels[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"fuels[{i}]");
            var category = fuel.Use == CombustionUse.Mobile ? IsoCategory.MobileCombustion : IsoCategory.StationaryCombustion;
            lines.Add(new InventoryLine(path, category, fuel.Activity, fuel.Quantity, fuel.Unit, fuel.Use, fuel.Technology));
            paths.Add(path);
        }

        if (errors.Count > 0)
        {
            return Outcome<QuickResult>.Failure(errors);
        }

        var outcome = calculator.Calculate(new InventoryRequest(request.Year, GwpSet.Ar5, lines, FactorLibrary.DefaultFuelSet));
        if (!outcome.Succeeded)
        {
            // The engine names lines[k]; the calculator's user knows them as bills[i] / fuels[i].
            return Outcome<QuickResult>.Failure(outcome.Errors.Select(e => e.Reindex("lines", k => paths[k])).ToArray());
        }

        var detail = outcome.Value;
        var total = detail.TotalKgCo2e;
        QuickPart Part(string key, IsoCategory category) =>
            new(key, detail.ByCategory[category.Code], total == 0 ? 0 : detail.ByCategory[category.Code] / total);
        return Outcome<QuickResult>.Success(new QuickResult(
            Part("stationary", IsoCategory.StationaryCombustion), Part("mobile", IsoCategory.MobileCombustion), Part("energyIndirect", IsoCategory.PurchasedElectricity), total, detail));
    }
}
