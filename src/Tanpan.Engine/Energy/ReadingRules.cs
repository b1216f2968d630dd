using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Energy;

/// <summary>The rules a reading must meet whatever the format it came in (JSON or CSV), in one place: its time
/// (ISO 8601 with offset, from 2000 to one day after now), its value, the limit on their number and what a repeated
/// time means. A format reader feeds it fields; it collects readings and errors.</summary>
internal sealed class ReadingRules
{
    public const string TimeFormatMessage = "must be an ISO 8601 time with its UTC offset, e.g. 2024-06-05T08:15:00+08:00";

    /// <summary>Enough to fix a file by; a file wrong on every line would otherwise give one error per line.</summary>
    private const int MaxErrors = 100;

    private static readonly long EarliestTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly long _latestTicks;
    private readonly List<Entry> _entries;
    private readonly List<FieldError> _errors = [];

    public ReadingRules(DateTime nowUtc, int maxReadings, int capacityHint)
    {
        if (nowUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("must be a UTC time (Kind Utc), not Local", nameof(nowUtc));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxReadings);
        _latestTicks = Math.Min(nowUtc.Ticks, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay;
        MaxReadings = maxReadings;
        _entries = new List<Entry>(Math.Clamp(capacityHint, 0, maxReadings));
    }

    public int MaxReadings { get; }

    /// <summary>True once enough errors are collected to stop reading.</summary>
    public bool Full => _errors.Count >= MaxErrors;

    public void Error(string path, string message, string code, IReadOnlyDictionary<string, string>? args = null)
    {
        if (!Full)
        {
            _errors.Add(new FieldError(path, message, code, args));
        }
    }

    public static FieldError LimitError(string path, int maxReadings) => new(
        path,
        string.Create(CultureInfo.InvariantCulture, $"at most {maxReadings} readings are allowed in one upload; split the readings into several uploads"),
        "meter.readings.limit",
        ErrorArgs.Of("limit", maxReadings.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Checks a time text; on failure records the error at pathOf(index).field and returns false (the path
    /// is built only then: this runs once per reading).</summary>
    public bool TryTime(ReadOnlySpan<char> text, Func<int, string> pathOf, int index, string field, out DateTime utc)
    {
        utc = default;
        string Path() => pathOf(index) + "." + field;
        switch (IsoTime.Parse(text, out var ticks))
        {
            case IsoTime.Result.Malformed:
                Error(Path(), TimeFormatMessage, "meter.reading.time");
                return false;
            case IsoTime.Result.NoOffset:
                Error(Path(), "has no UTC offset; " + TimeFormatMessage, "meter.reading.time");
                return false;
        }

        if (ticks < EarliestTicks)
        {
            Error(Path(), "is before 2000: times from 2000-01-01T00:00:00Z on are allowed", "meter.reading.time", ErrorArgs.Of("earliest", "2000-01-01T00:00:00Z"));
            return false;
        }

        if (ticks > _latestTicks)
        {
            var latest = EnergyMath.Text(new DateTime(_latestTicks, DateTimeKind.Utc));
            Error(Path(), $"is in the future: times up to one day after now ({latest}) are allowed", "meter.reading.time", ErrorArgs.Of("latest", latest));
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    /// <summary>Checks a value text (CSV); on failure records the error at pathOf(index).field.</summary>
    public bool TryValue(ReadOnlySpan<char> text, Func<int, string> pathOf, int index, string field, out decimal value)
    {
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        Error(pathOf(index) + "." + field, "must be a number with a decimal point and no thousands separators, e.g. 12.5", "meter.reading.value");
        return false;
    }

    /// <summary>The JSON number did not fit a decimal (e.g. 1e400).</summary>
    public void ValueOutOfRange(string path) =>
        Error(path, "is outside the range of a reading (at most ±79228162514264337593543950335)", "meter.reading.value");

    public void Add(DateTime utc, decimal value, int index) => _entries.Add(new Entry(utc.Ticks, value, index));

    /// <summary>Sorts the readings by time and applies the duplicate rule: a repeated time with the same value is kept
    /// once (a re-sent reading); with a different value it is an error at the later one, since which is right is
    /// unknown. <paramref name="pathOf"/> names the reading at an index (readings[3], rows[5]).</summary>
    public Outcome<ParsedReadings> Finish(Func<int, string> pathOf, string timeField)
    {
        var entries = _entries;
        if (!IsSorted(entries))
        {
            entries.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Index.CompareTo(b.Index));
        }

        var readings = new List<RawReading>(entries.Count);
        var first = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (i > 0 && entry.Ticks == entries[first].Ticks)
            {
                var original = entries[first];
                if (entry.Value != original.Value)
                {
                    Error(
                        pathOf(entry.Index) + "." + timeField,
                        $"t repeats {pathOf(original.Index)} with a different value ({EnergyMath.Text(original.Value)} there, {EnergyMath.Text(entry.Value)} here); send each time once",
                        "meter.reading.duplicate",
                        ErrorArgs.Of("first", pathOf(original.Index)));
                }

                continue;
            }

            first = i;
            readings.Add(new RawReading(new DateTime(entry.Ticks, DateTimeKind.Utc), entry.Value));
        }

        return _errors.Count > 0 ? Outcome<ParsedReadings>.Failure(_errors) : Outcome<ParsedReadings>.Success(new ParsedReadings(readings));
    }

    private static bool IsSorted(List<Entry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Ticks <= entries[i - 1].Ticks)
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Entry(long Ticks, decimal Value, int Index);
}
