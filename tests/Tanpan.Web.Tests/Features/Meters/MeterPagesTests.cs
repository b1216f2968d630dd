using System.Net;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

public sealed class MeterPagesTests_Sqlite(SqliteApp app) : MeterPagesTests(app), IClassFixture<SqliteApp>;

public sealed class MeterPagesTests_Postgres(PostgresApp app) : MeterPagesTests(app), IClassFixture<PostgresApp>;

/// <summary>The meter form answers a bad field in the reader's language, next to the field; a created meter is
/// listed; another company's meter page is not found.</summary>
public abstract class MeterPagesTests(TanpanApp app)
{
    [Fact]
    public async Task MeterForm_NamesTheBadFieldsInChineseAndEnglish_AndCreates()
    {
        var (companyId, client) = await app.SignInAsNewCompanyUserAsync("電表表單公司");
        var facility = await MeterSetup.FacilityAsync(app, companyId);
        var bad = await Forms.PostAsync(client, "/energy/meters", [new("Form.Code", "a/b"), new("Form.Name", ""), new("Form.FacilityId", facility.ToString()), new("Form.Kind", "Physical"),
            new("Form.Carrier", "Water"), new("Form.Unit", "kWh"), new("Form.Semantics", "Counter"), new("Form.IntervalMinutes", "15"), new("Form.TimeZone", "Asia/Taipei"), new("Form.Multiplier", "abc")], handler: "Create");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("請輸入有效的數字", page, StringComparison.Ordinal);

        var chinese = await Forms.PostAsync(client, "/energy/meters", [new("Form.Code", "a/b"), new("Form.Name", "x"), new("Form.FacilityId", facility.ToString()), new("Form.Kind", "Physical"),
            new("Form.Carrier", "Water"), new("Form.Unit", "kWh"), new("Form.Semantics", "Counter"), new("Form.IntervalMinutes", "15"), new("Form.TimeZone", "Asia/Taipei")], handler: "Create");
        var chinesePage = WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync());
        Assert.Contains("必填：電表代號 1–40 個英數字", chinesePage, StringComparison.Ordinal);
        Assert.Contains("水用立方公尺", chinesePage, StringComparison.Ordinal);

        var english = await Forms.PostAsync(client, "/energy/meters?lang=en", [new("Form.Code", "a/b"), new("Form.Name", "x"), new("Form.FacilityId", facility.ToString()), new("Form.Kind", "Physical"),
            new("Form.Carrier", "Water"), new("Form.Unit", "kWh"), new("Form.Semantics", "Counter"), new("Form.IntervalMinutes", "15"), new("Form.TimeZone", "Asia/Taipei")], handler: "Create");
        var englishPage = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("one of m3 for Water", englishPage, StringComparison.Ordinal);
        var good = await Forms.PostAsync(client, "/energy/meters", [new("Form.Code", "W1"), new("Form.Name", "自來水表"), new("Form.FacilityId", facility.ToString()), new("Form.Kind", "Physical"),
            new("Form.Carrier", "Water"), new("Form.Unit", "m3"), new("Form.Semantics", "Counter"), new("Form.IntervalMinutes", "1440"), new("Form.TimeZone", "Asia/Taipei"), new("Form.Multiplier", "1")], handler: "Create");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("data-testid=\"meter-W1\"", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/energy/meters/W1")).StatusCode);

        var (_, other) = await app.SignInAsNewCompanyUserAsync("別家公司");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/energy/meters/W1")).StatusCode);
        Assert.DoesNotContain("自來水表", await other.GetStringAsync("/energy/meters"), StringComparison.Ordinal);
    }
}
