using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tanpan.Engine.Footprint;

/// <summary>A stage of the PCR's life cycle and whether it must be assessed for B2B (cradle-to-gate) and for B2C
/// (cradle-to-grave) declarations.</summary>
public sealed record PcrStage(string Stage, bool MandatoryB2B, bool MandatoryB2C, string RuleZh);

/// <summary>Cut-off: a single omitted source at most <paramref name="SingleMax"/> of the life-cycle emissions, all
/// omitted at most <paramref name="TotalMax"/>, and what is counted at least <paramref name="CoverageMin"/>.</summary>
public sealed record PcrCutoff(decimal SingleMax, decimal TotalMax, decimal CoverageMin, string RuleZh);

/// <summary>The primary-data rule: when the maker's own (manufacturing) emissions are below
/// <paramref name="Threshold"/> of the raw-material stage's, supplier primary data is required until the maker's
/// and the suppliers' primary emissions together reach it.</summary>
public sealed record PcrPrimaryData(decimal Threshold, string RuleZh);

public sealed record PcrDataPeriod(int Months, string RuleZh);

public sealed record PcrAllocation(IReadOnlyList<string> Keys, string RuleZh);

/// <summary>One item of the product information the declared unit must state (the lathe's spec table).</summary>
public sealed record PcrProductField(string Key, string NameZh, string NameEn, string? Unit, string? Example);

public sealed record PcrComponentGroup(string Level1, IReadOnlyList<string> Level2);

/// <summary>A component class (main, secondary, consumables, packaging) with its level-1 / level-2 taxonomy.</summary>
public sealed record PcrComponentClass(string Class, string NameZh, string NameEn, IReadOnlyList<PcrComponentGroup> Groups);

/// <summary>A product category rule as data: versioned, with the rules the footprint is checked against and the
/// information a product under it must carry. Shipped PCRs live in <c>data/pcr/</c>.</summary>
public sealed record Pcr(
    string Id,
    string Version,
    string NameZh,
    string NameEn,
    string Publisher,
    DateOnly Published,
    int ValidYears,
    string DeclaredUnitZh,
    string DeclaredUnitEn,
    IReadOnlyList<PcrStage> Stages,
    PcrCutoff Cutoff,
    PcrPrimaryData PrimaryData,
    PcrDataPeriod DataPeriod,
    PcrAllocation Allocation,
    IReadOnlyList<PcrProductField> ProductInformation,
    IReadOnlyList<PcrComponentClass> Components,
    string Source)
{
    /// <summary>Whether the stage must be assessed under the boundary (B2B = cradle-to-gate, B2C = cradle-to-grave).</summary>
    public bool IsMandatory(LifeStage stage, SystemBoundary boundary) =>
        Stages.FirstOrDefault(s => s.Stage == stage.Code()) is { } rule && (boundary == SystemBoundary.CradleToGate ? rule.MandatoryB2B : rule.MandatoryB2C);
}

/// <summary>The PCRs shipped with Tanpan (embedded from <c>data/pcr/*.json</c>).</summary>
public static class PcrLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Lazy<FrozenDictionary<string, Pcr>> Shipped = new(Load);

    public static IReadOnlyCollection<Pcr> All => Shipped.Value.Values;

    public static Pcr? Find(string id) => Shipped.Value.GetValueOrDefault(id);

    /// <summary>Reads a PCR document (the shipped format; an operator's new version uses the same).</summary>
    public static Pcr Parse(string json) => JsonSerializer.Deserialize<Pcr>(json, Json) ?? throw new JsonException("empty PCR document");

    private static FrozenDictionary<string, Pcr> Load()
    {
        var assembly = typeof(PcrLibrary).Assembly;
        var pcrs = new Dictionary<string, Pcr>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Tanpan.Pcr.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var pcr = Parse(reader.ReadToEnd());
            pcrs.Add(pcr.Id, pcr);
        }

        return pcrs.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
