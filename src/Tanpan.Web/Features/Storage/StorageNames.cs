using Tanpan.Engine.Tariffs;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Storage;

/// <summary>People read a schedule's and a period's name, never its id.</summary>
public static class StorageNames
{
    public static string Tariff(HttpContext http, string id)
    {
        if (Names.Find(Names.Tariff, id) is { } name)
        {
            return http.T(name.Zh, name.En);
        }

        var voltage = id.Contains("-ehv-", StringComparison.Ordinal) ? http.T("特高壓", "Extra-high voltage") : id.Contains("-lv-", StringComparison.Ordinal) ? http.T("低壓電力", "Low-voltage power") : http.T("高壓", "High voltage");
        var kind = id switch
        {
            _ when id.EndsWith("-3tou-variable", StringComparison.Ordinal) => http.T("三段式時間電價（尖峰時間可變動）", "three-stage TOU (variable peak)"),
            _ when id.EndsWith("-3tou", StringComparison.Ordinal) => http.T("三段式時間電價", "three-stage TOU"),
            _ when id.EndsWith("-2tou", StringComparison.Ordinal) => http.T("二段式時間電價", "two-stage TOU"),
            _ when id.EndsWith("-batch", StringComparison.Ordinal) => http.T("批次生產時間電價", "batch-production TOU"),
            _ => id,
        };
        return http.T($"{voltage}{kind}", $"{voltage}, {kind}");
    }

    public static string Period(HttpContext http, TouPeriod period) => period switch
    {
        TouPeriod.Peak => http.T("尖峰", "Peak"),
        TouPeriod.SemiPeak => http.T("半尖峰", "Semi-peak"),
        TouPeriod.SaturdaySemiPeak => http.T("週六半尖峰", "Saturday semi-peak"),
        _ => http.T("離峰", "Off-peak"),
    };
}
