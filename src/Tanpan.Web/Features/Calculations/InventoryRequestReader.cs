using System.Text.Json;
using Tanpan.Web.Platform.Inputs;

namespace Tanpan.Web.Features.Calculations;

/// <summary>Reads the common shape of an inventory request straight from the UTF-8 bytes, without the serializer's
/// constructor-parameter machinery (the records have one parameter per field, which is its slowest path and was the
/// largest part of reading a request). It accepts only a strict subset of what the serializer accepts: the exact
/// camelCase names, each field at most once, numbers as JSON numbers, strings as strings, dates as yyyy-MM-dd. For
/// anything else (another spelling, a number in a string, a duplicate, an unknown field, a syntax error) it gives up
/// and <see cref="Platform.Json.JsonBody"/> lets the serializer read the body, so every accepted input, every error and every
/// message stay exactly the serializer's. A test checks that both read the same values.</summary>
internal static partial class InventoryRequestReader
{
    private static readonly JsonEncodedText ReportingYear = JsonEncodedText.Encode("reportingYear");
    private static readonly JsonEncodedText GwpSet = JsonEncodedText.Encode("gwpSet");
    private static readonly JsonEncodedText FactorSet = JsonEncodedText.Encode("factorSet");
    private static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText Activity = JsonEncodedText.Encode("activity");
    private static readonly JsonEncodedText Use = JsonEncodedText.Encode("use");
    private static readonly JsonEncodedText Technology = JsonEncodedText.Encode("technology");
    private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText FactorYear = JsonEncodedText.Encode("factorYear");
    private static readonly JsonEncodedText HeatValue = JsonEncodedText.Encode("heatValue");
    private static readonly JsonEncodedText Factor = JsonEncodedText.Encode("factor");
    private static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");

    /// <summary>The request in <paramref name="json"/>, or false when the serializer must read it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, JsonSerializerOptions options, out InventoryRequestDto? value)
    {
        value = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxDepth, AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadRequest(ref reader, out value))
            {
                return false;
            }

