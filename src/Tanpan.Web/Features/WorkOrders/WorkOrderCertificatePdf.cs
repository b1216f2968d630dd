using System.Globalization;
using QRCoder;
using Tanpan.Web.Platform.Localization;

using Tanpan.Web.Platform.Pdf;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The work-order carbon certificate (工單碳排放證明): order data, process × energy table with subtotals,
/// shares, intensity, method and factor sources, the disclaimer, and a QR code to the public verification page. The
/// zh-TW version carries English subtitles for customers abroad; the English version is English throughout, with the
/// order's own texts (process names, product, disclaimer) as the issuer wrote them.</summary>
public static class WorkOrderCertificatePdf
{
    public static byte[] Render(StoredCertificate certificate, string hash, string verificationUrl, byte[]? seal, Language language)
    {
        var l = language;
        var culture = l.Culture;
        string Kg(decimal kg) => kg.ToString("N3", culture);
        string Pct(decimal share) => (share * 100m).ToString("N2", culture) + "%";
        string Num(decimal? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
        var order = certificate.WorkOrder;
        var r = order.Result;
        var title = l.T("工單碳排放計算證明", "Work-order carbon certificate");
        var layout = new PdfLayout();
        layout.Heading(l.T("工單碳排放計算證明 Work-order carbon certificate", title), 15f);
        layout.ImageRight(Qr(verificationUrl), 60f, l.T("掃描驗證 scan to verify", "scan to verify"));
        layout.Table(
            [l.T("項目", "Item"), l.T("內容", "Value"), l.T("項目", "Item"), l.T("內容", "Value")],
            [
                [l.T("公司", "Company"), certificate.CompanyName, l.T("統一編號", "Tax ID"), certificate.CompanyTaxId ?? "—"],
                [l.T("訂單編號", "Order no."), order.OrderNo, l.T("工單編號", "Work order no."), order.WorkOrderNo],
                [l.T("加工金屬", "Metal"), order.Metal ?? "—", l.T("加工日期", "Date"), $"{order.Date} {order.StartTime}–{order.EndTime}"],
                [l.T("產品品名", "Product"), order.ProductName ?? "—", l.T("加工數量", "Quantity"), $"{Num(order.Quantity, "0.####")} {l.UnitName(order.Unit)}"],
                [l.T("混料加工比例", "Mixed-batch share"), $"{Num(order.MixRatioPercent, "0.##")} %", l.T("能源取得方式", "Energy data"), EnergyMethodText.For(l, order.EnergyMethod)],
                [l.T("產品面積 / 厚度 / 密度", "Area / thickness / density"), $"{Num(order.AreaCm2, "0.##")} cm² / {Num(order.ThicknessUm, "0.##")} µm / {Num(order.DensityKgPerM3, "0.##")} kg/m³", l.T("鍍層金屬質量", "Plated metal mass"), order.PlatedMassKg is { } m ? $"{m.ToString("0.######", CultureInfo.InvariantCulture)} kg" : "—"],
            ],
            [1.4f, 2.1f, 1.1f, 1.6f],
            size: 8.5f);

        layout.Heading(l.T("製程 × 能源（kgCO2e）By process and energy", "By process and energy (kgCO2e)"), 10f);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var process in r.ByProcess)
        {
            foreach (var line in r.Lines.Where(x => x.Process == process.Name))
            {
                var factor = r.Factor(line.FactorId);
                rows.Add([process.Name, l.ActivityName(line.Activity), $"{line.Quantity.ToString("N2", culture)} {l.UnitName(line.Unit)}", $"{factor.Value.ToString("0.######", CultureInfo.InvariantCulture)} {factor.Unit}", Kg(line.KgCo2e)]);
            }

            rows.Add([l.T($"{process.Name} 小計", $"{process.Name} subtotal"), string.Empty, string.Empty, Pct(process.Share), Kg(process.KgCo2e)]);
        }

        rows.Add([l.T("總計 Total", "Total"), string.Empty, string.Empty, "100%", Kg(r.TotalKgCo2e)]);
        layout.Table([l.T("製程", "Process"), l.T("能源／活動", "Energy / activity"), l.T("用量", "Quantity"), l.T("係數", "Factor"), "kgCO2e"], rows, [1.1f, 2.3f, 1.2f, 1.6f, 1.0f], new HashSet<int> { 4 });
        var intensity = r.KgCo2ePerUnit.ToString("0.######", CultureInfo.InvariantCulture);
        var output = r.OutputQuantity.ToString("0.####", CultureInfo.InvariantCulture);
        layout.Paragraph(l.T($"碳排放強度 Intensity：{intensity} {r.IntensityUnit}（總量 ÷ 加工數量 {output}）", $"Intensity: {intensity} {r.IntensityUnit} (total ÷ quantity {output})"), 10f);

        // One page for up to three processes: the process shares are the table's subtotals, the energy split a line.
        layout.Paragraph(l.T("依能源別 By energy：", "By energy: ") + string.Join(l.T("；", "; "), r.ByActivity.Select(a => $"{l.ActivityName(a.Activity)} {Kg(a.KgCo2e)} kgCO2e{l.T("（", " (")}{Pct(a.Share)}{l.T("）", ")")}")), 8.5f);

        layout.Heading(l.T("方法與係數來源 Method and factor sources", "Method and factor sources"), 10f);
        layout.Paragraph(l.T($"排放量 = Σ 用量 × 排放係數 × GWP（IPCC {r.GwpSet}）；電力採 {r.Date[..4]} 年電力排碳係數（已為 CO2e）；燃料為固定源，環境部 2024 公告係數 × 能源署熱值。",
            $"Emissions = Σ quantity × emission factor × GWP (IPCC {r.GwpSet}); electricity uses the {r.Date[..4]} electricity emission factor (already CO2e); fuels are stationary combustion, MOENV's 2024 factors × the Energy Administration's heat values."), 8f);
        foreach (var factor in r.Factors)
        {
            layout.Paragraph($"• {factor.Value.ToString("0.######", CultureInfo.InvariantCulture)} {factor.Unit}{l.T("：", ": ")}{factor.Source}{l.T("；", "; ")}{factor.Version}{l.T("（", " (")}{Names.VerificationLevel(l, factor.Verification)}{l.T("）", ")")}", 7.5f);
        }

        layout.Heading(certificate.AssociationName is null ? l.T("聲明 Disclaimer", "Disclaimer") : l.T($"聲明（{certificate.AssociationName}）", $"Disclaimer ({certificate.AssociationName})"), 10f);
        // The platform's own bilingual text loses its Chinese half in English; an association's text is printed as written.
        layout.Paragraph(l.English && certificate.Disclaimer == CertifyWorkOrder.DefaultDisclaimer ? CertifyWorkOrder.DefaultDisclaimerEn : certificate.Disclaimer, 8f);
        if (seal is not null)
        {
            layout.ImageRight(seal, 90f, certificate.AssociationName ?? "seal");
        }

        var issued = TaipeiTime.Format(certificate.IssuedAtUtc);
        var by = certificate.IssuedBy is null ? string.Empty : l.T("，", ", ") + certificate.IssuedBy;
        layout.Paragraph(l.T($"核發 Issued：{issued}（台北時間 Asia/Taipei）{by}", $"Issued: {issued} (Asia/Taipei){by}"), 8f);
        // The link on a line of its own (it is one unbreakable word); the QR code above carries the same address.
        layout.Paragraph(l.T($"驗證碼 SHA-256：{hash}\n{verificationUrl}", $"Verification code SHA-256: {hash}\n{verificationUrl}"), 7.5f);
        return layout.Render($"{title} {order.WorkOrderNo}", certificate.CompanyName, (page, pages) => l.T(
            $"碳盤 Tanpan　{certificate.CompanyName}　工單 {order.WorkOrderNo}　核發 {issued}　第 {page} / {pages} 頁",
            $"Tanpan · {certificate.CompanyName} · work order {order.WorkOrderNo} · issued {issued} · page {page} of {pages}"));
    }

    private static byte[] Qr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
