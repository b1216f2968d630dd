using System.Text.RegularExpressions;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Tour;

/// <summary>The demo's documents as they are downloaded: the report and the certificate embed only the glyphs they
/// use (a certificate under 300 KB, a report under 600 KB, where the whole CJK font made them 4 MB), and their text
/// still extracts exactly.</summary>
public sealed partial class DemoDocumentTests(DemoTourApp app) : IClassFixture<DemoTourApp>
{
    [Fact]
    public async Task TheReportAndTheCertificate_EmbedASubsetOfTheFont_AndStaySmall()
    {
        var client = await app.SignInAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var inventories = await client.GetStringAsync("/inventory");
        var inventory = InventoryLink().Match(inventories).Groups[1].Value;
        var report = await client.GetByteArrayAsync(inventory + "?handler=Pdf");
        var orders = await client.GetStringAsync("/work-orders?sort=workOrderNo");
        var certified = CertifiedOrder().Match(orders).Groups[1].Value;
        Assert.NotEmpty(certified);
        var certificate = await client.GetByteArrayAsync($"/api/v1/work-orders/{certified}/certificate.pdf");

        Assert.True(report.Length < 600_000, $"report {report.Length:N0} bytes");
        Assert.True(certificate.Length < 300_000, $"certificate {certificate.Length:N0} bytes");
        foreach (var pdf in new[] { report, certificate })
        {
            var fonts = await Pdf.FontsAsync(pdf);
            Assert.Matches(@"TrueType\S*\s+\S+\s+yes", fonts);
        }

        var text = await Pdf.TextAsync(report);
        Assert.Contains("台中一廠", text, StringComparison.Ordinal);
        Assert.Contains("1139101231", text, StringComparison.Ordinal);
        // The significance assessment, the scope-3 results and the data-quality grade are in the report.
        Assert.Contains("重大性評估", text, StringComparison.Ordinal);
        Assert.Contains("4.1 購買商品", text, StringComparison.Ordinal);
        Assert.Matches("清冊等級 第[一二三]級", text);
        Assert.DoesNotMatch(@"(?m)^\s*[）、。，]", text);
        var certificateText = await Pdf.TextAsync(certificate);
        Assert.Contains("WO-2024-001", certificateText, StringComparison.Ordinal);

        // One A4 page for the demo's three processes; names, not codes; Latin text extracts without gaps.
        Assert.DoesNotContain('\f', certificateText.TrimEnd('\f', '\n'));
        Assert.DoesNotContain("electricity.grid.tw", certificateText, StringComparison.Ordinal);
        Assert.Contains("台電外購電力", certificateText, StringComparison.Ordinal);
        Assert.Contains("Precision Machinery", certificateText, StringComparison.Ordinal);
        Assert.Contains("supply-chain communication", certificateText, StringComparison.Ordinal);
    }

    /// <summary>The English versions: every label, name and sentence in English; Chinese only where the company wrote
    /// it (its name, sources, processes) or a citation quotes a publication.</summary>
    [Fact]
    public async Task TheEnglishReportAndCertificate_AreInEnglish()
    {
        var client = await app.SignInAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var inventory = InventoryLink().Match(await client.GetStringAsync("/inventory")).Groups[1].Value;
        var detail = await client.GetStringAsync(inventory);
        Assert.Contains($"href=\"{inventory}?handler=Pdf&amp;lang=en\"", detail, StringComparison.Ordinal);
        var report = await Pdf.TextAsync(await client.GetByteArrayAsync(inventory + "?handler=Pdf&lang=en"));
        var certified = CertifiedOrder().Match(await client.GetStringAsync("/work-orders?sort=workOrderNo")).Groups[1].Value;
        var certificate = await Pdf.TextAsync(await client.GetByteArrayAsync($"/api/v1/work-orders/{certified}/certificate.pdf?lang=en"));

        Assert.Contains("greenhouse gas inventory report 2024", report, StringComparison.Ordinal);
        Assert.Contains("Significance assessment", report, StringComparison.Ordinal);
        Assert.Contains("4.1 Purchased goods", report, StringComparison.Ordinal);
        Assert.Contains("Operational control", report, StringComparison.Ordinal);
        Assert.Matches("inventory grade grade [123]", report);
        Assert.Contains("Work-order carbon certificate", certificate, StringComparison.Ordinal);
        Assert.Contains("Purchased electricity (Taipower grid)", certificate, StringComparison.Ordinal);
        Assert.Contains("subtotal", certificate, StringComparison.Ordinal);
        Assert.DoesNotContain('\f', certificate.TrimEnd('\f', '\n'));
        foreach (var (name, text) in new[] { ("report", report), ("certificate", certificate) })
        {
            var left = Citation().Replace(text, " ");
            Assert.NotEqual(text, left);
            foreach (var user in UserTexts)
            {
                left = left.Replace(user, " ", StringComparison.Ordinal);
            }

            var chinese = Han().Match(left);
            Assert.False(chinese.Success, $"{name}: Chinese text '{(chinese.Success ? left.Substring(Math.Max(0, chinese.Index - 30), Math.Min(80, left.Length - Math.Max(0, chinese.Index - 30))) : string.Empty)}'");
        }
    }

    // The company name also wraps inside table cells, so its Chinese half stands alone.
    private static IEnumerable<string> UserTexts => LanguageScanTests.UserTexts.Append("示範精密機械股份有限公司");

    // Factor sources quote their publication's title as published: the report's last section (the footer lines in it
    // are checked on every other page) and the certificate's bullet list of factors.
    [GeneratedRegex(@"(?s)7\. Emission factor sources.*|•.*?(?=•|Disclaimer)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Han();

    [GeneratedRegex("href=\"(/inventory/[0-9a-f-]{36})\" data-testid=\"inventory-2024\"")]
    private static partial Regex InventoryLink();

    [GeneratedRegex(@"href=""/work-orders/([0-9a-f-]{36})"">WO-2024-001<")]
    private static partial Regex CertifiedOrder();
}
