using System.Net;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Inventory;

public sealed class SignificanceTests_Sqlite(SqliteApp app) : SignificanceTests(app), IClassFixture<SqliteApp>;

public sealed class SignificanceTests_Postgres(PostgresApp app) : SignificanceTests(app), IClassFixture<PostgresApp>;

public abstract class SignificanceTests(TanpanApp app)
{
    private static readonly string[] Categories = ["3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "6"];

    private static List<KeyValuePair<string, string>> Form(Func<string, int?> score, string threshold = "12")
    {
        var fields = new List<KeyValuePair<string, string>> { new("Threshold", threshold) };
        for (var i = 0; i < Categories.Length; i++)
        {
            fields.Add(new($"Rows[{i}].Category", Categories[i]));
            foreach (var field in new[] { "Magnitude", "LevelOfInfluence", "RiskOrOpportunity", "StakeholderConcern" })
            {
                fields.Add(new($"Rows[{i}].{field}", score(Categories[i])?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        return fields;
    }

    private async Task<(HttpClient Client, string Url)> InventoryAsync(string company)
    {
        var client = (await app.SignInAsNewCompanyUserAsync(company)).Client;
        var created = await Forms.PostAsync(client, "/inventory", [new("Year", "2024"), new("Boundary", "OperationalControl")]);
        return (client, created.RequestMessage!.RequestUri!.AbsolutePath + "/significance");
    }

    [Fact]
    public async Task Assessment_MarksCategoriesAgainstTheThreshold()
    {
        var (client, url) = await InventoryAsync("評估公司");

        var page = await (await Forms.PostAsync(client, url, Form(c => c == "4.1" ? 3 : 1))).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"result-4.1\">重大・納入", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"result-3.1\">不重大", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingScore_SavesNothing_AndNamesTheCell()
    {
        var (client, url) = await InventoryAsync("評估公司 2");

        var page = await (await Forms.PostAsync(client, url, Form(c => c == "5.3" ? null : 2))).Content.ReadAsStringAsync();

        Assert.Contains("請選 1–5", page, StringComparison.Ordinal);
        var reloaded = await client.GetStringAsync(url);
        Assert.Contains("data-testid=\"result-3.1\">—", reloaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThresholdAndOnePartialRow_IsAFieldError_NotA500()
    {
        var (client, url) = await InventoryAsync("評估公司 3");

        var response = await Forms.PostAsync(client, url, [new("Threshold", "10"), new("Rows[0].Category", "3.1"), new("Rows[0].Magnitude", "5")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("類別不完整", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"row-6\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAnError_OtherRowsShowTheirRealResult()
    {
        var (client, url) = await InventoryAsync("評估公司 4");

        // 4.1 scores 5 on magnitude (significant whatever the threshold); 5.3 misses a score.
        var page = await (await Forms.PostAsync(client, url, Form(c => c switch { "4.1" => 5, "5.3" => null, _ => 1 }))).Content.ReadAsStringAsync();

        Assert.Contains("請選 1–5", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"result-4.1\">重大・納入", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"result-3.1\">不重大", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"result-5.3\">—", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCompany_GetsNotFound()
    {
        var (_, url) = await InventoryAsync("評估公司 A");
        var b = (await app.SignInAsNewCompanyUserAsync("評估公司 B")).Client;

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(url)).StatusCode);
    }
}
