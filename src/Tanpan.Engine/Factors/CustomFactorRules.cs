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

    public const decimal MaxValue = 1e9m;

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Builds a custom factor; errors name the fields <c>value</c>, <c>unit</c> and <c>source</c>.</summary>
    public static Outcome<CustomFactor> Create(string code, decimal? value, string? unit, string? source, string? version = null, int? year = null)
    {
        var errors = new List<FieldError>();
        // 1e9 kgCO2e (a million tonnes) per unit is beyond any real factor; the bound keeps every product in range.
        if (value is not { } v || v < 0 || v > MaxValue)
        {
            errors.Add(new("value", "required: kgCO2e per unit, ≥ 0 and at most 1e9", "factor.value.range"));
        }

        if (unit?.Length > 40 || !TryParseUnit(unit, out var perUnit, out var toKg))
        {
            errors.Add(new("unit", $"'{Shorten(unit)}' is not a CO2e factor unit; use kgCO2e/<unit>, tCO2e/<unit> or gCO2e/<unit>, e.g. kgCO2e/kWh", "factor.unit.unknown"));
            perUnit = null;
            toKg = 0;
        }

        if (string.IsNullOrWhiteSpace(source) || source.Length > 1000)
        {
            errors.Add(new("source", "required: where the factor comes from (document, supplier, year), up to 1000 characters", "factor.source.required"));
        }

        if (version?.Length > 100)
        {
            errors.Add(new("version", "at most 100 characters", "text.too-long"));
        }

        return errors.Count > 0
            ? Outcome<CustomFactor>.Failure(errors)
            : Outcome<CustomFactor>.Success(new CustomFactor(code, value!.Value * toKg, perUnit!, source!.Trim(), version, year));
    }
}
