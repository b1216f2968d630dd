using System.Globalization;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Portal;

/// <summary>Small things the portal's pages share.</summary>
public static class PortalView
{
    public static DateOnly TodayInTaipei(TimeProvider clock) => DateOnly.FromDateTime(TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime));

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Ntd(decimal value) => "NT$ " + value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Number(decimal value, int decimals = 0) => value.ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), CultureInfo.InvariantCulture);
}
