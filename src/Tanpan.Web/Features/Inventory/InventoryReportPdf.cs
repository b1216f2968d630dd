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
    public static byte[] Render(StoredInventory inventory, bool locked, DateTime? lockedAtUtc, DateTime generatedUtc, Language language, InventoryQualityReport? quality = null)
    {
        var l = language;
        var culture = l.Culture;
        string T(decimal kg) => Units.TonnesFromKg(kg).ToString("N3", culture);
        string Pct(decimal share) => (share * 100m).ToString("N2", culture) + "%";
        string At(DateTime? utc) => utc is { } at ? TaipeiTime.Format(at) : "—";
        string Category(string code) => IsoCategory.Find(code) is { } c ? l.T(c.NameZh, c.NameEn) : "—";
        var result = inventory.Result;
        var review = inventory.Review;
        var title = l.T($"{inventory.CompanyName} {inventory.Year} 年溫室氣體盤查報告書", $"{inventory.CompanyName} greenhouse gas inventory report {inventory.Year}");
        var layout = new PdfLayout();
        layout.Heading(title, 18f);
        layout.Paragraph(locked
            ? l.T($"狀態：已核准鎖定（{At(lockedAtUtc)} 台北時間，{review.ApprovedBy}）；本報告數據取自鎖定當時凍結之紀錄。",
                $"Status: approved and locked ({At(lockedAtUtc)} Taipei time, {review.ApprovedBy}); the figures are taken from the record frozen at locking.")
            : l.T("狀態：草稿（數據尚未經審核鎖定）。", "Status: draft (the figures have not been reviewed and locked)."), 10f);
        if (review.SubmittedBy is not null)
        {
            layout.Paragraph(l.T($"填報送審：{review.SubmittedBy}（{At(review.SubmittedAtUtc)}）", $"Submitted by {review.SubmittedBy} ({At(review.SubmittedAtUtc)})")
                + (review.ApprovedBy is null ? string.Empty : l.T($"　核准：{review.ApprovedBy}（{At(review.ApprovedAtUtc)}）", $"; approved by {review.ApprovedBy} ({At(review.ApprovedAtUtc)})")), 9f);
        }

        if (review.SinglePersonReview)
        {
            layout.Paragraph(l.T("本盤查由同一人填報並核准：公司已聲明僅一人負責盤查（職責分離無法落實），此聲明已記錄於稽核軌跡。",
                "One person both submitted and approved this inventory: the company declared that a single person is responsible for it (no separation of duties); the declaration is in the audit trail."), 9f);
        }

        layout.Heading(l.T("一、組織與邊界", "1. Organisation and boundary"), 13f);
        layout.Paragraph(l.T($"公司名稱：{inventory.CompanyName}　統一編號：{inventory.CompanyTaxId}　地址：{inventory.CompanyAddress}",
            $"Company: {inventory.CompanyName}; tax ID: {inventory.CompanyTaxId}; address: {inventory.CompanyAddress}"));
        var boundary = l.Name(nameof(BoundaryApproach), inventory.Boundary);
        var baseYear = inventory.BaseYear?.ToString(CultureInfo.InvariantCulture) ?? l.T("未設定", "not set");
        layout.Paragraph(l.T($"盤查年度：{inventory.Year} 年 1 月 1 日至 12 月 31 日　邊界設定：{boundary}　基準年：{baseYear}",
            $"Reporting period: 1 January to 31 December {inventory.Year}; consolidation approach: {boundary}; base year: {baseYear}"));
        layout.Paragraph(l.T("納入廠區：", "Facilities included: ") + (inventory.Facilities.Count == 0 ? "—" : string.Join(l.T("、", ", "), inventory.Facilities.Select(f => f.Name))));

        layout.Heading(l.T("二、方法", "2. Method"), 13f);
        layout.Paragraph(l.T("依 ISO 14064-1:2018 以排放係數法計算：排放量 = Σ（活動數據 × 各溫室氣體排放係數 × 全球暖化潛勢 GWP）。"
            + $"GWP 採 IPCC {result.GwpSet}；燃料燃燒之 CH4 依環境部規定採 28（而非化石甲烷之 30）。燃料係數採環境部 2024 年公告（kg/TJ）乘以經濟部能源署熱值（自 113 年起），"
            + "外購電力採能源署公告之當年度電力排碳係數（已為 CO2e，不再乘 GWP）。跨年度電費單依日數比例分攤至盤查年度並標示為估算。數值內部以全精度計算，報告中四捨五入至三位小數。",
            "Calculated with emission factors per ISO 14064-1:2018: emissions = Σ (activity data × emission factor of each greenhouse gas × global warming potential GWP). "
            + $"GWP from IPCC {result.GwpSet}; CH4 from fuel combustion takes 28 (not 30 for fossil methane) as MOENV prescribes. Fuel factors are MOENV's 2024 list (kg/TJ) times the Energy Administration's heat values (from 2024); "
            + "purchased electricity uses the Energy Administration's electricity emission factor of the year (already CO2e, not multiplied by a GWP). Bills spanning two years are apportioned by days and marked as estimated. Figures are computed at full precision and rounded to three decimals in this report."));

        layout.Heading(l.T("三、盤查結果（公噸 CO2e）", "3. Results (tCO2e)"), 13f);
        var scopes = l.T("範疇一,範疇二,範疇三", "Scope 1,Scope 2,Scope 3").Split(',');
        layout.Table(
            [l.T("總排放量", "Total"), scopes[0], scopes[1], scopes[2], l.T("估算數據占比", "Estimated share")],
            [[T(result.TotalKgCo2e), T(result.Scope1KgCo2e), T(result.Scope2KgCo2e), T(result.Scope3KgCo2e), Pct(result.EstimatedShare)]],
            [1, 1, 1, 1, 1],
            new HashSet<int> { 0, 1, 2, 3, 4 },
            10f);
        if (inventory.BaseYearTotalKgCo2e is { } baseTotal && baseTotal != 0)
        {
            layout.Paragraph(l.T($"與基準年 {inventory.BaseYear} 年（{T(baseTotal)} 公噸 CO2e）相比：{Pct((result.TotalKgCo2e - baseTotal) / baseTotal)}。",
                $"Against the base year {inventory.BaseYear} ({T(baseTotal)} tCO2e): {Pct((result.TotalKgCo2e - baseTotal) / baseTotal)}."));
        }

        var categories = result.ByCategory.Where(c => c.KgCo2e != 0).Select(c => (Code: c.Key, Category: IsoCategory.Find(c.Key), Kg: c.KgCo2e)).ToList();
        layout.Table(
            [l.T("類別", "Category"), l.T("名稱", "Name"), l.T("範疇", "Scope"), l.T("公噸 CO2e", "tCO2e"), l.T("占比", "Share")],
            categories.Select(c => (IReadOnlyList<string>)[c.Code, Category(c.Code), c.Category?.Scope.ToString(CultureInfo.InvariantCulture) ?? "—", T(c.Kg), result.TotalKgCo2e == 0 ? "—" : Pct(c.Kg / result.TotalKgCo2e)]),
            [0.6f, 2.2f, 0.6f, 1.2f, 1],
            new HashSet<int> { 3, 4 });
        layout.BarChart(categories.Select(c => ($"{c.Code} {Category(c.Code)}", c.Kg, T(c.Kg))).ToList());

        layout.Table(
            [l.T("溫室氣體", "Greenhouse gas"), l.T("公噸 CO2e", "tCO2e")],
            result.ByGasGroup.Where(g => g.KgCo2e != 0).Select(g => (IReadOnlyList<string>)[g.Key, T(g.KgCo2e)]),
            [2, 1],
            new HashSet<int> { 1 });
        if (result.SeparatelyReported.Count > 0)
        {
            layout.Paragraph(l.T("另行揭露（非京都議定書氣體，不計入總量）：", "Reported separately (not Kyoto Protocol gases, not in the total): ")
                + string.Join(l.T("、", "; "), result.SeparatelyReported.Select(g => $"{g.Key} {T(g.KgCo2e)} {l.T("公噸 CO2e", "tCO2e")}")));
        }

        layout.Heading(l.T("各廠區排放", "Emissions by facility"), 11f);
        layout.BarChart(inventory.ByFacility.Select(f => (f.Key, f.KgCo2e, T(f.KgCo2e))).ToList());
        layout.Heading(l.T("各月排放（依日數分攤）", "Emissions by month (apportioned by days)"), 11f);
        var months = l.English ? CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames : [.. Enumerable.Range(1, 12).Select(m => $"{m} 月")];
        layout.BarChart(inventory.ByMonth.Select((kg, i) => (months[i], kg, T(kg))).ToList());

        layout.Heading(l.T("四、排放源明細", "4. Emission sources"), 13f);
        layout.Table(
            [l.T("排放源", "Source"), l.T("類別", "Category"), l.T("活動數據", "Activity data"), l.T("係數", "Factor"), l.T("公噸 CO2e", "tCO2e")],
            result.Lines.Select(line =>
            {
                var factor = result.Factor(line.FactorId);
                return (IReadOnlyList<string>)[
                    line.Source,
                    line.Category,
                    $"{line.IncludedQuantity.ToString("N2", culture)} {l.UnitNameOf(line.Unit)}{(line.Estimated ? l.T($"（估算 {line.IncludedDays}/{line.PeriodDays} 天）", $" (estimated, {line.IncludedDays}/{line.PeriodDays} days)") : string.Empty)}",
                    $"{factor.Value.ToString("0.##########", CultureInfo.InvariantCulture)} {factor.Unit}",
                    T(line.KgCo2e)];
            }),
            [2.2f, 0.6f, 1.8f, 1.8f, 1],
            new HashSet<int> { 4 });

        layout.Heading(l.T("五、間接排放（類別三至六）", "5. Indirect emissions (categories 3 to 6)"), 13f);
        var scope3 = result.ByCategory.Where(c => IsoCategory.Find(c.Key)?.Scope == 3 && c.KgCo2e != 0).ToList();
        layout.Paragraph(scope3.Count == 0
            ? l.T("本年度未量化類別三至六的排放。", "No emissions of categories 3 to 6 were quantified this year.")
            : l.T($"已量化的間接排放合計 {T(result.Scope3KgCo2e)} 公噸 CO2e：", $"Quantified indirect emissions total {T(result.Scope3KgCo2e)} tCO2e: ")
                + string.Join(l.T("、", "; "), scope3.Select(c => $"{c.Key} {Category(c.Key)} {T(c.KgCo2e)}"))
                + l.T("。係數取自環境部產品碳足跡資料庫等公開資料，各係數的查證等級列於第七節。", ". Factors are from MOENV's product carbon footprint database and other public data; each factor's verification level is listed in section 7."));
        if (inventory.Significance.Count > 0)
        {
            var threshold = inventory.SignificanceThreshold.ToString(CultureInfo.InvariantCulture);
            layout.Heading(l.T($"重大性評估（門檻 {threshold} 分）", $"Significance assessment (threshold {threshold} points)"), 11f);
            layout.Table(
                [l.T("類別", "Category"), l.T("排放量大小", "Magnitude"), l.T("影響程度", "Influence"), l.T("風險或機會", "Risk or opportunity"), l.T("利害關係人", "Stakeholders"), l.T("重大", "Significant"), l.T("理由", "Rationale")],
                inventory.Significance.Select(s => (IReadOnlyList<string>)[$"{s.Category} {Category(s.Category)}", N(s.Magnitude), N(s.LevelOfInfluence), N(s.RiskOrOpportunity), N(s.StakeholderConcern), s.Significant ? l.T("是", "yes") : l.T("否", "no"), s.Rationale ?? string.Empty]),
                [2.2f, 0.8f, 0.8f, 0.8f, 0.8f, 0.5f, 2.4f],
                new HashSet<int> { 1, 2, 3, 4 });
        }

        layout.Heading(l.T("六、數據品質與不確定性", "6. Data quality and uncertainty"), 13f);
        var verification = result.Factors.GroupBy(f => Names.VerificationLevel(l, f.Verification)).Select(g => l.T($"{g.Key}：{g.Count()} 個係數", $"{g.Key}: {g.Count()} factors"));
        layout.Paragraph(l.T($"活動數據共 {result.Lines.Count} 筆，其中估算（跨年度分攤）排放占 {Pct(result.EstimatedShare)}。係數查證等級：",
                $"{result.Lines.Count} activity data lines; estimated (apportioned across years) emissions are {Pct(result.EstimatedShare)}. Factor verification levels: ")
            + string.Join(l.T("；", "; "), verification));
        if (quality is not null)
        {
            var grade = l.Name("grade", quality.Grade.Grade.ToString(CultureInfo.InvariantCulture));
            var weighted = quality.Grade.WeightedTotal.ToString("0.00", CultureInfo.InvariantCulture);
            layout.Paragraph(l.T($"依環境部排放量清冊表六評分：清冊等級 {grade}（加權平均 {weighted} 分；第一級 <10、第二級 10–<19、第三級 19–27）。",
                    $"Scored as in table 6 of MOENV's inventory form: inventory grade {grade} (weighted average {weighted} points; grade 1 < 10, grade 2 10 to < 19, grade 3 19 to 27). ")
                + (quality.Uncertainty.AssessedKgCo2e > 0
                    ? l.T($"總不確定性 ±{(quality.Uncertainty.Combined * 100m).ToString("N2", culture)}%（95% 信賴區間，已評估排放量占 {Pct(quality.Uncertainty.AssessedShare)}）。",
                        $"Total uncertainty ±{(quality.Uncertainty.Combined * 100m).ToString("N2", culture)}% (95% confidence; assessed emissions are {Pct(quality.Uncertainty.AssessedShare)}).")
                    : l.T("尚未評估不確定性。", "Uncertainty has not been assessed.")));
            layout.Table(
                [l.T("排放源", "Source"), "A1", "A2", "A3", "P", l.T("評分", "Score"), l.T("占比", "Share"), l.T("加權", "Weighted")],
                quality.Rows.Select(q => (IReadOnlyList<string>)[q.Description, N(q.Quality.A1), N(q.Quality.A2), N(q.Quality.A3), N(q.Quality.Level), N(q.Quality.Score), Pct(q.Quality.Share), q.Quality.Weighted.ToString("0.00", CultureInfo.InvariantCulture)]),
                [2.6f, 0.4f, 0.4f, 0.4f, 0.4f, 0.5f, 0.8f, 0.6f],
                new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 });
        }

        layout.Heading(l.T("七、排放係數來源", "7. Emission factor sources"), 13f);
        layout.Table(
            [l.T("係數", "Factor"), l.T("數值", "Value"), l.T("來源", "Source"), l.T("版本", "Version")],
            result.Factors.Select(f => (IReadOnlyList<string>)[f.Id, $"{f.Value.ToString("0.##########", CultureInfo.InvariantCulture)} {f.Unit}", f.Source + (f.HeatValue is { } h ? l.T($"；熱值 {h.Value} {h.Unit}（{h.Source}）", $"; heat value {h.Value} {h.Unit} ({h.Source})") : string.Empty), $"{f.Version} ({Names.VerificationLevel(l, f.Verification)})"]),
            [1.6f, 1.2f, 3.2f, 1.2f]);

        var generated = TaipeiTime.Format(generatedUtc);
        return layout.Render(title, inventory.CompanyName, (page, pages) => l.T(
            $"碳盤 Tanpan　{inventory.CompanyName} {inventory.Year} 年溫室氣體盤查報告書　產製 {generated} Asia/Taipei　第 {page} / {pages} 頁",
            $"Tanpan · {inventory.CompanyName} greenhouse gas inventory report {inventory.Year} · generated {generated} Asia/Taipei · page {page} of {pages}"));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
