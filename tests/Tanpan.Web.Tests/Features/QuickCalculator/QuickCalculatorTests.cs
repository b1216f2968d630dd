using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.QuickCalculator;

/// <summary>The no-login quick calculator: API and page. Expected values from published factors, computed here.</summary>
// Stateless routes: run once, on the default provider; storage is what the provider tests are for.
public sealed class QuickCalculatorTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const decimal Indirect = 20_000m * 0.474m;
    private const decimal Stationary = 1_000m * 1.9060178044842m;
    private const decimal Mobile = 500m * 2.27067916032m;

    [Fact]
    public async Task Api_SplitsStationaryMobileAndIndirect_WithShares()
    {
        var body = new
        {
            year = 2024,
            bills = new[] { new { from = "2024-01-01", to = "2024-01-31", peakKwh = 10_000, semiPeakKwh = 5_000, saturdaySemiPeakKwh = 2_000, offPeakKwh = 3_000 } },
            fuels = new object[]
            {
                new { activity = "fuel.natural-gas", quantity = 1_000, unit = "m3" },
                new { activity = "fuel.gasoline", use = "mobile", technology = "oxidation-catalyst", quantity = 500, unit = "L" },
            },
        };

        var json = await Problem.ReadJsonAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/quick", body));

        var total = Indirect + Stationary + Mobile;
        Assert.Equal(total, json.GetProperty("totalKgCo2e").GetDecimal());
        Assert.Equal(Indirect, json.GetProperty("energyIndirect").GetProperty("kgCo2e").GetDecimal());
        Assert.Equal(Stationary / total, json.GetProperty("stationary").GetProperty("share").GetDecimal());
        Assert.Equal(Mobile / 1000m, json.GetProperty("mobile").GetProperty("tCo2e").GetDecimal());
        Assert.Equal("tw-grid:2024", json.GetProperty("lines")[0].GetProperty("factor").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"bills":[]}""", "year")]
    [InlineData("""{"year":2024,"bills":[{"to":"2024-01-31","peakKwh":1}]}""", "bills[0].from")]
    [InlineData("""{"year":2024,"bills":[{"from":"2024-01-01","to":"2024-01-31","peakKwh":-1}]}""", "bills[0].peakKwh")]
    [InlineData("""{"year":2024,"bills":[{"from":"2024-02-01","to":"2024-01-31","peakKwh":1}]}""", "bills[0].period.to")]
    [InlineData("""{"year":2024,"bills":[{"from":"2024-01-01","to":"2024-01-31"}]}""", "bills[0].peakKwh")]
    [InlineData("""{"year":2024,"bills":[{"from":"2024-01-01","to":"2024-01-31","peakKwh":1}],"annualKwh":5}""", "annualKwh")]
    [InlineData("""{"year":2024,"fuels":[{"activity":"fuel.diesel","quantity":5,"unit":"kWh"}]}""", "fuels[0].unit")]
    [InlineData("""{"year":2024,"fuels":[{"activity":"fuel.diesel","quantity":5,"unit":"L","use":"rocket"}]}""", "fuels[0].use")]
    [InlineData("""{"year":2024,"fuels":[{"activity":"fuel.plutonium","quantity":5,"unit":"L"}]}""", "fuels[0].activity")]
    [InlineData("""{"year":2024,"fuels":[{"activity":"fuel.diesel","unit":"L"}]}""", "fuels[0].quantity")]
    [InlineData("""{"year":2024,"bils":[]}""", "bils")]
    [InlineData("""{"year":"twenty"}""", "year")]
    public async Task Api_BadInput_Returns400NamingTheField(string body, string field)
    {
        var response = await app.CreateClient().PostAsync("/api/v1/calculations/quick", new StringContent(body, Encoding.UTF8, "application/json"));

        var errors = await Problem.ReadErrorsAsync(response);
        Assert.True(errors.ContainsKey(field), $"expected {field}, got {string.Join(", ", errors.Keys)}");
    }

    [Fact]
    public async Task Page_ShowsRemindersAndAnEmptyForm()
    {
        var html = await app.CreateClient().GetStringAsync("/calculator");

        Assert.Contains("填寫前提醒", html, StringComparison.Ordinal);
        Assert.Contains("Input.Bills[11].PeakKwh", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_InEnglish_WhenAsked()
    {
        var html = await app.CreateClient().GetStringAsync("/calculator?lang=en");

        Assert.Contains("Before you start", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Post_ShowsTheResultTableAndTrace()
    {
        var client = app.CreateClient();

        var response = await Forms.PostAsync(client, "/calculator", SeedLikeForm());

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = (Indirect + Stationary) / 1000m;
        Assert.Contains(total.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("zh-TW")), html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"result\"", html, StringComparison.Ordinal);
        Assert.Contains("1139101231", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"register-cta\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutAResult_OffersNoRegistrationPrompt()
    {
        var html = await app.CreateClient().GetStringAsync("/calculator");

        Assert.DoesNotContain("data-testid=\"register-cta\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithoutAYear_TakesTheYearOfTheBills()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/calculations/quick", new { bills = new[] { new { from = "2025-03-01", to = "2025-03-31", peakKwh = 1000 } } });

        var result = await Problem.ReadJsonAsync(response);
        Assert.Equal(2025, result.GetProperty("year").GetInt32());
        Assert.Equal(1000m * 0.474m, result.GetProperty("totalKgCo2e").GetDecimal());
    }

    [Fact]
    public async Task ABillOutsideTheYear_IsAFieldError_NotSilentlyDropped()
    {
        var fields = SeedLikeForm().Where(f => f.Key != "Input.Year").Append(new("Input.Year", "2026")).ToList();

        var html = await (await Forms.PostAsync(app.CreateClient(), "/calculator", fields)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"errors\"", html, StringComparison.Ordinal);
        Assert.Contains("2024", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"result\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutAYear_UsesTheBillsYear_AndSaysSo_AndPrintsTheInputsDateAndCompany()
    {
        var empty = await app.CreateClient().GetStringAsync("/calculator");
        Assert.DoesNotMatch("name=\"Input.Year\"[^>]*value=\"\\d", empty);

        var fields = SeedLikeForm().Where(f => f.Key != "Input.Year").Append(new("CompanyName", "測試金屬股份有限公司")).ToList();
        var html = WebUtility.HtmlDecode(await (await Forms.PostAsync(app.CreateClient(), "/calculator", fields)).Content.ReadAsStringAsync());

        Assert.Contains("年度 2024（依電費單期間判定）", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-testid=\"basis-company\">測試金屬股份有限公司</strong>", html, StringComparison.Ordinal);
        Assert.Contains("2024-01-01 – 2024-01-31", html, StringComparison.Ordinal);
        Assert.Contains("20,000 度", html, StringComparison.Ordinal);
        Assert.Contains("天然氣 · 固定源", html, StringComparison.Ordinal);
        Assert.Matches(@"試算時間 \d{4}-\d{2}-\d{2} \d{2}:\d{2}", html);
    }

    [Fact]
    public async Task Csv_RoundsForPeople_KeepsFullPrecisionInItsOwnColumn_AndGivesSharesInPercent()
    {
        var response = await Forms.PostAsync(app.CreateClient(), "/calculator", SeedLikeForm(), handler: "Csv");
        var csv = System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = csv.Split('\n').Select(r => r.TrimEnd('\r').Split(',').Select(c => c.Trim('"')).ToArray()).ToList();

        Assert.Equal(["項目", "公噸CO2e", "占比(%)", "公噸CO2e（完整精度）"], rows[0]);
        var indirect = rows.Single(r => r[0] == "能源間接排放");
        var full = decimal.Parse(indirect[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Indirect / 1000m, full);
        Assert.Equal(Math.Round(full, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), indirect[1]);
        var share = decimal.Parse(indirect[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Round(Indirect / (Indirect + Stationary) * 100m, 2), share);
        Assert.Equal("100", rows.Single(r => r[0] == "總排放量")[2]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("柴油, 固定源", "\"柴油, 固定源\"")]
    public void CsvCells_NeutraliseFormulas_AndQuote(string text, string expected)
    {
        Assert.Equal(expected, Tanpan.Web.Platform.Sheets.CsvText.Cell(text));
    }

    private static List<KeyValuePair<string, string>> SeedLikeForm() =>
    [
        new("Input.Year", "2024"),
        new("Input.Bills[0].From", "2024-01-01"),
        new("Input.Bills[0].To", "2024-01-31"),
        new("Input.Bills[0].PeakKwh", "10000"),
        new("Input.Bills[0].SemiPeakKwh", "5000"),
        new("Input.Bills[0].SaturdaySemiPeakKwh", "2000"),
        new("Input.Bills[0].OffPeakKwh", "3000"),
        new("Input.Fuels[0].Activity", "fuel.natural-gas"),
        new("Input.Fuels[0].Use", "stationary"),
        new("Input.Fuels[0].Quantity", "1000"),
        new("Input.Fuels[0].Unit", "m3"),
    ];
}
