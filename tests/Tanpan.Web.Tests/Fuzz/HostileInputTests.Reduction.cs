using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Fuzz;

public abstract partial class HostileInputTests
{
    private const string MeasureTemplate = """
        {"name":"亂數措施","kind":"equipment-efficiency","capexNtd":100000,"annualOpexChangeNtd":-500,"annualSavingsNtd":40000,"annualAbatementTonnes":12.5,"startYear":2026,"lifetimeYears":10,"rampYears":2,"basis":"quote"}
        """;

    private const string PlanTemplate = """
        {"baseYear":2024,"baseYearTonnes":1500,"boundary":"scopes-1-2","rate":"custom","customRate":0.03,"targetYears":[2030,2050],"discountRate":0.05}
        """;

    /// <summary>The reduction register and plan: POST and PUT of measures, PUT of the plan; after every hostile body the
    /// plan still evaluates (no stored value makes GET fail).</summary>
    [Fact]
    public async Task ReductionRoutes_NeverAnswer5xx_AndThePlanStillEvaluates()
    {
        var hostile = new Hostile(Seed + 11);
        var (_, erp) = await app.CreateCompanyAsync("亂數減碳公司");
        var created = await erp.PostAsJsonAsync("/api/v1/reduction/measures", JsonNode.Parse(MeasureTemplate));
        var id = (await Problem.ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var template = i % 3 == 0 ? PlanTemplate : MeasureTemplate;
            var body = i % 10 == 9 ? hostile.RawBody() : hostile.Mutate(JsonNode.Parse(template)!).ToJsonString();
            switch (i % 3)
            {
                case 0:
                    await CheckPutAsync(erp, "/api/v1/reduction/plan", body, failures);
                    break;
                case 1:
                    await CheckAsync(erp, "/api/v1/reduction/measures", body, failures);
                    break;
                default:
                    await CheckPutAsync(erp, $"/api/v1/reduction/measures/{id}", body, failures);
                    break;
            }

            if (i % 25 == 0)
            {
                var view = await erp.GetAsync("/api/v1/reduction");
                if (view.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"GET /api/v1/reduction after {body[..Math.Min(120, body.Length)]}: {(int)view.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(HttpStatusCode.OK, (await erp.GetAsync("/api/v1/reduction")).StatusCode);
    }

    private static async Task CheckPutAsync(HttpClient client, string route, string body, List<string> failures)
    {
        var response = await client.PutAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
        if ((int)response.StatusCode >= 500)
        {
            var text = await response.Content.ReadAsStringAsync();
            failures.Add($"PUT {route} {body[..Math.Min(200, body.Length)]}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }
        else if (response.StatusCode == HttpStatusCode.BadRequest && !(await response.Content.ReadAsStringAsync()).Contains("\"errors\"", StringComparison.Ordinal))
        {
            failures.Add($"PUT {route} {body[..Math.Min(200, body.Length)]}: 400 names no field");
        }
    }
}
