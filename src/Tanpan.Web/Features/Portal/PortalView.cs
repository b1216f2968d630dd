using System.Globalization;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Portal;

/// <summary>Small things the portal's pages share.</summary>
public static class PortalView
{
    /// <summary>The language of text people typed (a contact name, a note): Chinese if it has any Han character.
    /// The page marks it so, since the reader's language says nothing about what someone else wrote. Null (no
    /// attribute) when there is no text.</summary>
    public static string? LangOf(string? text) => text is null ? null : text.Any(c => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf') ? "zh-Hant" : "en";

    public static DateOnly TodayInTaipei(TimeProvider clock) => DateOnly.FromDateTime(TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime));

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Ntd(decimal value) => "NT$ " + value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Number(decimal value, int decimals = 0) => value.ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), CultureInfo.InvariantCulture);
}
