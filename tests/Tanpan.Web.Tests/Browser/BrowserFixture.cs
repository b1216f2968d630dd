using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Tanpan.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port and Debian's Chromium driven by Playwright (no browser download).</summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(new KestrelApp())
    {
    }

    protected BrowserFixture(TanpanApp app) => App = app;

    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TanpanApp App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = null!;

    /// <summary>Where tests leave screenshots (kept by CI with the test results).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    // Per page: the Content-Security-Policy violations reported as console messages or securitypolicyviolation events.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> _cspViolations = new();

    // Runs before any script of the page; the CSP does not apply to scripts the browser driver injects.
    private const string RecordCspViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.pathname}:${e.lineNumber}`));
        """;

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(10_000);
        await context.AddInitScriptAsync(RecordCspViolations);
        var page = await context.NewPageAsync();
        var violations = _cspViolations.GetOrAdd(page, _ => new());
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Every CSP violation <paramref name="page"/> reported since it was opened (for earlier documents, the
    /// console messages; for the current one, also its events).</summary>
    public async Task<IReadOnlyList<string>> CspViolationsAsync(IPage page)
    {
        var violations = _cspViolations[page];
        foreach (var violation in await page.EvaluateAsync<string[]>("() => window.__cspViolations.splice(0)"))
        {
            violations.Enqueue($"{page.Url}: {violation}");
        }

        return [.. violations];
    }

    /// <summary>Opens a page signed in as <paramref name="account"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string account, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-testid=account]", account);
        await page.FillAsync("[data-testid=password]", password);
        await page.ClickAsync("[data-testid=login]");
        await page.Locator("[data-testid=nav-account]").WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class KestrelApp() : TanpanApp(Provider.Sqlite);

/// <summary>The app with the demo company's full data (inventories, work orders, a certificate), as a newcomer sees it.</summary>
public sealed class KestrelDemoApp() : TanpanApp(Provider.Sqlite)
{
    protected override bool SeedsDemoData => true;
}

public sealed class DemoBrowserFixture() : BrowserFixture(new KestrelDemoApp());
