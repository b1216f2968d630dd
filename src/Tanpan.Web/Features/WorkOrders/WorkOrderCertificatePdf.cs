using System.Globalization;
using QRCoder;
using Tanpan.Web.Platform.Localization;

using Tanpan.Web.Platform.Pdf;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The work-order carbon certificate (工單碳排放證明): order data, process × energy table with subtotals,
/// shares, intensity, method and factor sources, the disclaimer, and a QR code to the public verification page.</summary>
public static class WorkOrderCertificatePdf
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-TW");

    public static byte[] Render(StoredCertificate certificate, string hash, string verificationUrl, byte[]? seal)
    {
        string Kg(decimal kg) => kg.ToString("N3", Zh);
        string Pct(decimal share) => (share * 100m).ToString("N2", Zh) + "%";
        string Num(decimal? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
        var order = certificate.WorkOrder;
        var r = order.Result;
        var layout = new PdfLayout();
        layout.Heading("工單碳排放計算證明 Work-order carbon certificate", 15f);
        layout.ImageRight(Qr(verificationUrl), 60f, "掃描驗證 scan to verify");
        layout.Table(
            ["項目", "內容", "項目", "內容"],
            [
                ["公司", certificate.CompanyName, "統一編號", certificate.CompanyTaxId ?? "—"],
                ["訂單編號", order.OrderNo, "工單編號", order.WorkOrderNo],
                ["加工金屬", order.Metal ?? "—", "加工日期", $"{order.Date} {order.StartTime}–{order.EndTime}"],
                ["產品品名", order.ProductName ?? "—", "加工數量", $"{Num(order.Quantity, "0.####")} {Unit(order.Unit)}"],
                ["混料加工比例", $"{Num(order.MixRatioPercent, "0.##")} %", "能源取得方式", Names.Find(Names.EnergyMethod, order.EnergyMethod)?.Zh ?? order.EnergyMethod],
                ["產品面積 / 厚度 / 密度", $"{Num(order.AreaCm2, "0.##")} cm² / {Num(order.ThicknessUm, "0.##")} µm / {Num(order.DensityKgPerM3, "0.##")} kg/m³", "鍍層金屬質量", order.PlatedMassKg is { } m ? $"{m.ToString("0.######", CultureInfo.InvariantCulture)} kg" : "—"],
            ],
            [1.2f, 2f, 1f, 2f],
            size: 8.5f);

        layout.Heading("製程 × 能源（kgCO2e）By process and energy", 10f);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var process in r.ByProcess)
        {
            foreach (var line in r.Lines.Where(l => l.Process == process.Name))
            {
                var factor = r.Factor(line.FactorId);
                rows.Add([process.Name, Names.Find(Names.Activity, line.Activity)?.Zh ?? line.Activity, $"{line.Quantity.ToString("N2", Zh)} {Unit(line.Unit)}", $"{factor.Value.ToString("0.######", CultureInfo.InvariantCulture)} {factor.Unit}", Kg(line.KgCo2e)]);
            }

            rows.Add([$"{process.Name} 小計", string.Empty, string.Empty, Pct(process.Share), Kg(process.KgCo2e)]);
        }

        rows.Add(["總計 Total", string.Empty, string.Empty, "100%", Kg(r.TotalKgCo2e)]);
        layout.Table(["製程", "能源／活動", "用量", "係數", "kgCO2e"], rows, [1.2f, 1.8f, 1.3f, 1.8f, 1.1f], new HashSet<int> { 4 });
        layout.Paragraph($"碳排放強度 Intensity：{r.KgCo2ePerUnit.ToString("0.######", CultureInfo.InvariantCulture)} {r.IntensityUnit}（總量 ÷ 加工數量 {r.OutputQuantity.ToString("0.####", CultureInfo.InvariantCulture)}）", 10f);

        // One page for up to three processes: the process shares are the table's subtotals, the energy split a line.
        layout.Paragraph("依能源別 By energy：" + string.Join("；", r.ByActivity.Select(a => $"{Names.Find(Names.Activity, a.Activity)?.Zh ?? a.Activity} {Kg(a.KgCo2e)} kgCO2e（{Pct(a.Share)}）")), 8.5f);

        layout.Heading("方法與係數來源 Method and factor sources", 10f);
        layout.Paragraph($"排放量 = Σ 用量 × 排放係數 × GWP（IPCC {r.GwpSet}）；電力採 {r.Date[..4]} 年電力排碳係數（已為 CO2e）；燃料為固定源，環境部 2024 公告係數 × 能源署熱值。", 8f);
        foreach (var factor in r.Factors)
        {
            layout.Paragraph($"• {factor.Value.ToString("0.######", CultureInfo.InvariantCulture)} {factor.Unit}：{factor.Source}；{factor.Version}（{factor.Verification}）", 7.5f);
        }

        layout.Heading(certificate.AssociationName is null ? "聲明 Disclaimer" : $"聲明（{certificate.AssociationName}）", 10f);
        layout.Paragraph(certificate.Disclaimer, 8f);
        if (seal is not null)
        {
            layout.ImageRight(seal, 90f, certificate.AssociationName ?? "seal");
        }

        var issued = TaipeiTime.Format(certificate.IssuedAtUtc);
        layout.Paragraph($"核發 Issued：{issued}（台北時間 Asia/Taipei）{(certificate.IssuedBy is null ? string.Empty : "，" + certificate.IssuedBy)}", 8f);
        // The link on a line of its own (it is one unbreakable word); the QR code above carries the same address.
        layout.Paragraph($"驗證碼 SHA-256：{hash}\n{verificationUrl}", 7.5f);
        return layout.Render($"工單碳排放計算證明 {order.WorkOrderNo}", certificate.CompanyName, (page, pages) => $"碳盤 Tanpan　{certificate.CompanyName}　工單 {order.WorkOrderNo}　核發 {issued}　第 {page} / {pages} 頁");
    }

    private static string Unit(string code) => Names.Find(Names.Unit, code)?.Zh ?? code;

    private static byte[] Qr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
