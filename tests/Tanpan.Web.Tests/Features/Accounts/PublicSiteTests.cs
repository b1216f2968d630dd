using Microsoft.AspNetCore.Mvc.Testing;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Accounts;

public sealed class PublicSiteTests_Sqlite(SqliteApp app) : PublicSiteTests(app), IClassFixture<SqliteApp>;

public sealed class PublicSiteTests_Postgres(PostgresApp app) : PublicSiteTests(app), IClassFixture<PostgresApp>;

/// <summary>The operator's news and events on the public home page, and the contact page.</summary>
public abstract class PublicSiteTests(TanpanApp app)
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    private async Task<HttpClient> OperatorAsync()
    {
        var client = Browser();
        await Forms.PostAsync(client, "/login", [new("Account", TanpanApp.OperatorEmail), new("Password", TanpanApp.OperatorPassword)]);
        return client;
    }

    [Fact]
    public async Task OperatorNewsAndUpcomingEvents_AppearOnTheHomePage_PastEventsDoNot()
    {
        var op = await OperatorAsync();
        var title = $"碳費說明會 {Guid.NewGuid():N}"[..16];
        await Forms.PostAsync(op, "/operator/announcements", [new("Kind", "News"), new("Title", "係數更新 " + title), new("Body", "環境部公告 2024 係數")]);
        await Forms.PostAsync(op, "/operator/announcements", [new("Kind", "Event"), new("Title", "說明會 " + title), new("Body", "台中場"), new("EventDate", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new("Location", "台中")]);
        await Forms.PostAsync(op, "/operator/announcements", [new("Kind", "Event"), new("Title", "過去 " + title), new("Body", "已結束"), new("EventDate", "2020-01-01")]);

        var home = await app.CreateClient().GetStringAsync("/");

        Assert.Contains("係數更新 " + title, home, StringComparison.Ordinal);
        Assert.Contains("說明會 " + title, home, StringComparison.Ordinal);
        Assert.DoesNotContain("過去 " + title, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventWithoutDate_IsAFieldError()
    {
        var op = await OperatorAsync();

        var page = await (await Forms.PostAsync(op, "/operator/announcements", [new("Kind", "Event"), new("Title", "沒有日期"), new("Body", "x")])).Content.ReadAsStringAsync();

        Assert.Contains("活動需填日期", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactMessage_IsEmailedToTheOperator_AndListedForThem()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];

        var sent = await (await Forms.PostAsync(Browser(), "/contact", [new("Name", "陳先生"), new("Email", "chen@example.test"), new("CompanyName", "某某工業"), new("Message", $"想了解碳費 {marker}")])).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"sent\"", sent, StringComparison.Ordinal);
        var mail = await app.Mail.WaitForAsync(TanpanApp.OperatorEmail, "聯絡表單");
        Assert.Contains(marker, app.Mail.Messages().Select(m => m.TextBody ?? string.Empty).First(b => b.Contains(marker, StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.NotNull(mail);
        Assert.Contains(marker, await (await OperatorAsync()).GetStringAsync("/operator/announcements"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadContactMessage_NamesTheFields()
    {
        var page = await (await Forms.PostAsync(Browser(), "/contact", [new("Name", ""), new("Email", "x"), new("Message", "")])).Content.ReadAsStringAsync();

        Assert.Contains("請填姓名", page, StringComparison.Ordinal);
        Assert.Contains("請填有效的電子郵件", page, StringComparison.Ordinal);
        Assert.Contains("請填寫內容", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorPages_AreClosedToCompanyUsers()
    {
        var company = (await app.SignInAsNewCompanyUserAsync("一般會員")).Client;

        var response = await company.GetAsync("/operator/announcements");

        Assert.EndsWith("/access-denied", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }
}
