using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tanpan.Web.Platform.Records;

/// <summary>The canonical form of a stored record and its hash. A record is serialised with fixed options —
/// declaration order, no indentation, decimals without trailing zeros (1.50 and 1.5 are the same number and must
/// hash alike, whatever precision a database column gave back) — and hashed with SHA-256 over the UTF-8 bytes.
/// Verifying re-serialises what was read, so an edit anywhere in the stored JSON changes the hash.</summary>
public static class CanonicalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new NormalizedDecimalConverter() },
        // Chinese stays readable in the database; the hash is over whatever bytes this produces, consistently.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("A stored record is null.");

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Serialises and hashes in one step.</summary>
    public static (string Json, string Hash) Seal<T>(T record)
    {
        var json = Serialize(record);
        return (json, Hash(json));
    }

    /// <summary>True when <paramref name="storedJson"/> still is the record <paramref name="storedHash"/> was taken of:
    /// it must read as <typeparamref name="T"/>, re-serialise to the same canonical text and hash to the same value.</summary>
    public static bool Verify<T>(string? storedJson, string? storedHash, out T? record)
    {
        record = default;
        if (storedJson is null || storedHash is null)
        {
            return false;
        }

        try
        {
            record = Deserialize<T>(storedJson);
        }
        catch (JsonException)
        {
            return false;
        }

        var canonical = Serialize(record);
        return canonical == storedJson && string.Equals(Hash(canonical), storedHash, StringComparison.Ordinal);
    }

    /// <summary>Drops trailing zeros: 1.5000 → 1.5 (G29-style, invariant).</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private sealed class NormalizedDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(Normalize(value).ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
