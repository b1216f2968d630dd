using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Portal;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Fuzz;

/// <summary>The service portal's forms, members' and operator's, with hostile values: never a 5xx, and only a post
/// the page accepted (it says so with the done banner) saved a row.</summary>
public abstract partial class HostileInputTests
{
    [Fact]
    public async Task PortalForms_NeverAnswer5xx_AndOnlyAnAcceptedPostSaves()
    {
        var hostile = new Hostile(Seed + 11);
        var op = await app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        var vendorName = "亂數廠商-" + Guid.NewGuid().ToString("N")[..8];
        await Forms.PostAsync(op, "/operator/portal/vendors",
            [new("Input.NameZh", vendorName), new("Input.NameEn", "Fuzz vendor"), new("Input.Categories", "HeatPump"), new("Input.ContactName", "王"), new("Input.DescriptionZh", "熱泵"), new("Input.DescriptionEn", "Heat pumps"), new("Input.Listed", "true")]);
        Guid vendorId, matchId, consultId;
        var (companyId, member) = await app.SignInAsNewCompanyUserAsync("亂數服務平台公司");
        using (var scope = app.Services.CreateScope())
        {
            vendorId = (await scope.ServiceProvider.GetRequiredService<TanpanDb>().PortalVendors.SingleAsync(v => v.NameZh == vendorName)).Id;
        }

        await Forms.PostAsync(member, $"/portal/vendors/{vendorId}", [new("Input.Need", "n"), new("Input.Site", "s"), new("Input.Budget", "Undecided"), new("Input.ContactName", "c"), new("Input.ContactPhone", "p")]);
        await Forms.PostAsync(member, "/portal/requests", [new("Input.Topic", "Other"), new("Input.Message", "m"), new("Input.PreferredContact", "Phone"), new("Input.ContactDetail", "d")], handler: "Consult");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            matchId = (await db.MatchmakingRequests.IgnoreQueryFilters().SingleAsync(r => r.CompanyId == companyId)).Id;
            consultId = (await db.ConsultationRequests.IgnoreQueryFilters().SingleAsync(r => r.CompanyId == companyId)).Id;
        }

        var forms = new (HttpClient Client, string Url, string[] Fields)[]
        {
            (member, $"/portal/vendors/{vendorId}", ["Input.Need", "Input.Site", "Input.Budget", "Input.ContactName", "Input.ContactPhone"]),
            (member, "/portal/requests?handler=Consult", ["Input.Topic", "Input.Message", "Input.PreferredContact", "Input.ContactDetail"]),
            (op, "/operator/portal/cases", ["Input.Id", "Input.TitleZh", "Input.TitleEn", "Input.Sector", "Input.Measure", "Input.SummaryZh", "Input.SummaryEn", "Input.InvestmentNtd", "Input.AnnualSavingNtd", "Input.AnnualAbatementT", "Input.CompanyName", "Input.Year", "Input.Published"]),
            (op, "/operator/portal/vendors", ["Input.Id", "Input.NameZh", "Input.NameEn", "Input.Categories", "Input.Categories[0]", "Input.ContactName", "Input.Email", "Input.Phone", "Input.Website", "Input.DescriptionZh", "Input.DescriptionEn", "Input.Listed"]),
            (op, "/operator/portal/announcements", ["Input.Kind", "Input.TitleZh", "Input.TitleEn", "Input.BodyZh", "Input.BodyEn", "Input.Date", "Input.Link", "Input.Location"]),
            (op, $"/operator/portal/requests?handler=Match&id={matchId}", ["status", "note"]),
            (op, $"/operator/portal/requests?handler=Consult&id={consultId}", ["status", "note"]),
            (op, "/operator/portal/cases?handler=Publish", ["id", "published"]),
        };
        var tokens = new Dictionary<HttpClient, string>
        {
            [member] = TokenPattern().Match(await member.GetStringAsync("/portal/requests")).Groups[1].Value,
            [op] = TokenPattern().Match(await op.GetStringAsync("/operator/portal/cases")).Groups[1].Value,
        };
        var (cases, vendors, notices) = await CatalogueCountsAsync();
        var accepted = new int[forms.Length];
        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var at = i % forms.Length;
            var form = forms[at];
            var fields = form.Fields.Select(f => new KeyValuePair<string, string>(f, hostile.Value()?.ToJsonString().Trim('"') ?? string.Empty)).ToList();
            fields.Add(new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(tokens[form.Client])));
            var response = await form.Client.PostAsync(form.Url, new FormUrlEncodedContent(fields));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{form.Url} {string.Join("&", fields.Take(3).Select(f => f.Key + "=" + f.Value[..Math.Min(30, f.Value.Length)]))}: {(int)response.StatusCode}");
            }
            else if ((await response.Content.ReadAsStringAsync()).Contains("data-testid=\"done\"", StringComparison.Ordinal))
            {
                accepted[at]++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        using var check = app.Services.CreateScope();
        var rows = check.ServiceProvider.GetRequiredService<TanpanDb>();
        Assert.Equal(1 + accepted[0], await rows.MatchmakingRequests.IgnoreQueryFilters().CountAsync(r => r.CompanyId == companyId));
        Assert.Equal(1 + accepted[1], await rows.ConsultationRequests.IgnoreQueryFilters().CountAsync(r => r.CompanyId == companyId));
        // An accepted case or vendor form may have edited an existing row (a hostile Id that matched is unlikely, but
        // a new row is only made by an accepted post); a notice is always new.
        var (casesAfter, vendorsAfter, noticesAfter) = await CatalogueCountsAsync();
        Assert.InRange(casesAfter - cases, 0, accepted[2]);
        Assert.InRange(vendorsAfter - vendors, 0, accepted[3]);
        Assert.Equal(accepted[4], noticesAfter - notices);
    }

    private async Task<(int Cases, int Vendors, int Notices)> CatalogueCountsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        return (await db.PortalCases.CountAsync(), await db.PortalVendors.CountAsync(), await db.PortalNotices.CountAsync());
    }
}
