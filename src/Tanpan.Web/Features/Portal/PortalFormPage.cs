using System.Globalization;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Portal;

/// <summary>The portal's forms check their fields the same way: each message names the field and says what is
/// allowed, in the reader's language, and a value that did not bind ("abc" for an amount) gets the same message as
/// one that is out of range. Fields are bound under <c>Input.</c>; errors are keyed without it.</summary>
public abstract class PortalFormPage : FormPage
{
    private bool Unbound(string field) => ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0;

    protected string T(string zh, string en) => HttpContext.T(zh, en);

    /// <summary>Trimmed text of at most <paramref name="max"/> characters; null when empty and optional.</summary>
    protected string? Text(string field, string? value, int max, string zh, string en, bool required = true)
    {
        var text = value?.Trim();
        if (Unbound(field) || (required && string.IsNullOrEmpty(text)))
        {
            AddError(field, T($"請填{zh}（{max} 字以內）", $"{en} is required (up to {max} characters)"));
            return null;
        }

        if (text is { Length: > 0 } && (text.Length > max || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            AddError(field, T($"{zh}須為 {max} 字以內的文字（目前 {text.Length} 字）", $"{en} must be text of up to {max} characters (it has {text.Length})"));
            return null;
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>An amount from 0 to <see cref="PortalLimits.MaxAmount"/>.</summary>
    protected decimal Amount(string field, decimal? value, string zh, string en, string unit)
    {
        if (Unbound(field) || value is not { } v || v < 0 || v > PortalLimits.MaxAmount)
        {
            AddError(field, T($"{zh}須為 0 到 1000 億之間的數字（{unit}）", $"{en} must be a number from 0 to 100 billion ({unit})"));
            return 0;
        }

        return v;
    }

    protected int Whole(string field, int? value, int min, int max, string zh, string en)
    {
        if (Unbound(field) || value is not { } v || v < min || v > max)
        {
            AddError(field, T($"{zh}須為 {min} 到 {max} 之間的整數", $"{en} must be a whole number from {min} to {max}"));
            return min;
        }

        return v;
    }

    /// <summary>One of the enum's members, by name; the message lists the allowed names.</summary>
    protected TEnum Choice<TEnum>(string field, TEnum? value, string zh, string en)
        where TEnum : struct, Enum
    {
        if (Unbound(field) || value is not { } v || !Enum.IsDefined(v))
        {
            var allowed = string.Join(T("、", ", "), Enum.GetValues<TEnum>().Select(m => HttpContext.Name(m)));
            AddError(field, T($"請選擇{zh}：{allowed}", $"choose a {en}: {allowed}"));
            return default;
        }

        return v;
    }

    /// <summary>An optional web address starting with http:// or https://.</summary>
    protected string? Link(string field, string? value, string zh, string en)
    {
        var text = Text(field, value, PortalLimits.Url, zh, en, required: false);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            AddError(field, T($"{zh}須為 http:// 或 https:// 開頭的網址", $"{en} must be a web address starting with http:// or https://"));
            return null;
        }

        return text;
    }

    protected DateOnly? Date(string field, DateOnly? value, bool required, string zh, string en)
    {
        if (Unbound(field) || (required && value is null) || value is { Year: < 2000 or > 2100 })
        {
            AddError(field, T($"{zh}須為 2000 到 2100 年間的日期（例：2026-03-31）", $"{en} must be a date from 2000 to 2100 (e.g. 2026-03-31)"));
            return null;
        }

        return value;
    }

    /// <summary>Whatever else failed to bind (a field the form does not have) is still reported, never thrown.</summary>
    protected void RestUnbound() => CollectBindingErrors(T("格式不正確", "invalid value"));

    protected static string Ntd(decimal value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
