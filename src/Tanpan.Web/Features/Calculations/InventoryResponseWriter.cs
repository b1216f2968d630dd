using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;

namespace Tanpan.Web.Features.Calculations;

/// <summary>Writes <see cref="InventoryResponse"/> straight from the engine result with a <see cref="Utf8JsonWriter"/>.
/// The calculation endpoint is the hot path (bench/README.md): building the response records and serialising
/// them cost half of each request. <see cref="InventoryResponse"/> stays the documented contract, and a test
/// proves this writer produces exactly what serialising it would.</summary>
internal static class InventoryResponseWriter
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    private static readonly JsonWriterOptions FragmentOptions = new() { Encoder = Encoder, SkipValidation = true };

    // A library factor's JSON (its line reference and its full trace) depends only on the factor, and FactorResolver
    // memoises library factors process-wide, so each is written once and its UTF-8 bytes are reused by every line of
    // every request: escaping the (Chinese) sources and formatting the factor's decimals was a third of the writer's
    // time. Keyed by reference and weakly, so the cache keeps no factor alive; factors made for one request (inline
    // and company factors) are written directly, never cached.
    private static readonly ConditionalWeakTable<ResolvedFactor, FactorJson> Fragments = new();

    /// <param name="w">The writer (the response body).</param>
    /// <param name="result">The calculated inventory.</param>
    /// <param name="includeFactors">Also write each distinct factor's full trace (heat value, per-gas factors, GWP
    /// basis, notes) under <c>factors</c>. Off by default: the contract's line references already name each factor's
    /// id, value, source, version and GWP set, and the full trace is 40 % of the bytes.</param>
    public static void Write(Utf8JsonWriter w, InventoryResult result, bool includeFactors)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.ReportingYear, result.ReportingYear);
        w.WriteString(Names.GwpSet, result.GwpSet.Code());
        JsonDecimal.Write(w, Names.TotalKgCo2e, result.TotalKgCo2e);
        WriteMap(w, Names.ByScope, result.ByScope);
        WriteMap(w, Names.ByCategory, result.ByCategory);
        WriteMap(w, Names.ByGas, result.ByGas);
        WriteMap(w, Names.ByGasGroup, result.ByGasGroup);
        WriteMap(w, Names.SeparatelyReported, result.SeparatelyReported);
        JsonDecimal.Write(w, Names.EstimatedKgCo2e, result.EstimatedKgCo2e);
        JsonDecimal.Write(w, Names.EstimatedShare, result.EstimatedShare);

        w.WriteStartArray(Names.Lines);
        var lines = result.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            WriteLine(w, lines[i]);
        }

        w.WriteEndArray();

        if (includeFactors)
        {
            w.WriteStartObject(Names.Factors);
            var written = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (written.Add(line.Factor.Id))
                {
                    w.WritePropertyName(line.Factor.Id);
                    if (For(line) is { } cached)
                    {
                        w.WriteRawValue(cached.Trace, skipInputValidation: true);
                    }
                    else
                    {
                        WriteFactor(w, line.Factor);
                    }
                }
            }

            w.WriteEndObject();
        }

        w.WriteStartArray(Names.Warnings);
        foreach (var warning in result.Warnings)
        {
            w.WriteStartObject();
            w.WriteString(Names.Path, warning.Path);
            w.WriteString(Names.Message, warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter w, LineResult line)
    {
        var input = line.Line;
        var f = line.Factor;
        var cached = For(line);
        var gases = f.Gases;

        // Values that are equal to the digit (same value and scale) are formatted once: the included quantity is
        // usually the quantity, a CO2 amount in CO2e is the amount, a one-gas line's total is its gas's.
        Span<byte> quantity = stackalloc byte[JsonDecimal.MaxLength];
        Span<byte> total = stackalloc byte[JsonDecimal.MaxLength];
        var quantityLength = JsonDecimal.Format(input.Quantity, quantity);
        var totalLength = JsonDecimal.Format(line.KgCo2e, total);

        w.WriteStartObject();
        w.WriteString(Names.Id, input.Id);
        w.WriteString(Names.Category, input.Category.Code);
        w.WriteNumber(Names.Scope, input.Category.Scope);
        w.WriteString(Names.Activity, input.Activity);
        JsonDecimal.WriteFormatted(w, Names.Quantity, quantity[..quantityLength]);
        if (JsonDecimal.SameDigits(input.Quantity, line.IncludedQuantity))
        {
            JsonDecimal.WriteFormatted(w, Names.IncludedQuantity, quantity[..quantityLength]);
        }
        else
        {
            JsonDecimal.Write(w, Names.IncludedQuantity, line.IncludedQuantity);
        }

        w.WriteString(Names.Unit, input.Unit.Code);
        JsonDecimal.WriteFormatted(w, Names.KgCo2e, total[..totalLength]);
        w.WriteBoolean(Names.Estimated, line.Estimated);
        WriteNullable(w, Names.IncludedDays, line.IncludedDays);
        WriteNullable(w, Names.PeriodDays, line.PeriodDays);
        w.WriteBoolean(Names.ReportedSeparately, line.ReportedSeparately);

        Span<byte> kgText = stackalloc byte[JsonDecimal.MaxLength];
        w.WriteStartObject(Names.Gases);
        for (var g = 0; g < gases.Count; g++)
        {
            var gas = gases[g];
            var kg = line.QuantityInFactorUnit * gas.KgPerUnit;
            var kgLength = JsonDecimal.Format(kg, kgText);
            if (cached is not null)
            {
                w.WriteStartObject(cached.GasNames[g]);
                JsonDecimal.WriteFormatted(w, Names.Kg, kgText[..kgLength]);
                JsonDecimal.WriteFormatted(w, Names.Gwp, cached.Gwp[g]);
            }
            else
            {
                w.WriteStartObject(gas.Gas);
                JsonDecimal.WriteFormatted(w, Names.Kg, kgText[..kgLength]);
                JsonDecimal.Write(w, Names.Gwp, gas.Gwp);
            }

            var perUnit = cached is not null ? cached.KgCo2ePerUnit[g] : gas.KgCo2ePerUnit;
            if (JsonDecimal.SameDigits(perUnit, gas.KgPerUnit))
            {
                JsonDecimal.WriteFormatted(w, Names.KgCo2e, kgText[..kgLength]);
            }
            else
            {
                var kgCo2e = line.QuantityInFactorUnit * perUnit;
                if (JsonDecimal.SameDigits(kgCo2e, line.KgCo2e))
                {
                    JsonDecimal.WriteFormatted(w, Names.KgCo2e, total[..totalLength]);
                }
                else
                {
                    JsonDecimal.Write(w, Names.KgCo2e, kgCo2e);
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WritePropertyName(Names.Factor);
        if (cached is not null)
        {
            w.WriteRawValue(cached.Reference, skipInputValidation: true);
        }
        else
        {
            WriteReference(w, f);
        }

        w.WriteEndObject();
    }

    /// <summary>The cached JSON of a line's factor, or null for a factor made for this request only.</summary>
    private static FactorJson? For(LineResult line)
    {
        var f = line.Factor;
        if (line.Line.CustomFactor is not null || f.Provenance.SetId == "custom")
        {
            return null;
        }

        return Fragments.TryGetValue(f, out var cached) ? cached : Fragments.GetValue(f, FactorJson.Create);
    }

    private static void WriteReference(Utf8JsonWriter w, ResolvedFactor f)
    {
        w.WriteStartObject();
        w.WriteString(Names.Id, f.Id);
        JsonDecimal.Write(w, Names.Value, f.KgCo2ePerUnit);
        w.WriteString(Names.Unit, "kgCO2e/" + f.PerUnit.Code);
        w.WriteString(Names.Source, f.Provenance.Source);
        w.WriteString(Names.Version, f.Provenance.Version);
        w.WriteString(Names.FactorSet, f.Provenance.SetId);
        WriteNullable(w, Names.Year, f.Year);
        WriteNullable(w, Names.GwpSet, f.GwpSet?.Code());
        w.WriteEndObject();
    }

    private static void WriteFactor(Utf8JsonWriter w, ResolvedFactor f)
    {
        w.WriteStartObject();
        w.WriteString(Names.Id, f.Id);
        JsonDecimal.Write(w, Names.Value, f.KgCo2ePerUnit);
        w.WriteString(Names.Unit, "kgCO2e/" + f.PerUnit.Code);
        w.WriteString(Names.Source, f.Provenance.Source);
        w.WriteString(Names.Version, f.Provenance.Version);
        w.WriteString(Names.FactorSet, f.Provenance.SetId);
        WriteNullable(w, Names.Year, f.Year);
        w.WriteString(Names.Verification, f.Provenance.Verification);
        WriteNullable(w, Names.GwpSet, f.GwpSet?.Code());
        w.WriteBoolean(Names.GwpApplied, !f.IsCo2eFactor);
        if (f.HeatValue is { } h)
        {
            w.WriteStartObject(Names.HeatValue);
            JsonDecimal.Write(w, Names.Value, h.Value.Value);
            w.WriteString(Names.Unit, $"{h.Value.Numerator.Code}/{h.Value.Denominator.Code}");
            w.WriteString(Names.Table, h.Table);
            w.WriteString(Names.Source, h.Source);
            w.WriteBoolean(Names.Overridden, h.Overridden);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(Names.HeatValue);
        }

        w.WriteStartArray(Names.Gases);
        foreach (var g in f.Gases)
        {
            w.WriteStartObject();
            w.WriteString(Names.Gas, g.Gas);
            JsonDecimal.Write(w, Names.KgPerUnit, g.KgPerUnit);
            if (g.KgPerTj is { } perTj)
            {
                JsonDecimal.Write(w, Names.KgPerTj, perTj);
            }
            else
            {
                w.WriteNull(Names.KgPerTj);
            }

            JsonDecimal.Write(w, Names.Gwp, g.Gwp);
            w.WriteString(Names.GwpBasis, g.GwpBasis);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray(Names.Notes);
        foreach (var note in f.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyDictionary<string, decimal> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            JsonDecimal.Write(w, key, value);
        }

        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, JsonEncodedText name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A library factor's JSON, written once: its line reference, its full trace, its gases' names and GWPs,
    /// and their CO2e per unit (computed on every read of <see cref="GasFactor.KgCo2ePerUnit"/>).</summary>
    private sealed class FactorJson(byte[] reference, byte[] trace, JsonEncodedText[] gasNames, byte[][] gwp, decimal[] kgCo2ePerUnit)
    {
        public byte[] Reference { get; } = reference;

        public byte[] Trace { get; } = trace;

        public JsonEncodedText[] GasNames { get; } = gasNames;

        public byte[][] Gwp { get; } = gwp;

        public decimal[] KgCo2ePerUnit { get; } = kgCo2ePerUnit;

        public static FactorJson Create(ResolvedFactor f) =>
            new(
                Fragment(f, WriteReference),
                Fragment(f, WriteFactor),
                f.Gases.Select(g => JsonEncodedText.Encode(g.Gas, Encoder)).ToArray(),
                f.Gases.Select(g => JsonDecimal.ToArray(g.Gwp)).ToArray(),
                f.Gases.Select(g => g.KgCo2ePerUnit).ToArray());

        private static byte[] Fragment(ResolvedFactor f, Action<Utf8JsonWriter, ResolvedFactor> write)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var fragment = new Utf8JsonWriter(buffer, FragmentOptions))
            {
                write(fragment, f);
            }

            return buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>Property names encoded once (ASCII, so the bytes are those of the strings).</summary>
    private static class Names
    {
        public static readonly JsonEncodedText ReportingYear = JsonEncodedText.Encode("reportingYear");
        public static readonly JsonEncodedText GwpSet = JsonEncodedText.Encode("gwpSet");
        public static readonly JsonEncodedText TotalKgCo2e = JsonEncodedText.Encode("totalKgCo2e");
        public static readonly JsonEncodedText ByScope = JsonEncodedText.Encode("byScope");
        public static readonly JsonEncodedText ByCategory = JsonEncodedText.Encode("byCategory");
        public static readonly JsonEncodedText ByGas = JsonEncodedText.Encode("byGas");
        public static readonly JsonEncodedText ByGasGroup = JsonEncodedText.Encode("byGasGroup");
        public static readonly JsonEncodedText SeparatelyReported = JsonEncodedText.Encode("separatelyReported");
        public static readonly JsonEncodedText EstimatedKgCo2e = JsonEncodedText.Encode("estimatedKgCo2e");
        public static readonly JsonEncodedText EstimatedShare = JsonEncodedText.Encode("estimatedShare");
        public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
        public static readonly JsonEncodedText Factors = JsonEncodedText.Encode("factors");
        public static readonly JsonEncodedText Warnings = JsonEncodedText.Encode("warnings");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
        public static readonly JsonEncodedText Scope = JsonEncodedText.Encode("scope");
        public static readonly JsonEncodedText Activity = JsonEncodedText.Encode("activity");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText IncludedQuantity = JsonEncodedText.Encode("includedQuantity");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText KgCo2e = JsonEncodedText.Encode("kgCo2e");
        public static readonly JsonEncodedText Estimated = JsonEncodedText.Encode("estimated");
        public static readonly JsonEncodedText IncludedDays = JsonEncodedText.Encode("includedDays");
        public static readonly JsonEncodedText PeriodDays = JsonEncodedText.Encode("periodDays");
        public static readonly JsonEncodedText ReportedSeparately = JsonEncodedText.Encode("reportedSeparately");
        public static readonly JsonEncodedText Gases = JsonEncodedText.Encode("gases");
        public static readonly JsonEncodedText Kg = JsonEncodedText.Encode("kg");
        public static readonly JsonEncodedText Gwp = JsonEncodedText.Encode("gwp");
        public static readonly JsonEncodedText Factor = JsonEncodedText.Encode("factor");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText FactorSet = JsonEncodedText.Encode("factorSet");
        public static readonly JsonEncodedText Year = JsonEncodedText.Encode("year");
        public static readonly JsonEncodedText Verification = JsonEncodedText.Encode("verification");
        public static readonly JsonEncodedText GwpApplied = JsonEncodedText.Encode("gwpApplied");
        public static readonly JsonEncodedText HeatValue = JsonEncodedText.Encode("heatValue");
        public static readonly JsonEncodedText Table = JsonEncodedText.Encode("table");
        public static readonly JsonEncodedText Overridden = JsonEncodedText.Encode("overridden");
        public static readonly JsonEncodedText Gas = JsonEncodedText.Encode("gas");
        public static readonly JsonEncodedText KgPerUnit = JsonEncodedText.Encode("kgPerUnit");
        public static readonly JsonEncodedText KgPerTj = JsonEncodedText.Encode("kgPerTj");
        public static readonly JsonEncodedText GwpBasis = JsonEncodedText.Encode("gwpBasis");
        public static readonly JsonEncodedText Notes = JsonEncodedText.Encode("notes");
    }
}
