using System.Net;
using System.Net.Http.Json;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.CustomFactors;

public sealed class CompanyFactorTests_Sqlite(SqliteApp app) : CompanyFactorTests(app), IClassFixture<SqliteApp>;

public sealed class CompanyFactorTests_Postgres(PostgresApp app) : CompanyFactorTests(app), IClassFixture<PostgresApp>;

/// <summary>Company-specific factors: stored per tenant, used in calculations, invisible to other companies.</summary>
public abstract class CompanyFactorTests(TanpanApp app)
{
    private static object Factor(string code) => new { code, name = "Park steam", value = 0.215m, unit = "tCO2e/t", source = "supplier declaration 2024", year = 2024 };

    [Fact]
    public async Task CreatedFactor_IsListed_AndUsableAsCustomActivity()
    {
        var (_, client) = await app.CreateCompanyAsync("A 公司");

        var created = await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/custom-factors", Factor("steam")), HttpStatusCode.Created);
        Assert.Equal(215m, created.GetProperty("value").GetDecimal());
        Assert.Equal("kgCO2e/t", created.GetProperty("unit").GetString());

        var list = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/custom-factors"));
        Assert.Single(list.EnumerateArray());

        var result = await Problem.ReadJsonAsync(await app.PostInventoryAsync(
            new { reportingYear = 2024, lines = new[] { new { category = "2.2", activity = "custom.steam", quantity = 10, unit = "t" } } }, client));
        Assert.Equal(2150m, result.GetProperty("totalKgCo2e").GetDecimal());
        var factorId = result.GetProperty("lines")[0].GetProperty("factor").GetProperty("id").GetString()!;
        Assert.Equal("company-specific", result.GetProperty("factors").GetProperty(factorId).GetProperty("verification").GetString());
    }

    [Fact]
    public async Task AnotherCompany_CannotSeeUseOrDeleteTheFactor()
    {
        var (_, a) = await app.CreateCompanyAsync("A 公司");
        var (_, b) = await app.CreateCompanyAsync("B 公司");
        var created = await Problem.ReadJsonAsync(await a.PostAsJsonAsync("/api/v1/custom-factors", Factor("secret-steam")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/custom-factors/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/custom-factors/{id}")).StatusCode);
        Assert.Empty((await Problem.ReadJsonAsync(await b.GetAsync("/api/v1/custom-factors"))).EnumerateArray());
        var errors = await Problem.ReadErrorsAsync(await app.PostInventoryAsync(
            new { reportingYear = 2024, lines = new[] { new { category = "2.2", activity = "custom.secret-steam", quantity = 1, unit = "t" } } }, b));
        Assert.True(errors.ContainsKey("lines[0].activity"));

        // B may reuse the code: codes are unique per company, not globally.
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/custom-factors", Factor("secret-steam"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/v1/custom-factors/{id}")).StatusCode);
    }

    [Fact]
    public async Task WithoutCompanyKey_Returns401_AndAnonymousCalculationCannotUseCompanyFactors()
    {
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/custom-factors")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/custom-factors", Factor("x"))).StatusCode);
        var errors = await Problem.ReadErrorsAsync(await app.PostInventoryAsync(
            new { reportingYear = 2024, lines = new[] { new { category = "2.2", activity = "custom.steam-park", quantity = 1, unit = "t" } } }, anonymous));
        Assert.Contains("authenticated", errors["lines[0].activity"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoCompany_IsSeeded_WithAFactorUsableByItsKey()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TanpanApp.DemoApiKey);

        var list = await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/custom-factors"));

        Assert.Contains(list.EnumerateArray(), f => f.GetProperty("code").GetString() == "steam-park");
    }

    [Theory]
    [InlineData("""{"code":"Bad Code!","name":"n","value":1,"unit":"kgCO2e/kWh","source":"s"}""", "code")]
    [InlineData("""{"code":"ok","value":1,"unit":"kgCO2e/kWh","source":"s"}""", "name")]
    [InlineData("""{"code":"ok","name":"n","value":-1,"unit":"kgCO2e/kWh","source":"s"}""", "value")]
    [InlineData("""{"code":"ok","name":"n","value":1,"unit":"kWh","source":"s"}""", "unit")]
    [InlineData("""{"code":"ok","name":"n","value":1,"unit":"kgCO2e/kWh"}""", "source")]
    [InlineData("""{"code":"ok","name":"n","value":1,"unit":"kgCO2e/kWh","source":"s","year":1800}""", "year")]
    [InlineData("""{"code":"ok","name":"n","value":"high","unit":"kgCO2e/kWh","source":"s"}""", "value")]
    public async Task BadFactor_Returns400NamingTheField_AndStoresNothing(string body, string field)
    {
        var (_, client) = await app.CreateCompanyAsync("C 公司");

        var errors = await Problem.ReadErrorsAsync(await client.PostAsync("/api/v1/custom-factors", new StringContent(body, System.Text.Encoding.UTF8, "application/json")));

        Assert.True(errors.ContainsKey(field), string.Join(", ", errors.Keys));
        Assert.Empty((await Problem.ReadJsonAsync(await client.GetAsync("/api/v1/custom-factors"))).EnumerateArray());
    }

    [Fact]
    public async Task DuplicateCode_Returns400()
    {
        var (_, client) = await app.CreateCompanyAsync("D 公司");
        await client.PostAsJsonAsync("/api/v1/custom-factors", Factor("dup"));

        var errors = await Problem.ReadErrorsAsync(await client.PostAsJsonAsync("/api/v1/custom-factors", Factor("dup")));

        Assert.Contains("already exists", errors["code"][0], StringComparison.Ordinal);
    }
}