            // Nothing may follow the object (the serializer rejects trailing content).
            return !reader.Read();
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 in a string, and the like: the serializer reports it.
            value = null;
            return false;
        }
    }

    private static bool TryReadRequest(ref Utf8JsonReader reader, out InventoryRequestDto? value)
    {
        value = null;
        int? reportingYear = null;
        string? gwpSet = null, factorSet = null;
        List<InventoryLineDto?>? lines = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals(ReportingYear.EncodedUtf8Bytes)) { field = 0; }
            else if (reader.ValueTextEquals(GwpSet.EncodedUtf8Bytes)) { field = 1; }
            else if (reader.ValueTextEquals(FactorSet.EncodedUtf8Bytes)) { field = 2; }
            else if (reader.ValueTextEquals(Lines.EncodedUtf8Bytes)) { field = 3; }
            else { return false; }

            if (!Once(ref seen, field) || !reader.Read())
            {
                return false;
            }

            var ok = field switch
            {
                0 => TryInt(ref reader, out reportingYear),
                1 => TryString(ref reader, out gwpSet),
                2 => TryString(ref reader, out factorSet),
                _ => TryLines(ref reader, out lines),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        value = new InventoryRequestDto(reportingYear, gwpSet, factorSet, lines);
        return true;
    }

    private static bool TryLines(ref Utf8JsonReader reader, out List<InventoryLineDto?>? lines)
    {
        lines = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new List<InventoryLineDto?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                list.Add(null);
            }
            else if (reader.TokenType != JsonTokenType.StartObject || !TryLine(ref reader, out var line))
            {
                return false;
            }
            else
            {
                list.Add(line);
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        lines = list;
        return true;
    }

    private static bool TryLine(ref Utf8JsonReader reader, out InventoryLineDto? line)
    {
        line = null;
        string? id = null, category = null, activity = null, use = null, technology = null, unit = null, factorSet = null;
        decimal? quantity = null;
        int? factorYear = null;
        PeriodDto? period = null;
        HeatValueDto? heatValue = null;
        CustomFactorDto? factor = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals(Id.EncodedUtf8Bytes)) { field = 0; }
            else if (reader.ValueTextEquals(Category.EncodedUtf8Bytes)) { field = 1; }
            else if (reader.ValueTextEquals(Activity.EncodedUtf8Bytes)) { field = 2; }
            else if (reader.ValueTextEquals(Quantity.EncodedUtf8Bytes)) { field = 3; }
            else if (reader.ValueTextEquals(Unit.EncodedUtf8Bytes)) { field = 4; }
            else if (reader.ValueTextEquals(Use.EncodedUtf8Bytes)) { field = 5; }
            else if (reader.ValueTextEquals(Technology.EncodedUtf8Bytes)) { field = 6; }
            else if (reader.ValueTextEquals(Period.EncodedUtf8Bytes)) { field = 7; }
            else if (reader.ValueTextEquals(FactorYear.EncodedUtf8Bytes)) { field = 8; }
            else if (reader.ValueTextEquals(HeatValue.EncodedUtf8Bytes)) { field = 9; }
            else if (reader.ValueTextEquals(Factor.EncodedUtf8Bytes)) { field = 10; }
            else if (reader.ValueTextEquals(FactorSet.EncodedUtf8Bytes)) { field = 11; }
            else { return false; }

            if (!Once(ref seen, field) || !reader.Read())
            {
                return false;
            }

            var ok = field switch
            {
                0 => TryString(ref reader, out id),
                1 => TryString(ref reader, out category),
                2 => TryString(ref reader, out activity),
                3 => TryDecimal(ref reader, out quantity),
                4 => TryString(ref reader, out unit),
                5 => TryString(ref reader, out use),
                6 => TryString(ref reader, out technology),
                7 => TryPeriod(ref reader, out period),
                8 => TryInt(ref reader, out factorYear),
                9 => TryHeatValue(ref reader, out heatValue),
                10 => TryFactor(ref reader, out factor),
                _ => TryString(ref reader, out factorSet),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        line = new InventoryLineDto(id, category, activity, use, technology, quantity, unit, period, factorYear, heatValue, factor, factorSet);
        return true;
    }

    private static bool TryPeriod(ref Utf8JsonReader reader, out PeriodDto? period)
    {
        period = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        DateOnly? from = null, to = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals(From.EncodedUtf8Bytes)) { field = 0; }
            else if (reader.ValueTextEquals(To.EncodedUtf8Bytes)) { field = 1; }
            else { return false; }

            if (!Once(ref seen, field) || !reader.Read() || !TryDate(ref reader, out var date))
            {
                return false;
            }

            if (field == 0)
            {
                from = date;
            }
            else
            {
                to = date;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        period = new PeriodDto(from, to);
        return true;
    }

    private static bool TryHeatValue(ref Utf8JsonReader reader, out HeatValueDto? heatValue)
    {
        heatValue = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        decimal? value = null;
        string? unit = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals(Value.EncodedUtf8Bytes)) { field = 0; }
            else if (reader.ValueTextEquals(Unit.EncodedUtf8Bytes)) { field = 1; }
            else { return false; }

            if (!Once(ref seen, field) || !reader.Read() || !(field == 0 ? TryDecimal(ref reader, out value) : TryString(ref reader, out unit)))
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        heatValue = new HeatValueDto(value, unit);
        return true;
    }

    private static bool TryFactor(ref Utf8JsonReader reader, out CustomFactorDto? factor)
    {
        factor = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        decimal? value = null;
        string? unit = null, source = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals(Value.EncodedUtf8Bytes)) { field = 0; }
            else if (reader.ValueTextEquals(Unit.EncodedUtf8Bytes)) { field = 1; }
            else if (reader.ValueTextEquals(Source.EncodedUtf8Bytes)) { field = 2; }
            else { return false; }

            if (!Once(ref seen, field) || !reader.Read())
            {
                return false;
            }

            var ok = field switch
            {
                0 => TryDecimal(ref reader, out value),
                1 => TryString(ref reader, out unit),
                _ => TryString(ref reader, out source),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        factor = new CustomFactorDto(value, unit, source);
        return true;
    }
}
