using System.Collections.Frozen;
using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Localization;

/// <summary>What people read instead of codes: activities, units, statuses, roles, boundaries, entry kinds, gases,
/// in zh-TW and English, from <c>data/names/names.csv</c>. Codes stay in the API and in exports' id columns; a page
/// never prints one. A test checks that every enum shown on a page and every shipped activity has both names.</summary>
public static class Names
{
    public const string Activity = "activity";
    public const string Unit = "unit";
    public const string Role = "role";
    public const string Use = "use";
    public const string Technology = "technology";
    public const string Scope = "scope";
    public const string Verification = "verification";
    public const string EnergyMethod = "energy-method";
    public const string Gas = "gas";
    public const string WorkOrderStatus = "work-order-status";

    /// <summary>A Taipower schedule id (taipower-hv-3tou …).</summary>
    public const string Tariff = "tariff";

    private static readonly FrozenDictionary<(string Kind, string Code), (string Zh, string En)> Catalogue = Load();

    public static (string Zh, string En)? Find(string kind, string code) =>
        Catalogue.TryGetValue((kind, code), out var name) ? name : kind == Activity ? DerivedActivity(code) : null;

    /// <summary>The name in the reader's language; an unknown code is shown as it is (user-defined units, say).</summary>
    public static string Name(this HttpContext context, string kind, string? code) => Language.Of(context).Name(kind, code);

    public static string Name<TEnum>(this HttpContext context, TEnum value)
        where TEnum : struct, Enum => context.Name(typeof(TEnum).Name, value.ToString());

    public static string ActivityName(this HttpContext context, string? code) => context.Name(Activity, code);

    public static string UnitName(this HttpContext context, string? code) => context.Name(Unit, code);

    /// <summary>The name of a unit written the way a bill writes it (度, 公升): its canonical unit's name.</summary>
    public static string UnitNameOf(this HttpContext context, string? text) => Language.Of(context).UnitNameOf(text);

    public static string RoleName(this HttpContext context, string? role) => context.Name(Role, role);

    /// <summary>"1月" … "12月", or "Jan" … "Dec": chart axes and month tables.</summary>
    public static string[] MonthNames(this HttpContext context) =>
        [.. Enumerable.Range(1, 12).Select(m => context.T($"{m}月", System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m)))];

    /// <summary>範疇一 … 範疇三 / Scope 1 … Scope 3, index 0 = scope 1.</summary>
    public static string[] ScopeNames(this HttpContext context) => [context.T("範疇一", "Scope 1"), context.T("範疇二", "Scope 2"), context.T("範疇三", "Scope 3")];

    /// <summary>A factor's verification level by name: the leading level word of a note such as "verified (two
    /// transcriptions agree)" or "verified; heat value secondary", in the reader's language. The note's detail is
    /// evidence for reviewers and stays as published (pages show it marked not to translate).</summary>
    public static string VerificationLevel(this HttpContext context, string? verification) => VerificationLevel(Language.Of(context), verification);

    /// <inheritdoc cref="VerificationLevel(HttpContext, string?)"/>
    public static string VerificationLevel(Language language, string? verification)
    {
        if (string.IsNullOrWhiteSpace(verification))
        {
            return string.Empty;
        }

        static string Word(string text) => text.TrimStart().Split([' ', ';', '(', ','], 2)[0];
        var level = language.Name(Verification, Word(verification));
        var heat = verification.IndexOf("heat value ", StringComparison.Ordinal);
        return heat < 0 ? level : level + language.T("；熱值", "; heat value ") + language.Name(Verification, Word(verification[(heat + "heat value ".Length)..]));
    }

    private static (string Zh, string En)? DerivedActivity(string code)
    {
        // Materials, freight and waste rows carry their own names in both languages.
        if (Engine.Factors.FactorLibrary.Shipped.FindSecondary(code) is { } row)
        {
            return (row.NameZh, row.NameEn);
        }

        if (!Engine.Activities.ActivityId.TryParse(code, out var id))
        {
            return null;
        }

        var name = id.Value.Name;
        return id.Value.Kind switch
        {
            Engine.Activities.ActivityKind.Refrigerant => ($"冷媒 {name}", $"Refrigerant {name}"),
            Engine.Activities.ActivityKind.Gas => ($"{name} 排放", $"{name} released"),
            Engine.Activities.ActivityKind.Custom => ($"自訂係數：{name}", $"Own factor: {name}"),
            _ => null,
        };
    }

    private static FrozenDictionary<(string, string), (string, string)> Load()
    {
        using var stream = typeof(Names).Assembly.GetManifestResourceStream("Tanpan.Names.names.csv")
            ?? throw new InvalidOperationException("names.csv is not embedded");
        using var reader = new StreamReader(stream);
        var rows = Csv.Read(reader.ReadToEnd(), "names.csv");
        return rows.ToFrozenDictionary(r => (r["kind"], r["code"]), r => (r["zh"], r["en"]));
    }

    /// <summary>Every (kind, code) in the catalogue, for the completeness test.</summary>
    internal static IEnumerable<(string Kind, string Code)> Keys => Catalogue.Keys;
}
