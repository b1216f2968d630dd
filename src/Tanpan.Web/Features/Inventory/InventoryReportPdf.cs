using Tanpan.Engine.Quantities;
using Tanpan.Engine.Activities;
using System.Globalization;
using Tanpan.Web.Platform.Localization;

using Tanpan.Web.Platform.Pdf;

namespace Tanpan.Web.Features.Inventory;

/// <summary>The inventory report (溫室氣體盤查報告書) as PDF: company and boundary, method, results with charts,
/// data quality and the source and version of every factor used.</summary>
public static class InventoryReportPdf
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    public static byte[] Render(StoredInventory inventory, bool locked, DateTime? lockedAtUtc, DateTime generatedUtc, InventoryQualityReport? quality = null)
    {
        string T(decimal kg) => Units.TonnesFromKg(kg).ToString("N3", Zh);
        string Pct(decimal share) => (share * 100m).ToString("N2", Zh) + "%";
        var result = inventory.Result;
        var review = inventory.Review;
        var layout = new PdfLayout();
        layout.Heading($"{inventory.CompanyName} {inventory.Year} 年溫室氣體盤查報告書", 18f);
        layout.Paragraph(locked
            ? $"狀態：已核准鎖定（{(lockedAtUtc is { } at ? TaipeiTime.Format(at) : "—")} 台北時間，{review.ApprovedBy}）；本報告數據取自鎖定當時凍結之紀錄。"
            : "狀態：草稿（數據尚未經審核鎖定）。", 10f);
        if (review.SubmittedBy is not null)
        {
            layout.Paragraph($"填報送審：{review.SubmittedBy}（{(review.SubmittedAtUtc is { } s ? TaipeiTime.Format(s) : "—")}）" + (review.ApprovedBy is null ? string.Empty : $"　核准：{review.ApprovedBy}（{(review.ApprovedAtUtc is { } a ? TaipeiTime.Format(a) : "—")}）"), 9f);
        }

        if (review.SinglePersonReview)
        {
            layout.Paragraph("本盤查由同一人填報並核准：公司已聲明僅一人負責盤查（職責分離無法落實），此聲明已記錄於稽核軌跡。", 9f);
        }

        layout.Heading("一、組織與邊界", 13f);
        layout.Paragraph($"公司名稱：{inventory.CompanyName}　統一編號：{inventory.CompanyTaxId}　地址：{inventory.CompanyAddress}");
        layout.Paragraph($"盤查年度：{inventory.Year} 年 1 月 1 日至 12 月 31 日　邊界設定：{Boundary(inventory.Boundary)}　基準年：{inventory.BaseYear?.ToString(CultureInfo.InvariantCulture) ?? "未設定"}");
        layout.Paragraph("納入廠區：" + (inventory.Facilities.Count == 0 ? "—" : string.Join("、", inventory.Facilities.Select(f => f.Name))));

        layout.Heading("二、方法", 13f);
        layout.Paragraph("依 ISO 14064-1:2018 以排放係數法計算：排放量 = Σ（活動數據 × 各溫室氣體排放係數 × 全球暖化潛勢 GWP）。"
            + $"GWP 採 IPCC {result.GwpSet}；燃料燃燒之 CH4 依環境部規定採 28（而非化石甲烷之 30）。燃料係數採環境部 2024 年公告（kg/TJ）乘以經濟部能源署熱值（自 113 年起），"
            + "外購電力採能源署公告之當年度電力排碳係數（已為 CO2e，不再乘 GWP）。跨年度電費單依日數比例分攤至盤查年度並標示為估算。數值內部以全精度計算，報告中四捨五入至三位小數。");

        layout.Heading("三、盤查結果（公噸 CO2e）", 13f);
        layout.Table(
            ["總排放量", "範疇一", "範疇二", "範疇三", "估算數據占比"],
            [[T(result.TotalKgCo2e), T(result.Scope1KgCo2e), T(result.Scope2KgCo2e), T(result.Scope3KgCo2e), Pct(result.EstimatedShare)]],
            [1, 1, 1, 1, 1],
            new HashSet<int> { 0, 1, 2, 3, 4 },
            10f);
        if (inventory.BaseYearTotalKgCo2e is { } baseTotal && baseTotal != 0)
        {
            layout.Paragraph($"與基準年 {inventory.BaseYear} 年（{T(baseTotal)} 公噸 CO2e）相比：{Pct((result.TotalKgCo2e - baseTotal) / baseTotal)}。");
        }

        var categories = result.ByCategory.Where(c => c.KgCo2e != 0).Select(c => (Code: c.Key, Category: IsoCategory.Find(c.Key), Kg: c.KgCo2e)).ToList();
        layout.Table(
            ["類別", "名稱", "範疇", "公噸 CO2e", "占比"],
            categories.Select(c => (IReadOnlyList<string>)[c.Code, c.Category?.NameZh ?? "—", c.Category?.Scope.ToString(CultureInfo.InvariantCulture) ?? "—", T(c.Kg), result.TotalKgCo2e == 0 ? "—" : Pct(c.Kg / result.TotalKgCo2e)]),
            [0.6f, 2.2f, 0.6f, 1.2f, 1],
            new HashSet<int> { 3, 4 });
        layout.BarChart(categories.Select(c => ($"{c.Code} {c.Category?.NameZh}", c.Kg, T(c.Kg))).ToList());

        layout.Table(
            ["溫室氣體", "公噸 CO2e"],
            result.ByGasGroup.Where(g => g.KgCo2e != 0).Select(g => (IReadOnlyList<string>)[g.Key, T(g.KgCo2e)]),
            [2, 1],
            new HashSet<int> { 1 });
        if (result.SeparatelyReported.Count > 0)
        {
            layout.Paragraph("另行揭露（非京都議定書氣體，不計入總量）：" + string.Join("、", result.SeparatelyReported.Select(g => $"{g.Key} {T(g.KgCo2e)} 公噸 CO2e")));
        }

        layout.Heading("各廠區排放", 11f);
        layout.BarChart(inventory.ByFacility.Select(f => (f.Key, f.KgCo2e, T(f.KgCo2e))).ToList());
        layout.Heading("各月排放（依日數分攤）", 11f);
        layout.BarChart(inventory.ByMonth.Select((kg, i) => ($"{i + 1} 月", kg, T(kg))).ToList());

        layout.Heading("四、排放源明細", 13f);
        layout.Table(
            ["排放源", "類別", "活動數據", "係數", "公噸 CO2e"],
            result.Lines.Select(l =>
            {
                var factor = result.Factor(l.FactorId);
                return (IReadOnlyList<string>)[
                    l.Source,
                    l.Category,
                    $"{l.IncludedQuantity.ToString("N2", Zh)} {l.Unit}{(l.Estimated ? $"（估算 {l.IncludedDays}/{l.PeriodDays} 天）" : string.Empty)}",
                    $"{factor.Value.ToString("0.##########", CultureInfo.InvariantCulture)} {factor.Unit}",
                    T(l.KgCo2e)];
            }),
            [2.2f, 0.6f, 1.8f, 1.8f, 1],
            new HashSet<int> { 4 });

        layout.Heading("五、間接排放（類別三至六）", 13f);
        var scope3 = result.ByCategory.Where(c => IsoCategory.Find(c.Key)?.Scope == 3 && c.KgCo2e != 0).ToList();
        layout.Paragraph(scope3.Count == 0
            ? "本年度未量化類別三至六的排放。"
            : $"已量化的間接排放合計 {T(result.Scope3KgCo2e)} 公噸 CO2e："
                + string.Join("、", scope3.Select(c => $"{c.Key} {IsoCategory.Find(c.Key)?.NameZh} {T(c.KgCo2e)}")) + "。係數取自環境部產品碳足跡資料庫等公開資料，各係數的查證等級列於第七節。");
        if (inventory.Significance.Count > 0)
        {
            layout.Heading("重大性評估（門檻 " + inventory.SignificanceThreshold.ToString(CultureInfo.InvariantCulture) + " 分）", 11f);
            layout.Table(
                ["類別", "排放量大小", "影響程度", "風險或機會", "利害關係人", "重大", "理由"],
                inventory.Significance.Select(s => (IReadOnlyList<string>)[$"{s.Category} {IsoCategory.Find(s.Category)?.NameZh}", N(s.Magnitude), N(s.LevelOfInfluence), N(s.RiskOrOpportunity), N(s.StakeholderConcern), s.Significant ? "是" : "否", s.Rationale ?? string.Empty]),
                [2.2f, 0.8f, 0.8f, 0.8f, 0.8f, 0.5f, 2.4f],
                new HashSet<int> { 1, 2, 3, 4 });
        }

        layout.Heading("六、數據品質與不確定性", 13f);
        var verification = result.Factors.GroupBy(f => f.Verification).Select(g => $"{g.Key}：{g.Count()} 個係數");
        layout.Paragraph($"活動數據共 {result.Lines.Count} 筆，其中估算（跨年度分攤）排放占 {Pct(result.EstimatedShare)}。係數查證等級：{string.Join("；", verification)}。");
        if (quality is not null)
        {
            layout.Paragraph($"依環境部排放量清冊表六評分：清冊等級 {(quality.Grade.Grade switch { 1 => "第一級", 2 => "第二級", _ => "第三級" })}（加權平均 {quality.Grade.WeightedTotal.ToString("0.00", CultureInfo.InvariantCulture)} 分；第一級 <10、第二級 10–<19、第三級 19–27）。"
                + (quality.Uncertainty.AssessedKgCo2e > 0 ? $"總不確定性 ±{(quality.Uncertainty.Combined * 100m).ToString("N2", Zh)}%（95% 信賴區間，已評估排放量占 {Pct(quality.Uncertainty.AssessedShare)}）。" : "尚未評估不確定性。"));
            layout.Table(
                ["排放源", "A1", "A2", "A3", "P", "評分", "占比", "加權"],
                quality.Rows.Select(q => (IReadOnlyList<string>)[q.Source.Description, N(q.Quality.A1), N(q.Quality.A2), N(q.Quality.A3), N(q.Quality.Level), N(q.Quality.Score), Pct(q.Quality.Share), q.Quality.Weighted.ToString("0.00", CultureInfo.InvariantCulture)]),
                [2.6f, 0.4f, 0.4f, 0.4f, 0.4f, 0.5f, 0.8f, 0.6f],
                new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 });
        }

        layout.Heading("七、排放係數來源", 13f);
        layout.Table(
            ["係數", "數值", "來源", "版本"],
            result.Factors.Select(f => (IReadOnlyList<string>)[f.Id, $"{f.Value.ToString("0.##########", CultureInfo.InvariantCulture)} {f.Unit}", f.Source + (f.HeatValue is { } h ? $"；熱值 {h.Value} {h.Unit}（{h.Source}）" : string.Empty), $"{f.Version} ({f.Verification})"]),
            [1.6f, 1.2f, 3.2f, 1.2f]);

        var generated = TaipeiTime.Format(generatedUtc);
        return layout.Render($"{inventory.CompanyName} {inventory.Year} 溫室氣體盤查報告書", inventory.CompanyName, (page, pages) => $"碳盤 Tanpan　{inventory.CompanyName} {inventory.Year} 年溫室氣體盤查報告書　產製 {generated} Asia/Taipei　第 {page} / {pages} 頁");
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Boundary(string approach) => approach switch
    {
        nameof(BoundaryApproach.OperationalControl) => "營運控制權",
        nameof(BoundaryApproach.FinancialControl) => "財務控制權",
        _ => "股權比例",
    };
}
