using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Factors;
using Tanpan.Web.Features.Pact;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Pact;

/// <summary>Tanpan as a PACT client of a second Tanpan (the bench, the supplier): a company connects the supplier on
/// its pages, fetches its footprints, turns them into a weighted-average supplier factor; asks for a footprint by
/// event and receives the supplier's answer at its own events endpoint; invites a supplier without PACT by e-mail.</summary>
public sealed partial class PactClientTests(PactBench bench) : IClassFixture<PactBench>
{
    [GeneratedRegex("data-testid=\"new-client-id\">([^<]+)<")]
    private static partial Regex NewClientId();

    [GeneratedRegex("/supplier-form/([A-Za-z0-9_-]+)")]
    private static partial Regex FormLink();

    private sealed class ClientApp : TanpanApp
    {
        public ClientApp()
            : base(Provider.Sqlite)
        {
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pact:AllowPrivateNetworks", "true");
        }
    }

    [Fact]
    public async Task ACompany_FetchesASuppliersFootprints_AndAveragesThemIntoASupplierFactor()
    {
        await using var app = new ClientApp();
        var (companyId, admin) = await app.SignInAsNewCompanyUserAsync("買方機械 " + Guid.NewGuid().ToString("N")[..6]);

        var bad = await Forms.PostAsync(admin, "/exchange/suppliers", [new("Connection.Name", "鋼材廠"), new("Connection.BaseUrl", "ftp://x"), new("Connection.SpecMajor", "3"), new("Connection.ClientId", "a"), new("Connection.Secret", "b")], handler: "Connect");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("https://", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var connected = await Forms.PostAsync(admin, "/exchange/suppliers",
            [new("Connection.Name", "示範車床廠"), new("Connection.BaseUrl", bench.Address.GetLeftPart(UriPartial.Authority)), new("Connection.SpecMajor", "3"), new("Connection.ClientId", bench.ClientId), new("Connection.Secret", PactBench.ClientSecretOfDemo)],
            handler: "Connect");
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        Guid connectionId = default;
        using (var scope = app.Services.CreateScope())
        {
            connectionId = (await scope.ServiceProvider.GetRequiredService<TanpanDb>().SupplierConnections.IgnoreQueryFilters().SingleAsync(c => c.CompanyId == companyId)).Id;
        }

        var fetched = await Forms.PostAsync(admin, "/exchange/suppliers", [new("ProductId", string.Empty)], handler: $"Fetch&connectionId={connectionId}");
        var page = await fetched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Contains($"received-{bench.NewPfId}", page, StringComparison.Ordinal);
        Assert.Contains($"received-{bench.OldPfId}", page, StringComparison.Ordinal);

        // 60 / 40 → the factor is the weighted average, named with both footprints; shares need not add to 100.
        var used = await Forms.PostAsync(admin, "/exchange/suppliers",
            [new("FactorCode", "lathe-avg"), new("FactorName", "車床（兩版加權）"), new($"Shares[{await ReceivedIdAsync(app, companyId, bench.NewPfId)}]", "3"), new($"Shares[{await ReceivedIdAsync(app, companyId, bench.OldPfId)}]", "2")],
            handler: "Use");
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var received = await db.ReceivedFootprints.IgnoreQueryFilters().Where(r => r.CompanyId == companyId).ToListAsync();
            var factor = await db.CustomFactors.IgnoreQueryFilters().SingleAsync(f => f.CompanyId == companyId && f.Code == "lathe-avg");
            var expected = (0.6m * received.Single(r => r.PfId == bench.NewPfId).KgCo2ePerUnit) + (0.4m * received.Single(r => r.PfId == bench.OldPfId).KgCo2ePerUnit);
            Assert.Equal(expected, factor.KgCo2ePerUnit, 18);
            Assert.Equal("piece", factor.PerUnit);
            Assert.Equal("示範車床廠", factor.Supplier);
            Assert.Contains(bench.NewPfId.ToString(), factor.Source, StringComparison.Ordinal);
            Assert.Contains("60 %", factor.Source, StringComparison.Ordinal);
            Assert.NotNull(factor.ReferenceFrom);
            var ter = (0.6m * received.Single(r => r.PfId == bench.NewPfId).TechnologicalDqr!.Value) + (0.4m * received.Single(r => r.PfId == bench.OldPfId).TechnologicalDqr!.Value);
            Assert.Equal(ter, factor.TechnologicalDqr!.Value, 10);
            Assert.NotNull(factor.GeographicalDqr);
        }

        // A BOM line on the factor is the supplier's primary data and rates as the supplier's footprint did.
        var product = await Forms.PostAsync(admin, "/products", [new("Name", "組合機"), new("PcrId", "tmba-cnc-lathe-2024"), new("Boundary", "cradle-to-gate")]);
        var productUrl = product.RequestMessage!.RequestUri!.AbsolutePath;
        var line = await Forms.PostAsync(admin, productUrl, [new("Line.LineNo", "10"), new("Line.Name", "外購車床"), new("Line.ComponentClass", "main"), new("Line.Quantity", "1"), new("Line.Unit", "piece"), new("Line.Activity", "custom.lathe-avg")], handler: "Line");
        var detail = await line.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, line.StatusCode);
        Assert.Contains("custom.lathe-avg", detail, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"primary-share\">100.00%", detail, StringComparison.Ordinal);
        Assert.Contains("已評等 100.00%", detail, StringComparison.Ordinal);

