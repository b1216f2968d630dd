using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Platform.Web;

/// <summary>The page a person sees when a rate limit refuses a form post. Written by the rate limiter itself (it has
/// no page to render into), so it is a self-contained document on the site's stylesheet.</summary>
public static class TooManyRequestsPage
{
    // Chinese text as characters, not &#x...; entities (as the pages are configured).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var en = Lang.IsEnglish(context);
        var title = context.T("嘗試次數過多", "Too many attempts");
        var message = context.T($"此網路位址短時間內送出的次數過多，請於 {seconds} 秒後再試。", $"Too many attempts from this address in a short time. Try again in {seconds} seconds.");
        var back = context.T("回首頁", "Back to the home page");
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!doctype html>
            <html lang="{(en ? "en" : "zh-Hant")}">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{Html.Encode(title)} — {Html.Encode(context.T("碳盤", "Tanpan"))}</title>
                <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <header class="top"><a class="brand" href="/">{Html.Encode(context.T("碳盤 Tanpan", "Tanpan 碳盤"))}</a></header>
            <main>
                <h1>{Html.Encode(title)}</h1>
                <section class="callout" data-testid="too-many-requests"><p>{Html.Encode(message)}</p><p><a href="/">{Html.Encode(back)}</a></p></section>
            </main>
            </body>
            </html>
            """, ct);
    }
}
