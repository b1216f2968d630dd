using System.Globalization;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Products;

/// <summary>How derived BOM quantities are described to a reader: the kind, the key, each term with its number and
/// unit, what the numbers are based on and why.</summary>
public static class Derivations
{
    public const string Allocation = "allocation";
    public const string Transport = "transport";
    public const string Use = "use";
    public const string EndOfLife = "end-of-life";

    private static readonly Dictionary<string, (string Zh, string En)> Kinds = new(StringComparer.Ordinal)
    {
        [Allocation] = ("自全廠盤查分配", "allocated from the site inventory"),
        [Transport] = ("運輸情境", "transport scenario"),
        [Use] = ("使用階段情境", "use-phase scenario"),
        [EndOfLife] = ("廢棄處理情境", "end-of-life scenario"),
    };

    /// <summary>Allocation keys the PCR allows (10.3.2: avoid allocation; else by mass, output or machine hours).</summary>
    public static readonly IReadOnlyList<(string Key, string Zh, string En)> Keys =
    [
        ("mass", "依質量", "by mass"),
        ("output", "依產量（件數）", "by output (pieces)"),
        ("machine-hours", "依機台工時", "by machine hours"),
    ];

    private static readonly Dictionary<string, (string Zh, string En)> Terms = new(StringComparer.Ordinal)
    {
        ["site-total"] = ("全廠用量", "site total"),
        ["product-amount"] = ("本產品之分配基準", "this product's amount of the key"),
        ["site-amount"] = ("全廠之分配基準", "the site's amount of the key"),
        ["mass"] = ("載重", "mass carried"),
        ["distance"] = ("距離", "distance"),
        ["run-hours"] = ("運轉時數", "run hours"),
        ["run-power"] = ("運轉功率", "run power"),
        ["standby-hours"] = ("暖機／待機時數", "warm-up/standby hours"),
        ["standby-power"] = ("暖機／待機功率", "warm-up/standby power"),
        ["other-hours"] = ("其他模式時數", "other-mode hours"),
        ["other-power"] = ("其他模式功率", "other-mode power"),
        ["days-per-year"] = ("每年使用日數", "days a year"),
        ["years"] = ("使用年限", "years of use"),
        ["product-mass"] = ("產品質量", "product mass"),
        ["share"] = ("處理比例", "share of the product"),
    };

    // Scenario terms carry units the quantity system has no dimension for (distance, power, days, years, shares).
    private static readonly Dictionary<string, (string Zh, string En)> TermUnits = new(StringComparer.Ordinal)
    {
        ["km"] = ("公里", "km"), ["kW"] = ("kW", "kW"), ["d"] = ("日", "days"), ["yr"] = ("年", "years"), ["%"] = ("%", "%"),
    };

    private static string TermUnit(string unit, Language l) => TermUnits.TryGetValue(unit, out var u) ? l.T(u.Zh, u.En) : l.UnitNameOf(unit);

    public static string KeyName(string? key, Language l) =>
        Keys.FirstOrDefault(k => k.Key == key) is { Key: not null } k ? l.T(k.Zh, k.En) : key ?? string.Empty;

    public static string Describe(LineDerivation d, Language l)
    {
        var kind = Kinds.TryGetValue(d.Kind, out var k) ? l.T(k.Zh, k.En) : d.Kind;
        var key = d.Key is null ? string.Empty : l.T("（", " (") + KeyName(d.Key, l) + l.T("）", ")");
        var terms = string.Join(l.T("；", "; "), d.Terms.Select(t =>
            $"{(Terms.TryGetValue(t.Name, out var n) ? l.T(n.Zh, n.En) : t.Name)} {t.Value.ToString("#,0.######", CultureInfo.InvariantCulture)} {TermUnit(t.Unit, l)}"));
        var why = d.Justification is null ? string.Empty : l.T("；理由：", "; why: ") + d.Justification;
        return $"{kind}{key}{l.T("：", ": ")}{terms}{l.T("；依據：", "; based on: ")}{d.Basis}{why}";
    }
}
