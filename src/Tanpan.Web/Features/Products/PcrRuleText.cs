using System.Globalization;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Products;

/// <summary>A PCR rule's verdict in the reader's language, with the numbers it compared. The engine's message is
/// English (it is the API's); the zh-TW sentence is built from the same id, status, value, limit and subjects.</summary>
public static class PcrRuleText
{
    public static string Describe(FootprintResponse.RuleResponse r, Language l, Func<string, string>? lineName = null)
    {
        if (l.English)
        {
            return r.Message;
        }

        var name = lineName ?? (id => id);
        var subjects = r.Subjects ?? [];
        string Pct(decimal? share) => share is { } s ? (s * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "—";
        var pass = r.Status == "pass";
        return (r.Id, r.Status) switch
        {
            ("boundary", "pass") => "所有強制性階段皆有計入之投入",
            ("boundary", _) => "強制性階段缺少計入之投入：" + string.Join("、", subjects.Select(c => l.Name("stage", c))),
            ("cutoff.single", "not-applicable") or ("cutoff.total", "not-applicable") => "無截斷省略之投入",
            ("cutoff.single", "pass") => $"最大之省略項目「{string.Join("、", subjects.Select(name))}」占 {Pct(r.Value)} ≤ {Pct(r.Limit)}",
            ("cutoff.single", _) => $"超過 {Pct(r.Limit)} 之省略項目：{string.Join("、", subjects.Select(name))}（最大 {Pct(r.Value)}）",
            ("cutoff.total", _) => $"省略合計 {Pct(r.Value)} {(pass ? "≤" : ">")} {Pct(r.Limit)}",
            ("cutoff.coverage", "not-applicable") => "無排放可涵蓋",
            ("cutoff.coverage", _) => $"已計入 {Pct(r.Value)} {(pass ? "≥" : "<")} 總量（含省略）之 {Pct(r.Limit)}",
            ("primary-data", "not-applicable") => "無原料階段排放",
            ("primary-data", "pass") when r.Message.Contains("not required", StringComparison.Ordinal) => $"製造階段為原料階段之 {Pct(r.Value)} ≥ {Pct(r.Limit)}：無須供應商一級數據",
            ("primary-data", _) => $"製造階段低於原料階段之 {Pct(r.Limit)}，須以供應商一級數據補足：製造＋供應商一級數據 = {Pct(r.Value)} {(pass ? "≥" : "<")} {Pct(r.Limit)}",
            ("data-period", _) when subjects.Count == 0 => $"未填寫數據期間；本規則要求 {r.Limit:0} 個月",
            ("data-period", "pass") when subjects.Count > 2 => $"{subjects[0]} 至 {subjects[1]}，{r.Value:0.#} 個月（非 {r.Limit:0} 個月之說明：{subjects[2]}）",
            ("data-period", "pass") => $"{subjects[0]} 至 {subjects[1]}：{r.Limit:0} 個月",
            ("data-period", _) => $"{subjects[0]} 至 {subjects[1]} 為 {r.Value:0.#} 個月，非 {r.Limit:0} 個月；請說明理由",
            _ => r.Message,
        };
    }
}
