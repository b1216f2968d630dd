using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Jobs;
using Tanpan.Engine.Quantities;

namespace Tanpan.Web.Platform.Inputs;

// Input pieces shared by several contracts (inventory lines, jobs, work orders). Every field is nullable so that a
// missing field is reported by name instead of defaulting silently.

public sealed record PeriodDto(DateOnly? From, DateOnly? To);

public sealed record HeatValueDto(decimal? Value, string? Unit);

public sealed record CustomFactorDto(decimal? Value, string? Unit, string? Source);

public sealed record JobProcessDto(string? Name, IReadOnlyList<JobInputDto?>? Inputs);

public sealed record JobInputDto(string? Activity, decimal? Quantity, string? Unit, string? Use, string? Technology, HeatValueDto? HeatValue);

/// <summary>The one mapper from input fields to engine values: each reads a field, checks it against
/// <see cref="InputLimits"/>, and on failure adds a field error naming the path and what is allowed.</summary>
public static class ActivityInputs
{
    public const int MaxJobInputs = 2_000;

    public const string UnitExamples = "e.g. kWh, 度, L, 公秉, m3, 千立方公尺, kg, t";

    /// <summary>The contract's documented default is AR5 (the MOENV 2024 basis).</summary>
    public static GwpSet Gwp(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return GwpSet.Ar5;
        }

        if (GwpSets.TryParse(text, out var parsed))
        {
            return parsed.Value;
        }

