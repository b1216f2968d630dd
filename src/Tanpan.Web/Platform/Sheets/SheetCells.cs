using System.Globalization;
using System.Text;
using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Sheets;

/// <summary>Inclusive bounds for <see cref="SheetCells.Number(IDictionary{string, object?}, IReadOnlyList{string}, int, string, List{FieldError}, NumberRange)"/>.</summary>
public readonly record struct NumberRange(decimal Min, decimal Max)
{
    /// <summary>-1e15…1e15: well inside decimal (±7.9e28) and inside double's exact-integer range (2^53 ≈ 9e15).</summary>
    public static NumberRange Default { get; } = new(-1e15m, 1e15m);

    /// <summary>0…1e15, for quantities.</summary>
    public static NumberRange Quantity { get; } = new(0m, 1e15m);

    public bool Contains(decimal value) => value >= Min && value <= Max;

    public override string ToString() => $"between {SheetCells.Bound(Min)} and {SheetCells.Bound(Max)}";
}

/// <summary>Inclusive bounds for <see cref="SheetCells.Date(IDictionary{string, object?}, IReadOnlyList{string}, int, string, List{FieldError}, DateRange)"/>.</summary>
public readonly record struct DateRange(DateOnly Min, DateOnly Max)
{
    public static DateRange Default { get; } = new(new DateOnly(1900, 1, 1), new DateOnly(2100, 12, 31));

    public bool Contains(DateOnly value) => value >= Min && value <= Max;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"between {Min:yyyy-MM-dd} and {Max:yyyy-MM-dd}");
}

