using System.Globalization;
using System.Text.RegularExpressions;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Tariffs;

/// <summary>Reads the two tariff files with an error per row and column (path <c>file:line:column</c>, line 1 =
/// header). Rows are numbered by record, which equals the file line while no field spans lines.</summary>
internal static partial class TariffCsv
{
    public static readonly string[] PriceColumns = ["schedule_id", "voltage", "stages", "effective_from", "season", "component", "period", "value", "unit", "source", "verification", "notes"];
    public static readonly string[] BandColumns = ["schedule_id", "effective_from", "season", "day_type", "period", "start", "end", "source", "verification"];

    private const int MaxRows = 5000;
    private static readonly string[] Verifications = ["verified", "secondary", "UNVERIFIED"];

    public static (List<TariffRow> Rows, List<FieldError> Errors) ReadPrices(string text, string file)
    {
        var rows = new List<TariffRow>();
        var errors = new List<FieldError>();
        foreach (var (line, get) in Records(text, file, PriceColumns, errors))
        {
            var err = errors.Count;
            var id = get("schedule_id");
            if (!IdPattern().IsMatch(id))
            {
                errors.Add(Error(file, line, "schedule_id", "must be a schedule id of lower-case letters, digits and '-' (e.g. taipower-hv-3tou)", "tariff.id"));
            }

            var voltage = get("voltage");
            var stages = get("stages");
            var component = get("component");
            var dr = component == TariffLabels.DemandResponseCredit;
            if (!dr && TariffLabels.Voltage(voltage) is null)
            {
                errors.Add(Error(file, line, "voltage", "must be low, high or extra_high", "tariff.voltage"));
            }

            if (!dr && TariffLabels.Structure(stages) is null)
            {
                errors.Add(Error(file, line, "stages", "must be 2, 3 or batch", "tariff.stages"));
            }

            var effective = ParseDate(get("effective_from"));
            if (effective is null)
            {
                errors.Add(Error(file, line, "effective_from", "must be a date yyyy-MM-dd between 1912-01-01 and 2100-12-31", "tariff.date"));
            }

            var season = get("season");
            var period = get("period");
            var unit = get("unit");
            var (seasonOk, periodOk, expectedUnit) = component switch
            {
                TariffLabels.BasicCharge => (TariffLabels.Season(season) is not null, TariffLabels.Contract(period) is not null, "NT$/kW/month"),
                TariffLabels.EnergyCharge => (TariffLabels.Season(season) is not null, TariffLabels.Period(period) is not null, "NT$/kWh"),
                TariffLabels.CustomerCharge => (season == "all", period == "-", "NT$/customer/month"),
                TariffLabels.OverContractSurcharge => (season == "all", period == "-", "multiple of the applicable basic charge per excess kW"),
                TariffLabels.DemandResponseCredit => (season == "all", period == "-", "NT$/kWh discharged"),
                _ => (true, true, (string?)null),
            };
            if (expectedUnit is null)
            {
                errors.Add(Error(file, line, "component", "must be basic_charge, energy_charge, customer_charge or over_contract_surcharge", "tariff.component"));
            }
            else
            {
                if (!seasonOk)
                {
                    errors.Add(Error(file, line, "season", component is TariffLabels.BasicCharge or TariffLabels.EnergyCharge ? "must be summer or non_summer" : "must be all", "tariff.season"));
                }

                if (!periodOk)
                {
                    errors.Add(Error(file, line, "period", component switch
                    {
                        TariffLabels.BasicCharge => "must be a contract type: regular, semi_peak, non_summer, saturday_semi_peak or off_peak",
                        TariffLabels.EnergyCharge => "must be an energy period: peak, semi_peak, saturday_semi_peak or off_peak",
                        _ => "must be -",
                    }, "tariff.period"));
                }

                if (unit != expectedUnit)
                {
                    errors.Add(Error(file, line, "unit", $"must be {expectedUnit}", "tariff.unit"));
                }
            }

            var valueOk = decimal.TryParse(get("value"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 100_000m;
            if (!valueOk)
            {
                errors.Add(Error(file, line, "value", "must be a number from 0 to 100000 (NT$, or a multiplier), with '.' as decimal point", "tariff.value"));
            }

            if (get("source").Trim().Length == 0)
            {
                errors.Add(Error(file, line, "source", "must name where the value was read (document, page, address)", "tariff.source"));
            }

            if (!Verifications.Contains(get("verification"), StringComparer.Ordinal))
            {
                errors.Add(Error(file, line, "verification", "must be verified, secondary or UNVERIFIED", "tariff.verification"));
            }

            if (errors.Count == err)
            {
                rows.Add(new TariffRow(line, id, voltage, stages, effective!.Value, season, component, period, value, unit, get("source"), get("verification"), get("notes")));
            }
        }

        return (rows, errors);
    }

    public static (List<TariffBand> Bands, List<FieldError> Errors) ReadBands(string text, string file)
    {
        var bands = new List<TariffBand>();
        var errors = new List<FieldError>();
        foreach (var (line, get) in Records(text, file, BandColumns, errors))
        {
            var err = errors.Count;
            var effective = ParseDate(get("effective_from"));
            var season = TariffLabels.Season(get("season"));
            var dayType = TariffLabels.DayType(get("day_type"));
            var period = TariffLabels.Period(get("period"));
            var start = Minute(get("start"));
            var end = Minute(get("end"));
            if (!IdPattern().IsMatch(get("schedule_id")))
            {
                errors.Add(Error(file, line, "schedule_id", "must be a schedule id of lower-case letters, digits and '-'", "tariff.id"));
            }

            if (effective is null)
            {
                errors.Add(Error(file, line, "effective_from", "must be a date yyyy-MM-dd between 1912-01-01 and 2100-12-31", "tariff.date"));
            }

            if (season is null)
            {
                errors.Add(Error(file, line, "season", "must be summer or non_summer", "tariff.season"));
            }

            if (dayType is null)
            {
                errors.Add(Error(file, line, "day_type", "must be weekday, saturday or sunday_holiday", "tariff.day-type"));
            }

            if (period is null)
            {
                errors.Add(Error(file, line, "period", "must be peak, semi_peak, saturday_semi_peak or off_peak", "tariff.period"));
            }

            if (start is null or 1440 || start % 15 != 0)
            {
                errors.Add(Error(file, line, "start", "must be a time HH:mm from 00:00 to 23:45 on a quarter hour", "tariff.time"));
            }

            if (end is null or 0 || end % 15 != 0 || (start is not null && end <= start))
            {
                errors.Add(Error(file, line, "end", "must be a time HH:mm after start, on a quarter hour, up to 24:00", "tariff.time"));
            }

            if (errors.Count == err)
            {
                bands.Add(new TariffBand(get("schedule_id"), effective!.Value, season!.Value, dayType!.Value, period!.Value, start!.Value, end!.Value, get("source"), get("verification")));
            }
        }

        return (bands, errors);
    }

    public static FieldError Error(string file, int line, string column, string message, string code) =>
        new($"{file}:{line}:{column}", message, code);

    private static IEnumerable<(int Line, Func<string, string> Get)> Records(string text, string file, string[] columns, List<FieldError> errors)
    {
        var raw = Csv.ParseRows(text.TrimStart('\uFEFF'));
        if (raw.Count == 0)
        {
            errors.Add(new($"{file}:1", $"is empty; the first line must be the header {string.Join(',', columns)}", "tariff.empty"));
            yield break;
        }

        var header = raw[0].Select(h => h.Trim()).ToList();
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        foreach (var column in missing)
        {
            errors.Add(new($"{file}:1:{column}", $"column missing; the header must be {string.Join(',', columns)}", "tariff.header"));
        }

        if (missing.Count > 0)
        {
            yield break;
        }

        if (raw.Count - 1 > MaxRows)
        {
            errors.Add(new($"{file}:{MaxRows + 2}", $"too many rows; at most {MaxRows}", "tariff.rows"));
            yield break;
        }

        var index = columns.ToDictionary(c => c, c => header.IndexOf(c), StringComparer.Ordinal);
        for (var i = 1; i < raw.Count; i++)
        {
            var row = raw[i];
            if (row.Count == 1 && row[0].Trim().Length == 0)
            {
                continue;
            }

            if (row.Count != header.Count)
            {
                errors.Add(new($"{file}:{i + 1}", $"has {row.Count} fields, the header has {header.Count}", "tariff.fields"));
                continue;
            }

            yield return (i + 1, c => row[index[c]].Trim());
        }
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1912 and <= 2100 ? d : null;

    private static int? Minute(string text)
    {
        if (text == "24:00")
        {
            return 1440;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? (t.Hour * 60) + t.Minute : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();
}
