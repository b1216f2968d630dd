namespace Tanpan.Web.Platform.Localization;

/// <summary>UI language: Traditional Chinese by default, English when the <c>lang</c> cookie or query says so.
/// Pages write both texts side by side in code (<c>T("中文", "English")</c>) so a translation cannot go missing.</summary>
public static class Lang
{
    public const string Cookie = "lang";

    public static bool IsEnglish(HttpContext context) =>
        (context.Request.Query[Cookie].FirstOrDefault() ?? OriginalQueryLang(context) ?? context.Request.Cookies[Cookie]) == "en";

    // An error page re-executed for a failed request has lost that request's query string; its ?lang still counts.
    private static string? OriginalQueryLang(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalQueryString is { Length: > 1 } query
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).GetValueOrDefault(Cookie).FirstOrDefault()
            : null;

    public static string T(this HttpContext context, string zh, string en) => IsEnglish(context) ? en : zh;

    /// <summary>The language of text people typed (a measure's name, a contact, a note): Chinese if it has any Han
    /// character. Pages mark it so, since the reader's language says nothing about what someone else wrote. Null (no
    /// attribute) when there is no text.</summary>
    public static string? OfText(string? text) => text is null ? null : text.Any(c => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf') ? "zh-Hant" : "en";
}
