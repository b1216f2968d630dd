using Tanpan.Engine.Common;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Factors;

/// <summary>Validation of user- and company-supplied CO2e factors, shared by every way one enters the system.</summary>
public static class CustomFactorRules
{
    /// <summary>Parses a CO2e factor unit such as "kgCO2e/kWh", "tCO2e/t" or "gCO2e/L": the activity unit it is per,
    /// and the multiplier that turns its numerator into kg.</summary>
    public static bool TryParseUnit(string? text, out Unit? perUnit, out decimal toKilograms)
    {
        perUnit = null;
        toKilograms = 0;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0)
        {
            return false;
        }

        toKilograms = text[..slash].Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "KGCO2E" => 1m,
            "TCO2E" => 1000m,
            "GCO2E" => 0.001m,
            _ => 0m,
        };
        return toKilograms != 0 && Units.TryParse(text[(slash + 1)..], out perUnit);
    }

    /// <summary>Builds a custom factor; errors name the fields <c>value</c>, <c>unit</c> and <c>source</c>.</summary>
    public static Outcome<CustomFactor> Create(string code, decimal? value, string? unit, string? source, string? version = null, int? year = null)
    {
        var errors = new List<FieldError>();
        if (value is not { } v || v < 0)
        {
            errors.Add(new("value", "required: kgCO2e per unit, ≥ 0"));
        }

        if (!TryParseUnit(unit, out var perUnit, out var toKg))
        {
            errors.Add(new("unit", $"'{unit}' is not a CO2e factor unit; use kgCO2e/<unit>, tCO2e/<unit> or gCO2e/<unit>, e.g. kgCO2e/kWh"));
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add(new("source", "required: where the factor comes from (document, supplier, year)"));
        }

        return errors.Count > 0
            ? Outcome<CustomFactor>.Failure(errors)
            : Outcome<CustomFactor>.Success(new CustomFactor(code, value!.Value * toKg, perUnit!, source!.Trim(), version, year));
    }
}
