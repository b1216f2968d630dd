using Tanpan.Engine.Activities;
using MiniExcelLibs;

namespace Tanpan.Web.Features.Inventory;

/// <summary>Excel/CSV in and out: the activity-data template (which the export also uses, so a file round-trips),
/// all-or-nothing import with sheet/row/column errors, and the MOENV-style inventory list.</summary>
public static class InventoryExcel
{
    public const string DataSheet = "活動數據";

    // Column order is the template's; letters are derived from it for error messages.
    public static readonly string[] Columns =
    [
        "排放源 source", "期間起 from", "期間迄 to", "數量 quantity", "單位 unit",
        "尖峰度數 peak_kwh", "半尖峰度數 semi_peak_kwh", "週六半尖峰度數 saturday_semi_peak_kwh", "離峰度數 off_peak_kwh",
        "契約容量 contract_kw", "單據 reference",
    ];

    public static byte[] Template(IReadOnlyCollection<EmissionSource> sources) =>
        Save(new Dictionary<string, object>
        {
            [DataSheet] = new[] { Row(sources.FirstOrDefault()?.Description ?? "全廠用電", "2024-01-01", "2024-01-31", null, "kWh", 10000m, 2000m, 500m, 3000m, 300m, "BILL-001") },
            ["排放源 sources"] = SourceRows(sources),
            ["說明 help"] = new[]
            {
                new Dictionary<string, object?> { ["說明"] = "每列一筆活動數據；排放源須與清冊上的描述完全相同。" },
                new Dictionary<string, object?> { ["說明"] = "電費單：填尖峰／半尖峰／週六半尖峰／離峰度數，數量留空（系統加總）；其他：填數量與單位（度、公升、公秉、m3、千立方公尺、kg、公噸）。" },
                new Dictionary<string, object?> { ["說明"] = "日期格式 yyyy-MM-dd；整個檔案全部正確才會匯入（all-or-nothing）。" },
            },
        });

    /// <summary>The inventory list (one row per source, like the MOENV form), the entries as entered, and the
    /// factors — all from the shown (live or frozen) inventory, so the file says what the page and the report say.
    /// Gas columns are kg of each gas; purchased electricity's grid factor is attributed to CO2, as on the page.</summary>
    public static byte[] Export(StoredInventory inventory, IReadOnlyCollection<EmissionSource> currentSources)
    {
        var result = inventory.Result;
        var list = result.Lines
            .GroupBy(l => (l.Source, l.Category, l.Activity, l.FactorId))
            .Select(g =>
            {
                var factor = result.Factor(g.Key.FactorId);
                var units = g.Select(l => l.Unit).Distinct().ToArray();
                decimal Gas(string gas) => g.Sum(l => l.Gases.Where(x => x.Gas == gas).Sum(x => x.Kg));
                var category = IsoCategory.Find(g.Key.Category);
                return new Dictionary<string, object?>
                {
                    ["類別 category"] = $"{g.Key.Category} {category?.NameZh}",
                    ["範疇 scope"] = category?.Scope,
                    ["排放源 source"] = g.Key.Source,
                    ["活動 activity"] = g.Key.Activity,
                    ["活動數據 quantity"] = units.Length == 1 ? g.Sum(l => l.IncludedQuantity) : null,
                    ["單位 unit"] = string.Join("/", units),
                    ["係數 factor"] = factor.Value,
                    ["係數單位 factor_unit"] = factor.Unit,
                    ["係數來源 factor_source"] = factor.Source,
                    ["係數版本 factor_version"] = factor.Version,
                    ["GWP"] = factor.GwpSet ?? "—",
                    ["CO2 kg"] = Gas("CO2"),
                    ["CH4 kg"] = Gas("CH4"),
                    ["N2O kg"] = Gas("N2O"),
                    ["其他氣體 kg"] = g.Sum(l => l.Gases.Where(x => x.Gas is not ("CO2" or "CH4" or "N2O")).Sum(x => x.Kg)),
                    ["排放量 kgCO2e"] = g.Sum(l => l.KgCo2e),
                    ["估算 estimated"] = g.Any(l => l.Estimated) ? "Y" : string.Empty,
                    ["另行揭露 separately"] = g.Any(l => l.ReportedSeparately) ? "Y" : string.Empty,
                };
            })
            .ToList();
        // MiniExcel takes the columns from the first row, so the total row carries every key.
        var total = (list.FirstOrDefault() ?? new Dictionary<string, object?> { ["類別 category"] = null, ["排放量 kgCO2e"] = null }).Keys.ToDictionary(k => k, _ => (object?)null);
        total["類別 category"] = "合計 total";
        total["排放量 kgCO2e"] = result.TotalKgCo2e;
        list.Add(total);

        var data = inventory.Entries.Select(e => Row(
            e.Source, e.From, e.To, e.Kind == nameof(EntryKind.TaipowerBill) ? null : e.Quantity,
            e.Unit, e.PeakKwh, e.SemiPeakKwh, e.SaturdaySemiPeakKwh, e.OffPeakKwh, e.ContractCapacityKw, e.Reference)).ToArray();

        var factors = result.Factors.Select(f => new Dictionary<string, object?>
        {
            ["id"] = f.Id,
            ["value"] = f.Value,
            ["unit"] = f.Unit,
            ["source"] = f.Source,
            ["version"] = f.Version,
            ["verification"] = f.Verification,
            ["gwp_set"] = f.GwpSet,
            ["heat_value"] = f.HeatValue is { } h ? $"{h.Value} {h.Unit} ({h.Table})" : null,
        }).ToArray();

        var facilities = inventory.Facilities.ToDictionary(f => f.Id, f => f.Name);
        return Save(new Dictionary<string, object>
        {
            [$"{inventory.Year} 盤查清冊"] = list,
            [DataSheet] = data.Length == 0 ? [Row(string.Empty, string.Empty, string.Empty, null, string.Empty, null, null, null, null, null, null)] : data,
            ["排放係數 factors"] = factors,
            ["排放源 sources"] = SourceRows(currentSources, facilities),
        });
    }

    private static Dictionary<string, object?>[] SourceRows(IEnumerable<EmissionSource> sources, IReadOnlyDictionary<Guid, string>? facilities = null) =>
        sources.Select(s => new Dictionary<string, object?>
        {
            ["排放源 source"] = s.Description,
            ["類別 category"] = s.Category,
            ["活動 activity"] = s.Activity,
            ["用途 use"] = s.Use,
            ["廠區 facility"] = facilities?.GetValueOrDefault(s.FacilityId),
            ["表號 meter"] = s.MeterNumber,
            ["負責人 owner"] = s.DataOwner,
        }).DefaultIfEmpty(new Dictionary<string, object?> { ["排放源 source"] = string.Empty }).ToArray();

    private static Dictionary<string, object?> Row(string source, string from, string to, decimal? quantity, string unit, decimal? peak, decimal? semi, decimal? saturday, decimal? offPeak, decimal? contract, string? reference)
    {
        object?[] values = [source, from, to, quantity, unit, peak, semi, saturday, offPeak, contract, reference];
        return Columns.Select((c, i) => (c, values[i])).ToDictionary(x => x.c, x => x.Item2);
    }

    private static byte[] Save(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
