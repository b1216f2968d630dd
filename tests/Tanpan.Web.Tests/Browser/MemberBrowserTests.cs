using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

public sealed class MemberBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Company_Registers_OperatorApproves_UserSignsIn()
    {
        var applicant = await browser.NewPageAsync();
        await applicant.GotoAsync("/register");
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        await applicant.FillAsync("#CompanyName", "永興電鍍有限公司");
        await applicant.FillAsync("#TaxId", "53212539");
        await applicant.FillAsync("#Address", "彰化縣和美鎮工業路 8 號");
        await applicant.SelectOptionAsync("#Region", "彰化縣");
        await applicant.FillAsync("#ContactName", "林美華");
        await applicant.FillAsync("#Phone", "04-755-1234");
        await applicant.FillAsync("#Email", email);
        await applicant.FillAsync("#Account", "yongxing");
        await applicant.FillAsync("#Password", "Plating-Pass-2024");
        await applicant.FillAsync("#ConfirmPassword", "Plating-Pass-2024");
        await applicant.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "register.png"), FullPage = true });
        await applicant.ClickAsync("[data-testid=register]");
        await applicant.Locator("[data-testid=submitted]").WaitForAsync();

        var operatorPage = await browser.SignedInPageAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        await operatorPage.GotoAsync("/operator/members?status=Pending");
        await operatorPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "operator-members.png"), FullPage = true });
        await operatorPage.ClickAsync("[data-testid=approve-53212539]");
        Assert.Contains("永興電鍍有限公司", await operatorPage.Locator("[data-testid=notice]").InnerTextAsync(), StringComparison.Ordinal);
        await browser.App.Mail.WaitForAsync(email, "已通過");

        var member = await browser.SignedInPageAsync("yongxing", "Plating-Pass-2024");
        Assert.Equal("永興電鍍有限公司", await member.Locator("[data-testid=company-name]").InnerTextAsync());
    }
}
