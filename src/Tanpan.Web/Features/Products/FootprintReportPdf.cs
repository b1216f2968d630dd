using System.Globalization;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Pdf;

namespace Tanpan.Web.Features.Products;

/// <summary>The CFP study report (產品碳足跡計算報告) of a product, in zh-TW or English, rendered from its stored
/// record alone: goal and scope (declared unit, PCR, boundary, stages, data period), the product's information, the
/// method, results by stage and by BOM line, uncertainty (Monte Carlo), data sources and quality (PACT DQR), how
/// derived quantities were derived (allocation keys, scenarios), cut-off with the omitted and excluded inputs, the PCR
/// compliance table, and the version and SHA-256 of the record. An unlocked footprint prints as a draft.</summary>
public static class FootprintReportPdf
{
    public static byte[] Render(StoredProductFootprint record, Pcr? pcr, string recordHash, DateTime generatedUtc, Language language)
    {
        var l = language;
        var culture = l.Culture;
        var product = record.Product;
        var result = record.Result;
        var companyName = record.CompanyName;
        var information = product.Information;
        var locked = record.Lock;
        string Kg(decimal kg) => kg.ToString("N3", culture);
        string Pct(decimal share) => (share * 100m).ToString("N2", culture) + "%";
        string Stage(string code) => l.Name("stage", code);
        string LineName(string id) => record.LineName(id);
        var declared = pcr is null ? "1 piece" : l.T(pcr.DeclaredUnitZh, pcr.DeclaredUnitEn);
        var hash = recordHash;
        var title = l.T($"{product.Name} 產品碳足跡計算報告", $"{product.Name} product carbon footprint report");
        var layout = new PdfLayout();
        layout.Heading(title, 18f);
        layout.Paragraph(locked is null
            ? l.T("狀態：草稿（結果尚未鎖定；數字取自產製當時之物料清單與係數）。", "Status: draft (the result is not locked; the figures are those of the BOM and factors when this was generated).")
            : l.T($"狀態：已鎖定第 {record.Version} 版（{TaipeiTime.Format(locked.LockedAtUtc)} Asia/Taipei，{locked.LockedBy}）{(locked.Note is null ? "" : $"；說明：{locked.Note}")}。",
                $"Status: locked version {record.Version} ({TaipeiTime.Format(locked.LockedAtUtc)} Asia/Taipei, {locked.LockedBy}){(locked.Note is null ? "" : $"; note: {locked.Note}")}."), 10f);

        layout.Heading(l.T("一、目的與範疇", "1. Goal and scope"), 13f);
        layout.Paragraph(l.T($"公司：{companyName}　產品：{product.Name}{(product.Model is null ? "" : $"（{product.Model}）")}", $"Company: {companyName}; product: {product.Name}{(product.Model is null ? "" : $" ({product.Model})")}"));
        layout.Paragraph(pcr is null
            ? l.T($"產品類別規則：{product.PcrId}，第 {product.PcrVersion} 版。", $"Product category rule: {product.PcrId}, version {product.PcrVersion}.")
            : l.T($"產品類別規則：{pcr.NameZh}，第 {product.PcrVersion} 版（{pcr.Publisher}，{pcr.Published:yyyy-MM-dd}）。宣告單位：{declared}。", $"Product category rule: {pcr.NameEn}, version {product.PcrVersion} ({pcr.Publisher}, {pcr.Published:yyyy-MM-dd}). Declared unit: {declared}."));
        var boundary = LifeStages.TryParseBoundary(result.Boundary, out var parsed) ? parsed : SystemBoundary.CradleToGate;
        var included = string.Join(l.T("、", ", "), LifeStages.Codes.Where(c => boundary.Includes(c.Stage)).Select(c => Stage(c.Code)));
        var excludedStages = LifeStages.Codes.Where(c => !boundary.Includes(c.Stage)).Select(c => Stage(c.Code)).ToList();
        layout.Paragraph(l.T($"系統界限：{l.Name("boundary", result.Boundary)}；納入階段：{included}", $"System boundary: {l.Name("boundary", result.Boundary)}; stages included: {included}")
            + (excludedStages.Count == 0 ? string.Empty : l.T($"；未納入（B2B 自願性）：{string.Join("、", excludedStages)}", $"; not included (voluntary for B2B): {string.Join(", ", excludedStages)}")) + l.T("。", "."));
        layout.Paragraph(product.DataFrom is { } from && product.DataTo is { } to
            ? l.T($"數據期間：{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}{(product.DataJustification is null ? "" : $"（說明：{product.DataJustification}）")}；係數年度 {result.Year}；GWP 採 IPCC {result.GwpSet}。",
                $"Data period: {from:yyyy-MM-dd} to {to:yyyy-MM-dd}{(product.DataJustification is null ? "" : $" (justification: {product.DataJustification})")}; factor year {result.Year}; GWP from IPCC {result.GwpSet}.")
            : l.T($"數據期間：未填寫；係數年度 {result.Year}；GWP 採 IPCC {result.GwpSet}。", $"Data period: not stated; factor year {result.Year}; GWP from IPCC {result.GwpSet}."));
        if (pcr is not null && pcr.ProductInformation.Any(f => information.ContainsKey(f.Key)))
        {
            layout.Table(
                [l.T("產品資訊", "Product information"), l.T("內容", "Value")],
                pcr.ProductInformation.Where(f => information.ContainsKey(f.Key)).Select(f => (IReadOnlyList<string>)[l.T(f.NameZh, f.NameEn) + (f.Unit is null ? "" : $" ({f.Unit})"), information[f.Key]]),
                [2, 3]);
        }

        layout.Heading(l.T("二、方法", "2. Method"), 13f);
        layout.Paragraph(l.T("依 ISO 14067:2018 與上述產品類別規則計算：產品系統以物料清單表示，每個次組件為一個單元過程；各物料、能源、運輸與廢棄物以排放係數（或供應商提供之一級數據）乘以用量，依各單元過程之倍數加總為每宣告單位之碳足跡。"
            + (result.Solve.Method == "exact" ? "物料清單無循環，倍數以十進位精確計算。" : $"物料清單含循環，以線性方程組求解（{result.Solve.Method}，相對殘差 {result.Solve.RelativeResidual:0.#e+0}）。"),
            "Calculated per ISO 14067:2018 and the PCR above: the product system is the bill of materials, each sub-assembly a unit process; every material, energy, transport and waste input is its quantity times its emission factor (or the supplier's primary data), scaled by how often each unit process runs for one declared unit."
            + (result.Solve.Method == "exact" ? " The BOM has no loop, so the scaling is exact in decimals." : $" The BOM has loops and is solved as a linear system ({result.Solve.Method}, relative residual {result.Solve.RelativeResidual:0.#e+0}).")));
        var derived = record.Lines.Where(x => x.Derivation is not null).ToList();
        if (derived.Count > 0)
        {
            layout.Paragraph(l.T("分配與情境（用量如何推得）：", "Allocation and scenarios (how quantities were derived):"), 10f);
            foreach (var line in derived)
            {
                layout.Paragraph($"• {line.LineNo} {line.Name}: {Derivations.Describe(line.Derivation!, l)}", 8f);
            }
        }

        layout.Heading(l.T("三、結果", "3. Results"), 13f);
        layout.Paragraph(l.T($"產品碳足跡：{Kg(result.TotalKgCo2e)} kgCO2e／{declared}；一級數據占比 {Pct(result.PrimaryDataShare)}。", $"Product carbon footprint: {Kg(result.TotalKgCo2e)} kgCO2e per {declared}; primary-data share {Pct(result.PrimaryDataShare)}."), 11f);
        layout.Table(
            [l.T("生命週期階段", "Life-cycle stage"), "kgCO2e", l.T("占比", "Share")],
            result.ByStage.Select(s => (IReadOnlyList<string>)[Stage(s.Key), Kg(s.Value), result.TotalKgCo2e == 0 ? "—" : Pct(s.Value / result.TotalKgCo2e)]),
            [3, 1.5f, 1], new HashSet<int> { 1, 2 });
        layout.BarChart(result.ByStage.Select(s => (Stage(s.Key), s.Value, Kg(s.Value))).ToList());
        layout.Heading(l.T("依物料清單項目", "By BOM line"), 11f);
        layout.Table(
            [l.T("行號", "Line"), l.T("品名", "Name"), l.T("階段", "Stage"), l.T("用量", "Quantity"), l.T("係數", "Factor"), "kgCO2e", l.T("占比", "Share")],
            result.Inputs.OrderByDescending(i => i.KgCo2e).Select(i => (IReadOnlyList<string>)[
                i.Id, LineName(i.Id) + (i.Primary ? l.T("（一級）", " (primary)") : string.Empty), Stage(i.Stage),
                $"{i.Quantity.ToString("0.####", CultureInfo.InvariantCulture)} {l.UnitName(i.Unit)}",
                $"{i.Factor.Value.ToString("0.######", CultureInfo.InvariantCulture)} {i.Factor.Unit}", Kg(i.KgCo2e), Pct(i.Share)]),
            [0.7f, 2.2f, 1.1f, 1.2f, 1.6f, 1.1f, 0.8f], new HashSet<int> { 3, 5, 6 });
        if (record.Distribution is { } mc)
        {
            layout.Heading(l.T("不確定性（蒙地卡羅）", "Uncertainty (Monte Carlo)"), 11f);
            layout.Paragraph(l.T(
                $"依各行之對數常態幾何標準差抽樣 {mc.Iterations:N0} 次（種子 {mc.Seed}）：平均 {Kg(mc.Mean)} kgCO2e，標準差 {Kg(mc.Sd)}，95 % 區間 {Kg(mc.P2Point5)} – {Kg(mc.P97Point5)} kgCO2e。",
                $"{mc.Iterations:N0} draws from each line's lognormal geometric standard deviation (seed {mc.Seed}): mean {Kg(mc.Mean)} kgCO2e, sd {Kg(mc.Sd)}, 95 % interval {Kg(mc.P2Point5)} – {Kg(mc.P97Point5)} kgCO2e."));
        }

        layout.Heading(l.T("四、數據來源與品質", "4. Data sources and quality"), 13f);
        var q = record.Quality;
        string Dqr(decimal? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : l.T("未評", "not rated");
        layout.Paragraph(l.T(
            $"數據品質（PACT DQR，1 最佳至 5 最差，依排放量加權）：技術代表性 {Dqr(q.TechnologicalDqr)}、時間代表性 {Dqr(q.TemporalDqr)}、地理代表性 {Dqr(q.GeographicalDqr)}；已評等之排放占 {Pct(q.CoverageShare)}。",
            $"Data quality (PACT DQR, 1 best to 5 worst, weighted by emissions): technological {Dqr(q.TechnologicalDqr)}, temporal {Dqr(q.TemporalDqr)}, geographical {Dqr(q.GeographicalDqr)}; rated emissions {Pct(q.CoverageShare)}."));
        foreach (var factor in result.Inputs.Select(i => i.Factor).DistinctBy(f => f.Id))
        {
            layout.Paragraph($"• {factor.Id}: {factor.Value.ToString("0.######", CultureInfo.InvariantCulture)} {factor.Unit}{l.T("；", "; ")}{factor.Source}{l.T("；", "; ")}{factor.Version} ({Names.VerificationLevel(l, factor.Verification)})", 8f);
        }

        layout.Heading(l.T("五、截斷與排除", "5. Cut-off and exclusions"), 13f);
        layout.Paragraph(result.Omitted.Count == 0
            ? l.T("無依截斷準則省略之項目。", "No input is omitted under the cut-off rule.")
            : l.T("依截斷準則省略（估算，不計入總量）：", "Omitted under the cut-off rule (estimated, not counted): ")
                + string.Join(l.T("、", "; "), result.Omitted.Select(o => $"{LineName(o.Id)} {Kg(o.KgCo2e)} kgCO2e{l.T("（", " (")}{Pct(o.Share)}{l.T("）", ")")}")));
        if (result.Excluded.Count > 0)
        {
            layout.Paragraph(l.T("系統界限外（不計入）：", "Outside the system boundary (not counted): ") + string.Join(l.T("、", "; "), result.Excluded.Select(x => $"{LineName(x.Id)} {Kg(x.KgCo2e)} kgCO2e{l.T("（", " (")}{Stage(x.Stage)}{l.T("）", ")")}")));
        }

        if (result.PcrCheck is { } check)
        {
            layout.Heading(l.T("六、產品類別規則符合性", "6. PCR compliance"), 13f);
            layout.Table(
                [l.T("規則", "Rule"), l.T("結果", "Result"), l.T("說明", "Detail")],
                check.Rules.Select(r => (IReadOnlyList<string>)[l.Name("rule", r.Id), l.Name("rule-status", r.Status), PcrRuleText.Describe(r, l)]),
                [1.8f, 0.8f, 4]);
        }

        var generated = TaipeiTime.Format(generatedUtc);
        var state = locked is null ? l.T("草稿", "draft") : l.T($"第 {record.Version} 版", $"version {record.Version}");
        layout.Paragraph(l.T($"紀錄 SHA-256：{hash}", $"Record SHA-256: {hash}"), 7.5f);
        return layout.Render(title, companyName, (page, pages) => l.T(
            $"碳盤 Tanpan　{product.Name} 產品碳足跡計算報告（{state}）　產製 {generated} Asia/Taipei　第 {page} / {pages} 頁",
            $"Tanpan · {product.Name} product carbon footprint report ({state}) · generated {generated} Asia/Taipei · page {page} of {pages}"));
    }
}
