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

    [GeneratedRegex("href=\"(/inventory/[0-9a-f-]{36})\" data-testid=\"inventory-2024\"")]
    private static partial Regex InventoryLink();

    [GeneratedRegex(@"href=""/work-orders/([0-9a-f-]{36})"">WO-2024-001<")]
    private static partial Regex CertifiedOrder();
}