        // A share on nothing, or a code already taken, is refused on the page and saves nothing.
        var none = await Forms.PostAsync(admin, "/exchange/suppliers", [new("FactorCode", "x"), new("FactorName", "x")], handler: "Use");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var taken = await Forms.PostAsync(admin, "/exchange/suppliers", [new("FactorCode", "lathe-avg"), new("FactorName", "x"), new($"Shares[{await ReceivedIdAsync(app, companyId, bench.NewPfId)}]", "1")], handler: "Use");
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("已存在", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A wrong secret shows the supplier host's refusal on the page.
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Tanpan.Web.Platform.Tenancy.TenantScope>().Enter(companyId, "test", Tanpan.Web.Platform.Tenancy.PrincipalKind.System);
            var exchange = scope.ServiceProvider.GetRequiredService<SupplierExchange>();
            var (wrong, errors) = await exchange.AddConnectionAsync(new(bench.Address.Host, bench.Address.GetLeftPart(UriPartial.Authority), 3, bench.ClientId, "wrong", null), default);
            Assert.Empty(errors);
            var (count, error) = await exchange.FetchAsync(wrong!, null, default);
            Assert.Equal(0, count);
            Assert.Contains("401", error, StringComparison.Ordinal);
        }
    }

    private static async Task<Guid> ReceivedIdAsync(TanpanApp app, Guid companyId, Guid pfId)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<TanpanDb>().ReceivedFootprints.IgnoreQueryFilters().SingleAsync(r => r.CompanyId == companyId && r.PfId == pfId)).Id;
    }

    [Fact]
    public async Task ARequestToTheSupplier_IsAnsweredAtOurEvents_AndLandsAsReceivedFootprints()
    {
        // The buyer is a second Tanpan on its own HTTPS port: the supplier (the bench) answers it there.
        await using var buyer = new PactBench.HostApp();
        buyer.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps()));
        buyer.StartServer();
        var buyerAddress = new Uri(buyer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var buyerCompany = await buyer.CreateApprovedCompanyAsync("買方 " + Guid.NewGuid().ToString("N")[..6]);

        // The buyer issues the supplier a client for its answers; the supplier stores it as its customer's callback.
        const string answerSecret = "tps_answer-secret-0123456789abcdef01";
        string answerClient = null!;
        using (var scope = buyer.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Tanpan.Web.Platform.Tenancy.TenantScope>().Enter(buyerCompany, "test", Tanpan.Web.Platform.Tenancy.PrincipalKind.System);
            answerClient = await PactBench.AddClientAsync(scope.ServiceProvider, "Supplier's answers", answerSecret, [], withCallback: false);
        }

        const string readSecret = "tps_buyer-reads-0123456789abcdef0123";
        string readClient = null!;
        await bench.InCompanyAsync(bench.CompanyId, async (db, services) =>
        {
            readClient = await PactBench.AddClientAsync(services, "Buyer", readSecret, [bench.ProductId], withCallback: false);
            var row = await db.PactClients.FirstAsync(c => c.ClientId == readClient);
            row.CallbackClientId = answerClient;
            row.CallbackSecretProtected = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(
                services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector(PactSender.SecretPurpose), answerSecret);
            await db.SaveChangesAsync();
        });

        string requestId;
        using (var scope = buyer.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Tanpan.Web.Platform.Tenancy.TenantScope>().Enter(buyerCompany, "test", Tanpan.Web.Platform.Tenancy.PrincipalKind.System);
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            var answerClientId = (await db.PactClients.SingleAsync(c => c.ClientId == answerClient)).Id;
            var exchange = scope.ServiceProvider.GetRequiredService<SupplierExchange>();
            var (connection, errors) = await exchange.AddConnectionAsync(new("示範車床廠", bench.Address.GetLeftPart(UriPartial.Authority), 3, readClient, readSecret, answerClientId), default);
            Assert.Empty(errors);
            var (request, requestErrors) = await exchange.RequestAsync(connection!, "urn:pact:product:customcode:vendor-assigned:Vturn-NP20", "2025 年度", buyerAddress.GetLeftPart(UriPartial.Authority), default);
            Assert.Empty(requestErrors);
            requestId = request!.RequestEventId;
        }

        PactExchange? answered = null;
        for (var i = 0; i < 300 && answered?.Status != PactRequestStatus.Fulfilled; i++)
        {
            await Task.Delay(100);
            using var scope = buyer.Services.CreateScope();
            answered = await scope.ServiceProvider.GetRequiredService<TanpanDb>().PactExchanges.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.RequestEventId == requestId);
        }

        Assert.Equal(PactRequestStatus.Fulfilled, answered!.Status);
        Assert.Equal(PactDelivery.Delivered, answered.Delivery);
        using (var scope = buyer.Services.CreateScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<TanpanDb>().ReceivedFootprints.IgnoreQueryFilters().Where(r => r.CompanyId == buyerCompany).ToListAsync();
            var pf = Assert.Single(received);
            Assert.Equal(bench.NewPfId, pf.PfId);
            Assert.Equal("piece", pf.DeclaredUnit);
            Assert.NotNull(pf.PrimaryDataPercent);
            Assert.False(pf.SelfDeclared);
        }

        // The supplier announces a footprint (PublishedEvent, with the client we issued it): we fetch it at once.
        using (var supplierSide = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { BaseAddress = buyerAddress })
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            tokenRequest.Headers.Authorization = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(PactAuth.BasicHeader(answerClient, answerSecret));
            var token = System.Text.Json.Nodes.JsonNode.Parse(await (await supplierSide.SendAsync(tokenRequest)).Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            supplierSide.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var published = $$$"""{"type":"{{{PactEvents.Types.Published3}}}","specversion":"1.0","id":"{{{Guid.NewGuid()}}}","source":"{{{bench.Address.GetLeftPart(UriPartial.Authority)}}}","time":"2026-12-02T00:00:00Z","data":{"pfIds":["{{{bench.OldPfId}}}"]}}""";
            using var announced = await supplierSide.PostAsync("/3/events", new StringContent(published, System.Text.Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.OK, announced.StatusCode);
        }

        using (var scope = buyer.Services.CreateScope())
        {
            var ids = await scope.ServiceProvider.GetRequiredService<TanpanDb>().ReceivedFootprints.IgnoreQueryFilters().Where(r => r.CompanyId == buyerCompany).Select(r => r.PfId).ToListAsync();
            Assert.Contains(bench.OldPfId, ids);
        }

        // The supplier's side shows the request fulfilled and delivered.
        await bench.InCompanyAsync(bench.CompanyId, async (db, _) =>
        {
            var inbound = await db.PactExchanges.AsNoTracking().SingleAsync(x => x.RequestEventId == requestId);
            Assert.Equal(PactRequestStatus.Fulfilled, inbound.Status);
        });
    }

    [Fact]
    public async Task ASupplierWithoutPact_DeclaresOnTheEmailedForm_Once()
    {
        await using var app = new ClientApp();
        var (companyId, clerk) = await app.SignInAsNewCompanyUserAsync("邀請公司 " + Guid.NewGuid().ToString("N")[..6], Tanpan.Web.Platform.Security.Roles.DataClerk);
        var invalid = await Forms.PostAsync(clerk, "/exchange/invitations", [new("SupplierName", "鑄件廠"), new("Email", "not-an-email"), new("ProductName", "床台鑄件"), new("DeclaredUnit", "kg")]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var sent = await Forms.PostAsync(clerk, "/exchange/invitations", [new("SupplierName", "鑄件廠"), new("Email", "casting@supplier.test"), new("ProductName", "床台鑄件"), new("DeclaredUnit", "kg"), new("Message", "2025 年度")]);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var mail = await app.Mail.WaitForAsync("casting@supplier.test", "碳足跡");
        var token = FormLink().Match(mail.TextBody ?? string.Empty).Groups[1].Value;
        var url = $"/supplier-form/{token}";

        var supplier = app.Browser();
        var form = await supplier.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("床台鑄件", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var missing = await Forms.PostAsync(supplier, url, [new("KgCo2e", "-1"), new("ReferenceFrom", "2025-01-01"), new("ReferenceTo", "2024-12-31")]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var done = await Forms.PostAsync(supplier, url,
            [new("KgCo2e", "2.15"), new("ReferenceFrom", "2025-01-01"), new("ReferenceTo", "2025-12-31"), new("PrimaryDataPercent", "80"), new("Method", "ISO 14067，電力依 2024 電力排碳係數"), new("Declarant", "王小明 品保經理")]);
        var doneHtml = await done.Content.ReadAsStringAsync();
        Assert.True(doneHtml.Contains("data-testid=\"thanks\"", StringComparison.Ordinal), $"{done.StatusCode} {done.RequestMessage!.RequestUri} {doneHtml[..Math.Min(3000, doneHtml.Length)]}");
        Assert.Equal(HttpStatusCode.NotFound, (await supplier.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supplier.GetAsync("/supplier-form/" + new string('a', 43))).StatusCode);

        using var scope = app.Services.CreateScope();
        var received = await scope.ServiceProvider.GetRequiredService<TanpanDb>().ReceivedFootprints.IgnoreQueryFilters().SingleAsync(r => r.CompanyId == companyId);
        Assert.True(received.SelfDeclared);
        Assert.Equal(2.15m, received.KgCo2ePerUnit);
        Assert.Equal("kg", received.DeclaredUnit);
        Assert.Equal(new DateOnly(2025, 12, 31), received.ReferenceTo);
        Assert.Contains("王小明", received.DocumentJson, StringComparison.Ordinal);
        var list = await clerk.GetStringAsync("/exchange/suppliers");
        Assert.Contains("自行申報", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdmin_CreatesAClient_ShownOnce_AndPublishingNeedsALockedVersion()
    {
        await using var app = new ClientApp();
        var (_, admin) = await app.SignInAsNewCompanyUserAsync("發布公司 " + Guid.NewGuid().ToString("N")[..6]);
        var created = await Forms.PostAsync(admin, "/exchange/clients", [new("Name", "客戶 ERP")], handler: "Create");
        var html = await created.Content.ReadAsStringAsync();
        Assert.Matches("tpc_[0-9a-f]{20}", NewClientId().Match(html).Groups[1].Value);
        Assert.Contains("data-testid=\"new-client-secret\">tps_", html, StringComparison.Ordinal);
        Assert.DoesNotContain("new-client-secret", await admin.GetStringAsync("/exchange/clients"), StringComparison.Ordinal);

        var publish = await Forms.PostAsync(admin, "/exchange", [new("Version", $"{Guid.NewGuid()}:1")], handler: "Publish");
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        Assert.Contains("不是已鎖定", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/exchange?lang=en");
        Assert.Contains("Published footprints", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAssociation_SeesOnlyConsentingMembers_AsCounts()
    {
        await using var app = new ClientApp();
        var listedName = "同意公司 " + Guid.NewGuid().ToString("N")[..6];
        var hiddenName = "不同意公司 " + Guid.NewGuid().ToString("N")[..6];
        var (_, listed) = await app.SignInAsNewCompanyUserAsync(listedName);
        await app.SignInAsNewCompanyUserAsync(hiddenName);
        await Forms.PostAsync(listed, "/exchange/clients", [new("Name", "客戶 ERP")], handler: "Create");
        var consent = await Forms.PostAsync(listed, "/exchange", [], handler: "Listing&listed=true");
        Assert.Contains("data-testid=\"listing-state\">已同意", await consent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var operatorClient = await app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        var page = await operatorClient.GetStringAsync("/operator/exchange");
        Assert.Contains(listedName, page, StringComparison.Ordinal);
        Assert.DoesNotContain(hiddenName, page, StringComparison.Ordinal);
        Assert.Matches(listedName + "</td><td></td><td>0</td><td>1</td><td>0</td>", page);

        await Forms.PostAsync(listed, "/exchange", [], handler: "Listing&listed=false");
        Assert.DoesNotContain(listedName, await operatorClient.GetStringAsync("/operator/exchange"), StringComparison.Ordinal);
    }
}