/// <summary>
/// Typed reads of spreadsheet cells (MiniExcel rows) that turn bad values into cell-addressed field errors.
/// Never throws for any value MiniExcel can produce: null, string, double (incl. NaN/±Infinity), DateTime, TimeSpan, bool, byte[] — or anything else.
/// </summary>
public static class SheetCells
{
    private const int MaxShown = 40;
    private const int MaxParsedLength = 64;
    private const string DateFormatHint = "yyyy-MM-dd";

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",
    ];

    public static object? Get(IDictionary<string, object?> row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return column is not null && row.TryGetValue(column, out var value) ? value : null;
    }

    /// <summary>Null, DBNull, or a string of only whitespace and invisible format characters (zero-width space, BOM, ...).</summary>
    public static bool IsBlank(object? value) => value switch
    {
        null or DBNull => true,
        string s => IsBlankText(s),
        _ => false,
    };

    /// <summary>The cell as trimmed text, or null when blank. Control characters (NUL breaks PostgreSQL) and unpaired surrogates (from OOXML's _xD800_ escapes) are replaced.</summary>
    public static string? Text(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column)
    {
        var value = Cell(row, columns, column);
        if (IsBlank(value))
        {
            return null;
        }

        var text = value switch
        {
            string s => Sanitize(s).Trim(),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            byte[] => null,
            IFormattable f => Sanitize(f.ToString(null, CultureInfo.InvariantCulture)).Trim(),
            _ => Sanitize(value?.ToString() ?? string.Empty).Trim(),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>As <see cref="Text(IDictionary{string, object?}, IReadOnlyList{string}, int)"/>, with an error when longer than <paramref name="maxLength"/>.</summary>
    public static string? Text(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = Text(row, columns, column);
        if (text is not null && text.Length > maxLength)
        {
            errors.Add(new(cell, string.Create(CultureInfo.InvariantCulture, $"'{Show(text)}' is longer than {maxLength:N0} characters ({text.Length:N0})"), "cell.too-long", Inputs.ActivityInputs.Args("value", Show(text), "max", maxLength.ToString("N0", CultureInfo.InvariantCulture))));
            return null;
        }

        return text;
    }

    /// <summary>A number in <see cref="NumberRange.Default"/> (-1e15…1e15); blank gives null without an error.</summary>
    public static decimal? Number(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors) =>
        Number(row, columns, column, cell, errors, NumberRange.Default);

    /// <summary>A number within <paramref name="range"/>; blank gives null without an error, anything else unusable gives null and one error naming the cell.</summary>
    public static decimal? Number(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors, NumberRange range)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = Cell(row, columns, column);
        if (IsBlank(value))
        {
            return null;
        }

        decimal? number = value switch
        {
            // Excel stores doubles; the shortest round-trip text is the number the user typed. Range first, so the parse cannot overflow.
            double d when double.IsFinite(d) && Math.Abs(d) <= 1e28 => RoundTrip(d),
            float f when float.IsFinite(f) && Math.Abs(f) <= 1e28f => (decimal)f,
            decimal m => m,
            int or long or short or sbyte or byte or ushort or uint or ulong => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            string s => ParseNumber(s),
            _ => null,
        };

        if (number is { } n && range.Contains(n))
        {
            return n;
        }

        errors.Add(new(cell, $"'{Show(value)}' is not a number {range}", "cell.not-a-number", Inputs.ActivityInputs.Args("value", Show(value), "min", range.Min.ToString("#,0.##########", CultureInfo.InvariantCulture), "max", range.Max.ToString("#,0.##########", CultureInfo.InvariantCulture))));
        return null;
    }

    /// <summary>A date in <see cref="DateRange.Default"/> (1900-01-01…2100-12-31); blank is an error ("required").</summary>
    public static DateOnly? Date(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors) =>
        Date(row, columns, column, cell, errors, DateRange.Default);

    /// <summary>
    /// A date within <paramref name="range"/> from a DateTime, an Excel serial (double, read as <see cref="DateTime.FromOADate"/> does, like MiniExcel),
    /// or text in yyyy-MM-dd / yyyy/M/d (optionally with a time, which is dropped).
    /// </summary>
    public static DateOnly? Date(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors, DateRange range)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = Cell(row, columns, column);
        if (IsBlank(value))
        {
            errors.Add(new(cell, $"required: a date ({DateFormatHint}) {range}", "cell.date-required"));
            return null;
        }

        DateOnly? date = value switch
        {
            DateTime dt => DateOnly.FromDateTime(dt),
            DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
            DateOnly d => d,
            double serial => FromSerial(serial, range),
            decimal or int or long => FromSerial(Convert.ToDouble(value, CultureInfo.InvariantCulture), range),
            string s => ParseDate(s),
            _ => null,
        };

        if (date is { } ok && range.Contains(ok))
        {
            return ok;
        }

        errors.Add(new(cell, $"'{Show(value)}' is not a date {range} ({DateFormatHint})", "cell.not-a-date", Inputs.ActivityInputs.Args("value", Show(value), "min", range.Min.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "max", range.Max.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        return null;
    }

    /// <summary>
    /// A point in time from a DateTime or Excel serial (read in <paramref name="zone"/>), or ISO 8601 text (its offset
    /// kept; without one, read in <paramref name="zone"/>). Blank gives null without an error: the caller decides
    /// whether the cell is required.
    /// </summary>
    public static DateTimeOffset? Instant(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column, string cell, List<FieldError> errors, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(zone);
        var value = Cell(row, columns, column);
        if (IsBlank(value))
        {
            return null;
        }

        DateTimeOffset? InZone(DateTime local) => local.Year is < 1900 or > 2100 ? null : new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        DateTimeOffset? instant = value switch
        {
            DateTime dt => InZone(dt),
            DateTimeOffset dto => dto,
            double serial when double.IsFinite(serial) && serial is > 0 and < 2_958_466 => InZone(DateTime.FromOADate(serial)),
            string s when s.Length <= MaxParsedLength && HasOffset(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
            string s when s.Length <= MaxParsedLength && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) => InZone(local),
            _ => null,
        };

        if (instant is { } ok)
        {
            return ok;
        }

        errors.Add(new(cell, $"'{Show(value)}' is not a date and time (e.g. 2024-06-05 08:15, or 2024-06-05T08:15:00+08:00)", "cell.not-a-time", Inputs.ActivityInputs.Args("value", Show(value))));
        return null;
    }

    // "2024-06-05T08:15:00+08:00" or "…Z": an offset after the time part (a date's own dashes don't count).
    private static bool HasOffset(string s)
    {
        var t = s.IndexOfAny(['T', ' ']);
        return t > 0 && (s.EndsWith('Z') || s.AsSpan(t).IndexOfAny('+', '-') >= 0);
    }

    /// <summary>"活動數據!D5" style address of a 0-based column and 1-based row; columns past Z continue AA, AB, ...</summary>
    public static string Address(string sheet, int column, int row) => string.Create(CultureInfo.InvariantCulture, $"{sheet}!{ColumnName(column)}{row}");

    public static string ColumnName(int column)
    {
        if (column < 0)
        {
            return "?";
        }

        Span<char> letters = stackalloc char[8];
        var i = letters.Length;
        for (var n = column + 1; n > 0 && i > 0; n = (n - 1) / 26)
        {
            letters[--i] = (char)('A' + ((n - 1) % 26));
        }

        return new string(letters[i..]);
    }

    /// <summary>1e15 rather than 1000000000000000 in messages.</summary>
    internal static string Bound(decimal value)
    {
        var abs = Math.Abs(value);
        var exponent = 0;
        if (abs >= 1_000_000m)
        {
            var x = abs;
            while (x >= 10m && x % 10m == 0m)
            {
                x /= 10m;
                exponent++;
            }

            if (x == 1m)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{(value < 0 ? "-" : "")}1e{exponent}");
            }
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static object? Cell(IDictionary<string, object?> row, IReadOnlyList<string> columns, int column)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return column >= 0 && column < columns.Count ? Get(row, columns[column]) : null;
    }

    private static decimal? RoundTrip(double d)
    {
        Span<char> text = stackalloc char[32];
        return d.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture)
            && decimal.TryParse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null;
    }

    private static decimal? ParseNumber(string s)
    {
        var text = Normalize(s);
        if (text.Length > MaxParsedLength)
        {
            return null;
        }

        // Thousands separators as the user sees them ("1,234.5"); full-width digits and commas were folded by NFKC.
        text = text.Replace(",", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static DateOnly? ParseDate(string s)
    {
        var text = Normalize(s);
        return text.Length <= MaxParsedLength && DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            ? DateOnly.FromDateTime(dt)
            : null;
    }

    /// <summary>Only serials whose day lies in <paramref name="range"/> reach FromOADate, which throws outside ±~2.9e6 and for NaN.</summary>
    private static DateOnly? FromSerial(double serial, DateRange range)
    {
        var min = range.Min.ToDateTime(TimeOnly.MinValue).ToOADate();
        var maxExclusive = range.Max.AddDays(1).ToDateTime(TimeOnly.MinValue).ToOADate();
        return double.IsFinite(serial) && serial >= min && serial < maxExclusive
            ? DateOnly.FromDateTime(DateTime.FromOADate(serial))
            : null;
    }

    /// <summary>Sanitised, NFKC-folded (full-width ０-９ and ，), trimmed text for parsing.</summary>
    private static string Normalize(string s)
    {
        // Long strings cannot be numbers or dates; skip normalising megabytes of text.
        var head = s.Length > 4 * MaxParsedLength ? s[..(4 * MaxParsedLength)] + "?" : s;
        if (System.Text.Ascii.IsValid(head))
        {
            // The common case: ASCII is already NFKC, and control characters just fail to parse.
            return head.Trim();
        }

        var clean = Sanitize(head);
        return clean.Normalize(NormalizationForm.FormKC).Trim();
    }

    /// <summary>Replaces control characters (except tab/CR/LF) and unpaired surrogates with U+FFFD, so the text is valid UTF-8 and storable anywhere.</summary>
    private static string Sanitize(string s)
    {
        var dirty = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (IsBad(s, i))
            {
                dirty = i;
                break;
            }
        }

        if (dirty < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        sb.Append(s, 0, dirty);
        for (var i = dirty; i < s.Length; i++)
        {
            sb.Append(IsBad(s, i) ? '\uFFFD' : s[i]);
        }

        return sb.ToString();
    }

    private static bool IsBad(string s, int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        }

        return char.IsControl(c) && c is not ('\t' or '\r' or '\n');
    }

    private static bool IsBlankText(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value as the user would recognise it, shortened and made printable for a message.</summary>
    private static string Show(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            byte[] bytes => string.Create(CultureInfo.InvariantCulture, $"binary data ({bytes.Length:N0} bytes)"),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.Length > MaxShown)
        {
            // Cut on a code-point boundary; the total length is shown so the user knows why.
            var cut = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
            text = string.Create(CultureInfo.InvariantCulture, $"{text[..cut]}… ({text.Length:N0} characters)");
        }

        var shown = Sanitize(text).Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');
        return shown.Replace("'", "’", StringComparison.Ordinal);
    }
}
