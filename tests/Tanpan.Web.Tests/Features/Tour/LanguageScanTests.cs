using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Tanpan.Web.Features.WorkOrders;
using Tanpan.Web.Host;

namespace Tanpan.Web.Tests.Features.Tour;

public sealed class DemoTourApp() : TanpanApp(Provider.Sqlite)
{
    protected override bool SeedsDemoData => true;
}

/// <summary>Walks every page reachable from the seeded demo by links, as the demo company's admin, as the operator
/// and signed out, in zh-TW and in English, and fails on a raw code (activity ids, enum names, role codes, field
/// paths) or on text in the other language. Text a page marks as not to be translated (<c>translate="no"</c>:
/// citations of factor sources, codes a user types) or in a declared other language (<c>lang</c>) is skipped, as is
/// what the demo's people entered (Chinese names of their sources and products).</summary>
public sealed partial class LanguageScanTests(DemoTourApp app) : IClassFixture<DemoTourApp>
{
    private static readonly string[] EnumCodes =
    [
        "OperationalControl", "FinancialControl", "EquityShare", "TaipowerBill", "FuelPurchase", "RefrigerantRefill", "CodeMismatch",
        "RackHours", "AmpereHours", "company-admin", "data-clerk", "operator-admin", "direct per process",
    ];

    // Single English words a zh-TW page must not show: statuses and kinds as their codes.
    private static readonly string[] ZhOnlyCodes = ["Draft", "Submitted", "Returned", "Locked", "Pending", "Approved", "Rejected", "Manual", "reviewer", "viewer", "stationary", "mobile", "verified", "secondary", "calculated", "certified"];

    [Fact]
    public async Task EveryPage_InBothLanguages_ShowsNamesNotCodes_AndOneLanguage()
    {
        var demo = await app.SignInAsync(TanpanApp.DemoEmail, TanpanApp.DemoPassword);
        var operatorClient = await app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        var problems = new List<string>();
        var visited = 0;
        foreach (var english in new[] { false, true })
        {
            foreach (var (client, start) in new[] { (demo, "/inventory"), (operatorClient, "/operator/members"), (app.Browser(), "/") })
            {
                await client.GetAsync(english ? "/?lang=en" : "/?lang=zh-Hant");
                visited += await CrawlAsync(client, start, english, problems);
            }
        }

        Assert.True(visited > 40, $"only {visited} pages reached");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems.Distinct().Take(80)));
    }

    private async Task<int> CrawlAsync(HttpClient client, string start, bool english, List<string> problems)
    {
        var queue = new Queue<string>([start, "/work-orders", "/account", "/calculator", "/contact", "/login", "/register", "/forgot-password", "/no-such-page", "/factors?q=柴油", "/factors?q=steel"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var parser = new HtmlParser();
        var count = 0;
        while (queue.Count > 0 && count < 120)
        {
            var url = queue.Dequeue();
            // One or two pages per shape (/work-orders/{id}) are enough; every shape is reached.
            var shape = GuidLike().Replace(url.Split('?')[0], "{id}");
            if (!seen.Add(url) || (shapes[shape] = shapes.GetValueOrDefault(shape) + 1) > 2)
            {
                continue;
            }

            var response = await client.GetAsync(url);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            count++;
            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            Check(url, document, english, problems);
            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !Skipped().IsMatch(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        return count;
    }

    private static void Check(string url, IDocument document, bool english, List<string> problems)
    {
        var text = VisibleText(document.Body!, english ? "en" : "zh");
        foreach (var user in UserTexts)
        {
            text = text.Replace(user, " ", StringComparison.Ordinal);
        }

        text = Email().Replace(text, " ");
        var where = $"{(english ? "en" : "zh")} {url}";
        foreach (Match m in ActivityCode().Matches(text))
        {
            problems.Add($"{where}: activity code '{m.Value}'");
        }

        foreach (Match m in FieldPath().Matches(text))
        {
            problems.Add($"{where}: field path '{m.Value}'");
        }

        foreach (var code in EnumCodes.Where(c => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(c)}(?![\w-])")))
        {
            problems.Add($"{where}: code '{code}'");
        }

        if (english)
        {
            foreach (Match m in Cjk().Matches(text))
            {
                problems.Add($"{where}: Chinese in English: '{Around(text, m.Index)}'");
            }
        }
        else
        {
            foreach (var code in ZhOnlyCodes.Where(c => Regex.IsMatch(text, $@"(?<![\w-]){c}(?![\w-])")))
            {
                problems.Add($"{where}: code '{code}'");
            }

            foreach (Match m in EnglishRun().Matches(text))
            {
                problems.Add($"{where}: English in zh-TW: '{m.Value}'");
            }
        }
    }

    /// <summary>Text nodes and the attributes people read, without scripts, styles, and parts marked as not for
    /// translation or in another language.</summary>
    private static string VisibleText(IElement root, string language)
    {
        var parts = new List<string>();
        void Walk(INode node)
        {
            if (node is IElement element)
            {
                if (element.LocalName is "script" or "style" or "template" || element.GetAttribute("translate") == "no"
                    || (element.GetAttribute("lang") is { } lang && !lang.StartsWith(language, StringComparison.OrdinalIgnoreCase)))
                {
                    return;
                }

                foreach (var attribute in new[] { "title", "placeholder", "aria-label", "alt", "data-confirm" })
                {
                    if (element.GetAttribute(attribute) is { Length: > 0 } value)
                    {
                        parts.Add(value);
                    }
                }

                if (element is AngleSharp.Html.Dom.IHtmlInputElement { Type: "submit" or "button" } input)
                {
                    parts.Add(input.Value);
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                parts.Add(node.TextContent);
            }

            foreach (var child in node.ChildNodes)
            {
                Walk(child);
            }
        }

        Walk(root);
        return string.Join(" | ", parts.Select(p => p.Trim()).Where(p => p.Length > 0));
    }

    /// <summary>What the demo's people wrote (names, descriptions, processes), longest first: text in their language.</summary>
    internal static IEnumerable<string> UserTexts =>
        DemoData.UserTexts.Concat(ProcessTemplate.Electroplating.Processes).Concat(ProcessTemplate.Electroplating.Inputs.Select(i => i.Label))
            .Concat(ProcessTemplate.Electroplating.Metals.Select(m => m.Name)).Concat(["林小姐", "陳經理", "工業區汽電共生蒸汽 (demo)", ProcessTemplate.Electroplating.Name])
            .OrderByDescending(t => t.Length);

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 30), Math.Min(70, text.Length - Math.Max(0, index - 30)));

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidLike();

    [GeneratedRegex(@"handler=|/logout|lang=|/api-docs|/openapi|\.(xlsx|csv|pdf|json)$|^/api/")]
    private static partial Regex Skipped();

    [GeneratedRegex(@"(?<![\w.@/-])(?:electricity|fuel|refrigerant|gas|material|transport|waste|custom)\.[A-Za-z0-9][\w.-]*")]
    private static partial Regex ActivityCode();

    [GeneratedRegex(@"\b[A-Za-z]+\[\d+\]")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF01-\uFF5E]+")]
    private static partial Regex Cjk();

    // Three or more English words in a row (units, standards and brands are shorter: "GWP AR5", "ISO 14064-1").
    [GeneratedRegex(@"(?<![\w-])[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}){2,}(?![\w-])")]
    private static partial Regex EnglishRun();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();
}
