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

/// <summary>The PCRs shipped with Tanpan (embedded from <c>data/pcr/*.json</c>), and the reading and checking of a
/// PCR document, shipped or an operator's new version.</summary>
public static class PcrLibrary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<PcrCatalog> ShippedCatalog = new(Load);

    /// <summary>The shipped PCRs as a catalog (an operator's versions are added with <see cref="PcrCatalog.With"/>).</summary>
    public static PcrCatalog Shipped => ShippedCatalog.Value;

    public static IReadOnlyCollection<Pcr> All => Shipped.Current;

    public static Pcr? Find(string id) => Shipped.Latest(id);

    /// <summary>Reads a PCR document (the shipped format; an operator's new version uses the same).</summary>
    public static Pcr Parse(string json) => JsonSerializer.Deserialize<Pcr>(json, Json) ?? throw new JsonException("empty PCR document");

    public static string Write(Pcr pcr) => JsonSerializer.Serialize(pcr, new JsonSerializerOptions(Json) { WriteIndented = true });

    /// <summary>Reads and checks a PCR document: every field present, the stages the five life-cycle stages once each,
    /// the cut-off limits shares with single ≤ total, the threshold a share, the data period 1–60 months, product
    /// information keys unique. Errors name the field path.</summary>
    public static Common.Outcome<Pcr> Validate(string json)
    {
        Pcr? pcr;
        try
        {
            pcr = JsonSerializer.Deserialize<Pcr>(json, Json);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path;
            return Common.Outcome<Pcr>.Failure([new Common.FieldError(path, $"not a PCR document: {ex.Message.Split(". Path:")[0]}", "pcr.json")]);
        }

        if (pcr is null)
        {
            return Common.Outcome<Pcr>.Failure([new Common.FieldError("$", "not a PCR document: empty", "pcr.json")]);
        }

        var errors = new List<Common.FieldError>();
        void Need(bool ok, string path, string message)
        {
            if (!ok)
            {
                errors.Add(new(path, message, "pcr.rule"));
            }
        }

        Need(System.Text.RegularExpressions.Regex.IsMatch(pcr.Id ?? "", "^[a-z0-9][a-z0-9-]{2,99}$"), "id", "3–100 characters a–z, 0–9 and '-'");
        Need(!string.IsNullOrWhiteSpace(pcr.Version) && pcr.Version.Length <= 20, "version", "required, up to 20 characters");
        Need(!string.IsNullOrWhiteSpace(pcr.NameZh) && !string.IsNullOrWhiteSpace(pcr.NameEn), "nameZh", "both names are required");
        Need(!string.IsNullOrWhiteSpace(pcr.Publisher), "publisher", "required");
        Need(pcr.ValidYears is >= 1 and <= 20, "validYears", "from 1 to 20");
        Need(!string.IsNullOrWhiteSpace(pcr.DeclaredUnitZh) && !string.IsNullOrWhiteSpace(pcr.DeclaredUnitEn), "declaredUnitZh", "the declared unit in both languages is required");
        var stages = pcr.Stages ?? [];
        Need(stages.Count == LifeStages.Codes.Count && LifeStages.Codes.All(c => stages.Count(s => s.Stage == c.Code) == 1), "stages", $"each of {string.Join(", ", LifeStages.Codes.Select(c => c.Code))} once");
        if (pcr.Cutoff is { } c)
        {
            Need(c.SingleMax is > 0 and <= 1, "cutoff.singleMax", "a share above 0 and at most 1");
            Need(c.TotalMax is > 0 and <= 1 && c.TotalMax >= c.SingleMax, "cutoff.totalMax", "a share at most 1 and at least singleMax");
            Need(c.CoverageMin is > 0 and <= 1, "cutoff.coverageMin", "a share above 0 and at most 1");
        }

        Need(pcr.PrimaryData?.Threshold is >= 0 and <= 1, "primaryData.threshold", "a share from 0 to 1");
        Need(pcr.DataPeriod?.Months is >= 1 and <= 60, "dataPeriod.months", "from 1 to 60");
        var keys = (pcr.ProductInformation ?? []).Select(f => f.Key).ToList();
        Need(keys.All(k => !string.IsNullOrWhiteSpace(k)) && keys.Distinct(StringComparer.Ordinal).Count() == keys.Count, "productInformation", "every field has a key, each key once");
        Need(!string.IsNullOrWhiteSpace(pcr.Source), "source", "where the PCR is published (required)");
        return errors.Count > 0 ? Common.Outcome<Pcr>.Failure(errors) : Common.Outcome<Pcr>.Success(pcr);
    }

    private static PcrCatalog Load()
    {
        var assembly = typeof(PcrLibrary).Assembly;
        var pcrs = new List<Pcr>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Tanpan.Pcr.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            pcrs.Add(Parse(reader.ReadToEnd()));
        }

        return new PcrCatalog(pcrs);
    }
}

/// <summary>PCR versions by id: the current one of an id is the latest published (a later version of the same date
/// after the earlier); older versions stay findable, so a locked footprint is shown with the version it followed.</summary>
public sealed class PcrCatalog
{
    private readonly FrozenDictionary<string, Pcr[]> byId;

    public PcrCatalog(IEnumerable<Pcr> versions)
    {
        byId = versions.GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(p => p.Published).ToArray(), StringComparer.Ordinal);
        Current = [.. byId.Values.Select(v => v[^1]).OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    /// <summary>The current version of every PCR.</summary>
    public IReadOnlyList<Pcr> Current { get; }

    public IReadOnlyList<Pcr> Versions(string id) => byId.TryGetValue(id, out var v) ? v : [];

    public Pcr? Latest(string id) => byId.TryGetValue(id, out var v) ? v[^1] : null;

    public Pcr? Find(string id, string version) => byId.TryGetValue(id, out var v) ? v.LastOrDefault(p => p.Version == version) : null;

    /// <summary>This catalog with more versions (an operator's), after the ones it has.</summary>
    public PcrCatalog With(IEnumerable<Pcr> added) => new(byId.Values.SelectMany(v => v).Concat(added));
}
