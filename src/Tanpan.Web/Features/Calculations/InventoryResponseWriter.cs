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

    /// <param name="w">The writer (the response body).</param>
    /// <param name="result">The calculated inventory.</param>
    /// <param name="includeFactors">Also write each distinct factor's full trace (heat value, per-gas factors, GWP
    /// basis, notes) under <c>factors</c>. Off by default: the contract's line references already name each factor's
    /// id, value, source, version and GWP set, and the full trace is 40 % of the bytes.</param>
    public static void Write(Utf8JsonWriter w, InventoryResult result, bool includeFactors)
    {
        w.WriteStartObject();
        w.WriteNumber("reportingYear", result.ReportingYear);
        w.WriteString("gwpSet", result.GwpSet.Code());
        w.WriteNumber("totalKgCo2e", result.TotalKgCo2e);
        WriteMap(w, "byScope", result.ByScope);
        WriteMap(w, "byCategory", result.ByCategory);
        WriteMap(w, "byGas", result.ByGas);
        WriteMap(w, "byGasGroup", result.ByGasGroup);
        WriteMap(w, "separatelyReported", result.SeparatelyReported);
        w.WriteNumber("estimatedKgCo2e", result.EstimatedKgCo2e);
        w.WriteNumber("estimatedShare", result.EstimatedShare);

        w.WriteStartArray("lines");
        foreach (var line in result.Lines)
        {
            WriteLine(w, line);
        }

        w.WriteEndArray();

        if (includeFactors)
        {
            w.WriteStartObject("factors");
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in result.Lines)
            {
                if (written.Add(line.Factor.Id))
                {
                    w.WritePropertyName(line.Factor.Id);
                    WriteFactor(w, line.Factor);
                }
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("path", warning.Path);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter w, LineResult line)
    {
        w.WriteStartObject();
        w.WriteString("id", line.Line.Id);
        w.WriteString("category", line.Line.Category.Code);
        w.WriteNumber("scope", line.Line.Category.Scope);
        w.WriteString("activity", line.Line.Activity);
        w.WriteNumber("quantity", line.Line.Quantity);
        w.WriteNumber("includedQuantity", line.IncludedQuantity);
        w.WriteString("unit", line.Line.Unit.Code);
        w.WriteNumber("kgCo2e", line.KgCo2e);
        w.WriteBoolean("estimated", line.Estimated);
        WriteNullable(w, "includedDays", line.IncludedDays);
        WriteNullable(w, "periodDays", line.PeriodDays);
        w.WriteBoolean("reportedSeparately", line.ReportedSeparately);
        w.WriteStartObject("gases");
        foreach (var gas in line.Factor.Gases)
        {
            w.WriteStartObject(gas.Gas);
            w.WriteNumber("kg", line.QuantityInFactorUnit * gas.KgPerUnit);
            w.WriteNumber("gwp", gas.Gwp);
            w.WriteNumber("kgCo2e", line.QuantityInFactorUnit * gas.KgCo2ePerUnit);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        var f = line.Factor;
        w.WriteStartObject("factor");
        w.WriteString("id", f.Id);
        w.WriteNumber("value", f.KgCo2ePerUnit);
        w.WriteString("unit", "kgCO2e/" + f.PerUnit.Code);
        w.WriteString("source", f.Provenance.Source);
        w.WriteString("version", f.Provenance.Version);
        w.WriteString("factorSet", f.Provenance.SetId);
        WriteNullable(w, "year", f.Year);
        WriteNullable(w, "gwpSet", f.GwpSet?.Code());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFactor(Utf8JsonWriter w, ResolvedFactor f)
    {
        w.WriteStartObject();
        w.WriteString("id", f.Id);
        w.WriteNumber("value", f.KgCo2ePerUnit);
        w.WriteString("unit", "kgCO2e/" + f.PerUnit.Code);
        w.WriteString("source", f.Provenance.Source);
        w.WriteString("version", f.Provenance.Version);
        w.WriteString("factorSet", f.Provenance.SetId);
        WriteNullable(w, "year", f.Year);
        w.WriteString("verification", f.Provenance.Verification);
        WriteNullable(w, "gwpSet", f.GwpSet?.Code());
        w.WriteBoolean("gwpApplied", !f.IsCo2eFactor);
        if (f.HeatValue is { } h)
        {
            w.WriteStartObject("heatValue");
            w.WriteNumber("value", h.Value.Value);
            w.WriteString("unit", $"{h.Value.Numerator.Code}/{h.Value.Denominator.Code}");
            w.WriteString("table", h.Table);
            w.WriteString("source", h.Source);
            w.WriteBoolean("overridden", h.Overridden);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("heatValue");
        }

        w.WriteStartArray("gases");
        foreach (var g in f.Gases)
        {
            w.WriteStartObject();
            w.WriteString("gas", g.Gas);
            w.WriteNumber("kgPerUnit", g.KgPerUnit);
            if (g.KgPerTj is { } perTj)
            {
                w.WriteNumber("kgPerTj", perTj);
            }
            else
            {
                w.WriteNull("kgPerTj");
            }

            w.WriteNumber("gwp", g.Gwp);
            w.WriteString("gwpBasis", g.GwpBasis);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var note in f.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, decimal> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
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

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
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
}

/// <summary>An <see cref="IResult"/> that streams an inventory result as JSON into the response body.</summary>
internal sealed class InventoryJsonResult(InventoryResult result, bool includeFactors) : IResult
{
    private static readonly JsonWriterOptions Options = new() { Encoder = InventoryResponseWriter.Encoder, SkipValidation = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, Options))
        {
            InventoryResponseWriter.Write(writer, result, includeFactors);
        }

        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
