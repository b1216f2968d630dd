using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Sheets;

/// <summary>Typed reads of spreadsheet cells (MiniExcel rows) that turn bad values into cell-addressed field errors.</summary>
public static class SheetCells
{
    public static object? Get(IDictionary<string, object?> row, string column) => row.TryGetValue(column, out var value) ? value : null;

    public static bool IsBlank(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    public static string? Text(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column) =>
        Get(row, columns[column]) is { } v && !IsBlank(v) ? Convert.ToString(v, CultureInfo.InvariantCulture)!.Trim() : null;

    public static decimal? Number(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors)
    {
        var value = Get(row, columns[column]);
        switch (value)
        {
            case null:
                return null;
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case double d:
                // Excel stores doubles; the shortest round-trip text is the number the user typed.
                return decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            case decimal m:
                return m;
            case int or long:
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        }

        if (decimal.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add(new(cell, $"'{value}' is not a number"));
        return null;
    }

    public static DateOnly? Date(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors)
    {
        var value = Get(row, columns[column]);
        switch (value)
        {
            case DateTime dt:
                return DateOnly.FromDateTime(dt);
            case double serial:
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new(cell, "required: a date (yyyy-MM-dd)"));
            return null;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new(cell, $"'{text}' is not a date (yyyy-MM-dd)"));
        return null;
    }

    /// <summary>"活動數據!D5" style address of a 0-based column and 1-based row.</summary>
    public static string Address(string sheet, int column, int row) => string.Create(CultureInfo.InvariantCulture, $"{sheet}!{(char)('A' + column)}{row}");
}