        errors.Add(new(path, $"'{text}' is not a GWP set; allowed: {string.Join(", ", GwpSets.Codes)}", "gwp-set.unknown", Args("value", Shorten(text))));
        return GwpSet.Ar5;
    }

    public static CombustionUse? Use(string? text, string path, List<FieldError> errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "stationary":
                return CombustionUse.Stationary;
            case "mobile":
                return CombustionUse.Mobile;
            default:
                errors.Add(new(path, $"'{text}' is not allowed; allowed: stationary, mobile", "use.unknown"));
                return null;
        }
    }

    public static Unit? Unit(string? text, string path, List<FieldError> errors, bool required = true)
    {
        if (text is null)
        {
            if (required)
            {
                errors.Add(new(path, "required, " + UnitExamples, "unit.required"));
            }

            return null;
        }

        if (Units.TryParse(text, out var unit))
        {
            return unit;
        }

        errors.Add(new(path, $"'{Shorten(text)}' is not a known unit; allowed: {string.Join(", ", Units.Catalogue.Select(u => u.Code))} and 度, 公升, 公秉, 千立方公尺, 公斤, 公噸", "unit.unknown", Args("value", Shorten(text))));
        return null;
    }

    /// <summary>A quantity in 0 … <see cref="InputLimits.MaxQuantity"/>; <paramref name="positive"/> also refuses 0.</summary>
    public static decimal? Quantity(decimal? value, string path, List<FieldError> errors, bool required = true, bool positive = false)
    {
        if (value is not { } v)
        {
            if (required)
            {
                errors.Add(new(path, positive ? "required: a number > 0" : "required: a number ≥ 0", "quantity.required"));
            }

            return null;
        }

        if (v < 0 || (positive && v == 0) || v > InputLimits.MaxQuantity)
        {
            errors.Add(new(path, $"must be {(positive ? "greater than 0" : "zero or greater")} and at most 1e15", "quantity.range", Args("max", "1e15")));
            return null;
        }

        return v;
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>] (areas, densities, ratios).</summary>
    public static decimal? Number(decimal? value, string path, decimal min, decimal max, List<FieldError> errors, string what)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} ({what})"), "number.range", Args("min", min.ToString(CultureInfo.InvariantCulture), "max", max.ToString(CultureInfo.InvariantCulture))));
            return null;
        }

        return value;
    }

    public static int? Year(int? year, string path, List<FieldError> errors, bool required = false)
    {
        if (year is null)
        {
            if (required)
            {
                errors.Add(new(path, "required: a year, e.g. 2024", "year.required"));
            }

            return null;
        }

        if (!InputLimits.IsYear(year))
        {
            errors.Add(new(path, "must be a year " + InputLimits.YearRange, "year.range", Args("min", InputLimits.MinYear.ToString(CultureInfo.InvariantCulture), "max", InputLimits.MaxYear.ToString(CultureInfo.InvariantCulture))));
            return null;
        }

        return year;
    }

    public static DateOnly? Date(DateOnly? date, string path, List<FieldError> errors, bool required = true, string what = "a date (yyyy-MM-dd)")
    {
        if (date is not { } d)
        {
            if (required)
            {
                errors.Add(new(path, "required: " + what, "date.required"));
            }

            return null;
        }

        if (!InputLimits.IsDate(d))
        {
            errors.Add(new(path, "must be a date " + InputLimits.DateRange, "date.range", Args("min", InputLimits.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "max", InputLimits.MaxDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
            return null;
        }

        return d;
    }

    /// <summary>Text of at most <paramref name="max"/> characters (trimmed); null when blank.</summary>
    public static string? Text(string? text, string path, int max, List<FieldError> errors, bool required = false, string? what = null)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(new(path, $"required{(what is null ? string.Empty : ": " + what)}, up to {max} characters", "text.required", Args("max", max.ToString(CultureInfo.InvariantCulture))));
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"{trimmed.Length} characters; at most {max} allowed"), "text.too-long", Args("max", max.ToString(CultureInfo.InvariantCulture))));
            return null;
        }

        return trimmed;
    }

    public static Rate? HeatValue(HeatValueDto? dto, string path, List<FieldError> errors)
    {
        if (dto is null)
        {
            return null;
        }

        if (dto.Value is not { } value)
        {
            errors.Add(new(path + ".value", "required when heatValue is given, e.g. 8629", "heat-value.required"));
            return null;
        }

        if (value <= 0 || value > InputLimits.MaxQuantity)
        {
            errors.Add(new(path + ".value", "must be greater than 0 and at most 1e15", "heat-value.range"));
            return null;
        }

        if (!Rate.TryParse(value, dto.Unit, out var rate))
        {
            errors.Add(new(path + ".unit", $"'{Shorten(dto.Unit)}' is not energy per unit; use e.g. kcal/L, kcal/m3, kcal/kg, MJ/L", "heat-value.unit"));
            return null;
        }

        return rate;
    }

    /// <summary>A job's processes and inputs (paths <c>processes[p].inputs[i].…</c>); inputs that cannot be read
    /// are reported and left out, so every problem is reported in one answer.</summary>
    public static List<JobProcess> JobProcesses(IReadOnlyList<JobProcessDto?>? dtos, List<FieldError> errors)
    {
        var processes = new List<JobProcess>();
        if (dtos is null || dtos.Count == 0)
        {
            errors.Add(new("processes", "required: at least one process with inputs", "processes.required"));
            return processes;
        }

        if (dtos.Sum(p => p?.Inputs?.Count ?? 0) > MaxJobInputs)
        {
            errors.Add(new("processes", string.Create(CultureInfo.InvariantCulture, $"at most {MaxJobInputs} inputs per job"), "processes.too-many"));
            return processes;
        }

        for (var p = 0; p < dtos.Count; p++)
        {
            var process = dtos[p];
            var path = string.Create(CultureInfo.InvariantCulture, $"processes[{p}]");
            if (process is null)
            {
                errors.Add(new(path, "must be an object, not null", "object.null"));
                continue;
            }

            var name = process.Name?.Trim() ?? string.Empty;
            if (name.Length > 60)
            {
                errors.Add(new(path + ".name", "at most 60 characters", "text.too-long"));
            }

            var inputs = new List<JobInput>();
            for (var i = 0; i < (process.Inputs?.Count ?? 0); i++)
            {
                var input = process.Inputs![i];
                var inputPath = string.Create(CultureInfo.InvariantCulture, $"{path}.inputs[{i}]");
                if (input is null)
                {
                    errors.Add(new(inputPath, "must be an object, not null", "object.null"));
                    continue;
                }

                var before = errors.Count;
                if (string.IsNullOrWhiteSpace(input.Activity))
                {
                    errors.Add(new(inputPath + ".activity", "required, e.g. electricity.grid.tw, fuel.fuel-oil, fuel.natural-gas", "activity.required"));
                }
                else if (input.Activity.Length > 100)
                {
                    errors.Add(new(inputPath + ".activity", "at most 100 characters", "text.too-long"));
                }

                var quantity = Quantity(input.Quantity, inputPath + ".quantity", errors);
                var unit = Unit(input.Unit, inputPath + ".unit", errors);
                var use = Use(input.Use, inputPath + ".use", errors);
                var heat = HeatValue(input.HeatValue, inputPath + ".heatValue", errors);
                if (input.Technology?.Length > 40)
                {
                    errors.Add(new(inputPath + ".technology", "at most 40 characters", "text.too-long"));
                }

                if (errors.Count == before)
                {
                    inputs.Add(new JobInput(input.Activity!.Trim(), quantity!.Value, unit!, use, input.Technology, heat));
                }
            }

            processes.Add(new JobProcess(name, inputs));
        }

        return processes;
    }

    public static IReadOnlyDictionary<string, string> Args(params string[] pairs)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            args[pairs[i]] = pairs[i + 1];
        }

        return args;
    }

    /// <summary>An echoed value, cut so a hostile 100,000-character input is not sent back whole.</summary>
    public static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "…";
}
