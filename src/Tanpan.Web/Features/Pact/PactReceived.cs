using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Pact;

/// <summary>Reads a supplier's ProductFootprint (v3.0 or v2.x) into the figures a BOM line uses — kgCO2e per one
/// declared unit in a Tanpan unit, reference period, primary-data share, DQR — and keeps the document as received.</summary>
public static class PactReceived
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["liter"] = "L", ["kilogram"] = "kg", ["cubic meter"] = "m3", ["kilowatt hour"] = "kWh", ["megajoule"] = "MJ",
        ["ton kilometer"] = "tkm", ["square meter"] = "m2", ["piece"] = "piece", ["hour"] = "h",
    };

    public sealed record Result(ReceivedFootprint? Value, string? Error);

    /// <summary>Documents are kept with their characters as sent (Chinese names readable, not \uXXXX).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public static Result Read(JsonObject? pf, int major, string? supplierName, DateTime nowUtc)
    {
        if (pf is null)
        {
            return new(null, "a footprint must be an object.");
        }

        if (!Guid.TryParse(Text(pf, "id"), out var id))
        {
            return new(null, "id must be a UUID.");
        }

        if (pf["productIds"] is not JsonArray productIds || productIds.Count == 0 || productIds.Any(p => p is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            return new(null, "productIds must be a non-empty array of URNs.");
        }

        if (pf["pcf"] is not JsonObject pcf)
        {
            return new(null, "pcf must be an object.");
        }

        // v3 states the footprint of declaredUnitAmount units; v2 the footprint of one declared unit.
        var v3 = major == 3 || pcf.ContainsKey("declaredUnitOfMeasurement");
        var unitName = Text(pcf, v3 ? "declaredUnitOfMeasurement" : "declaredUnit");
        if (unitName is null || !Units.TryGetValue(unitName, out var unit))
        {
            return new(null, $"pcf.{(v3 ? "declaredUnitOfMeasurement" : "declaredUnit")} must be one of {string.Join(", ", Units.Keys)}.");
        }

        var value = Number(pcf, v3 ? "pcfExcludingBiogenicUptake" : "pCfExcludingBiogenic");
        if (value is null)
        {
            return new(null, $"pcf.{(v3 ? "pcfExcludingBiogenicUptake" : "pCfExcludingBiogenic")} must be a decimal.");
        }

        var amount = v3 ? Number(pcf, "declaredUnitAmount") : 1m;
        if (amount is not > 0)
        {
            return new(null, "pcf.declaredUnitAmount must be a decimal > 0.");
        }

        var mass = Number(pcf, "productMassPerDeclaredUnit");
        var dqi = pcf["dqi"] as JsonObject;
        var document = pf.ToJsonString(Readable);
        var product = Text(pf, "productNameCompany") ?? Text(pf, "productDescription") ?? "?";
        return new(new ReceivedFootprint
        {
            PfId = id,
            SupplierName = Clip(supplierName ?? Text(pf, "companyName") ?? "?", 200),
            ProductName = Clip(product, 300),
            ProductIds = Clip(string.Join(' ', productIds.Select(p => p!.GetValue<string>())), 4000),
            KgCo2ePerUnit = value.Value / amount.Value,
            DeclaredUnit = unit,
            MassKgPerUnit = mass is > 0 ? mass / (v3 ? amount : 1m) : null,
            ReferenceFrom = Day(Text(pcf, "referencePeriodStart"), false),
            ReferenceTo = Day(Text(pcf, "referencePeriodEnd"), true),
            PrimaryDataPercent = Number(pcf, "primaryDataShare") is { } share and >= 0 and <= 100 ? share : null,
            TechnologicalDqr = Dqr(dqi, "technologicalDQR"),
            TemporalDqr = Dqr(dqi, "temporalDQR"),
            GeographicalDqr = Dqr(dqi, "geographicalDQR"),
            Status = Text(pf, "status") == "Deprecated" ? "Deprecated" : "Active",
            SpecVersion = Clip(Text(pf, "specVersion") ?? string.Empty, 20),
            DocumentJson = document,
            DocumentHash = CanonicalJson.Hash(document),
            ReceivedAtUtc = nowUtc,
        }, null);
    }

    /// <summary>Adds new footprints and updates known ones (a supplier deprecates a footprint by sending it again).</summary>
    public static async Task StoreAsync(TanpanDb db, IReadOnlyList<ReceivedFootprint> received, CancellationToken ct)
    {
        var ids = received.Select(r => r.PfId).ToList();
        var known = await db.ReceivedFootprints.Where(r => ids.Contains(r.PfId)).ToDictionaryAsync(r => r.PfId, ct);
        foreach (var r in received.DistinctBy(r => r.PfId))
        {
            if (known.TryGetValue(r.PfId, out var row))
            {
                (row.Status, row.DocumentJson, row.DocumentHash, row.ReceivedAtUtc) = (r.Status, r.DocumentJson, r.DocumentHash, r.ReceivedAtUtc);
                row.SupplierConnectionId ??= r.SupplierConnectionId;
            }
            else
            {
                db.ReceivedFootprints.Add(r);
            }
        }
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>v3 decimals are strings, v2 numbers are numbers; both read.</summary>
    private static decimal? Number(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        _ => null,
    };

    private static decimal? Dqr(JsonObject? dqi, string name) => dqi is not null && Number(dqi, name) is { } d and >= 1 and <= 5 ? d : null;

    /// <summary>PACT periods end exclusively at a midnight; the last day of the period is the day before.</summary>
    private static DateOnly? Day(string? text, bool end)
    {
        if (text is null || !PactFilter.TryTime(text, out var t))
        {
            return null;
        }

        var day = DateOnly.FromDateTime(t);
        return end && t.TimeOfDay == TimeSpan.Zero ? day.AddDays(-1) : day;
    }

    internal static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}
