using System.Globalization;
using System.Text.Json;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Energy;

/// <summary>Meter readings posted as JSON. Read token by token with <see cref="Utf8JsonReader"/> (no document, no
/// per-reading allocation) because uploads are large and frequent; the rules themselves live in
/// <see cref="ReadingRules"/>, shared with <see cref="MeterCsv"/>.</summary>
public static class MeterPayload
{
    private const string ReadingShape = "each reading is an object {\"t\": time with offset, \"kwh\": number} (or \"value\" instead of \"kwh\")";

    /// <summary>Body: {"readings":[{"t":"2024-06-05T08:15:00+08:00","kwh":12.5}, ...]}. Each reading has "t" (ISO 8601
    /// with an offset or Z) and exactly one of "kwh" or "value" (a JSON number). Unknown properties at any level,
    /// more than <paramref name="maxReadings"/> readings, times before 2000 or more than a day after
    /// <paramref name="nowUtc"/>, and a repeated t with a different value are errors; a repeated t with the same value
    /// is kept once. Error paths: "readings[3].t", "readings[0].kwh", "readings", "(body)" for malformed JSON (with the
    /// byte position). Readings are returned sorted ascending by TUtc.</summary>
    public static Outcome<ParsedReadings> Parse(ReadOnlySpan<byte> utf8Json, DateTime nowUtc, int maxReadings)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        // ~40 bytes per reading; the hint only sizes the list.
        var rules = new ReadingRules(nowUtc, maxReadings, utf8Json.Length / 40);
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Failure("(body)", "must be a JSON object {\"readings\": [...]}", "meter.payload.json");
            }

            var sawReadings = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("readings"u8))
                {
                    rules.Error(reader.GetString()!, "unknown property; the body has only \"readings\"", "meter.payload.unknown", ErrorArgs.Of("allowed", "readings"));
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (sawReadings)
                {
                    rules.Error("readings", "appears twice; send one \"readings\" array", "meter.payload.json");
                    reader.Skip();
                    continue;
                }

                sawReadings = true;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    rules.Error("readings", "must be an array: " + ReadingShape, "meter.payload.json");
                    reader.Skip();
                    continue;
                }

                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (index >= maxReadings)
                    {
                        return Outcome<ParsedReadings>.Failure([ReadingRules.LimitError("readings", maxReadings)]);
                    }

                    ReadReading(ref reader, index, rules);
                    index++;
                    if (rules.Full)
                    {
                        break;
                    }
                }

                if (rules.Full)
                {
                    break;
                }
            }

            if (!rules.Full)
            {
                // Anything after the object is malformed: the reader throws on it.
                reader.Read();
                if (!sawReadings)
                {
                    rules.Error("readings", "required: " + ReadingShape, "meter.payload.json");
                }
            }
        }
        catch (JsonException ex)
        {
            var at = reader.BytesConsumed.ToString(CultureInfo.InvariantCulture);
            return Outcome<ParsedReadings>.Failure([new FieldError(
                "(body)",
                $"is not valid JSON at byte {at} (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1} in the line): {ex.Message}",
                "meter.payload.json",
                ErrorArgs.Of("byte", at))]);
        }

        return rules.Finish(ReadingPath, "t");
    }

    private static string ReadingPath(int index) => string.Create(CultureInfo.InvariantCulture, $"readings[{index}]");

    private static Outcome<ParsedReadings> Failure(string path, string message, string code) =>
        Outcome<ParsedReadings>.Failure([new FieldError(path, message, code)]);

    private static void ReadReading(ref Utf8JsonReader reader, int index, ReadingRules rules)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            rules.Error(ReadingPath(index), "must be an object: " + ReadingShape, "meter.payload.json");
            reader.Skip();
            return;
        }

        var hasTime = false;
        var timeOk = false;
        DateTime time = default;
        string? valueName = null;
        var valueOk = false;
        decimal value = 0;
        var ok = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("t"u8))
            {
                reader.Read();
                if (hasTime)
                {
                    rules.Error(ReadingPath(index) + ".t", "appears twice in one reading", "meter.payload.json");
                    reader.Skip();
                    ok = false;
                    continue;
                }

                hasTime = true;
                if (reader.TokenType != JsonTokenType.String)
                {
                    rules.Error(ReadingPath(index) + ".t", "must be a string: " + ReadingRules.TimeFormatMessage, "meter.reading.time");
                    reader.Skip();
                    continue;
                }

                timeOk = ReadTime(ref reader, index, rules, out time);
            }
            else if (reader.ValueTextEquals("kwh"u8) || reader.ValueTextEquals("value"u8))
            {
                var name = reader.ValueTextEquals("kwh"u8) ? "kwh" : "value";
                reader.Read();
                if (valueName is not null)
                {
                    rules.Error(
                        ReadingPath(index) + "." + name,
                        valueName == name ? "appears twice in one reading" : "give exactly one of kwh or value, not both",
                        "meter.reading.value");
                    reader.Skip();
                    ok = false;
                    continue;
                }

                valueName = name;
                if (reader.TokenType != JsonTokenType.Number)
                {
                    rules.Error(ReadingPath(index) + "." + name, "must be a JSON number (not a string or null), e.g. 12.5", "meter.reading.value");
                    reader.Skip();
                    continue;
                }

                valueOk = reader.TryGetDecimal(out value);
                if (!valueOk)
                {
                    rules.ValueOutOfRange(ReadingPath(index) + "." + name);
                }
            }
            else
            {
                rules.Error(ReadingPath(index) + "." + reader.GetString(), "unknown property; a reading has only t and one of kwh or value", "meter.payload.unknown", ErrorArgs.Of("allowed", "t, kwh, value"));
                reader.Read();
                reader.Skip();
                ok = false;
            }
        }

        if (!hasTime)
        {
            rules.Error(ReadingPath(index) + ".t", "required: " + ReadingRules.TimeFormatMessage, "meter.reading.time");
        }

        if (valueName is null)
        {
            rules.Error(ReadingPath(index) + ".kwh", "required: exactly one of kwh or value (a JSON number)", "meter.reading.value");
        }

        if (ok && timeOk && valueOk)
        {
            rules.Add(time, value, index);
        }
    }

    /// <summary>Widens the time's bytes to chars on the stack (times are short ASCII), so JSON and CSV share one parser.</summary>
    private static bool ReadTime(ref Utf8JsonReader reader, int index, ReadingRules rules, out DateTime time)
    {
        const int MaxLength = 64;
        var raw = reader.ValueSpan;
        if (raw.Length > MaxLength)
        {
            time = default;
            rules.Error(ReadingPath(index) + ".t", ReadingRules.TimeFormatMessage, "meter.reading.time");
            return false;
        }

        Span<char> chars = stackalloc char[MaxLength];
        int length;
        if (reader.ValueIsEscaped)
        {
            length = reader.CopyString(chars);
        }
        else
        {
            for (var k = 0; k < raw.Length; k++)
            {
                chars[k] = (char)raw[k];
            }

            length = raw.Length;
        }

        return rules.TryTime(chars[..length], ReadingPath, index, "t", out time);
    }
}
