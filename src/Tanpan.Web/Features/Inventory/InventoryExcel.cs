using Tanpan.Engine.Activities;
using System.Globalization;
using MiniExcelLibs;
using Tanpan.Engine.Common;
using Tanpan.Engine.Inventory;
using Tanpan.Web.Features.Calculations;
using Tanpan.Web.Platform.Sheets;

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

    /// <summary>Reads every row, validates all of them, and returns either all entries or every error.</summary>
    public static Outcome<List<ActivityEntry>> Import(Stream file, string fileName, IReadOnlyCollection<EmissionSource> sources, Func<EmissionSource, decimal, string, ActivityPeriod, IReadOnlyList<FieldError>> validate, DateTime nowUtc)
    {
        var csv = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var sheet = csv ? "CSV" : DataSheet;
        List<IDictionary<string, object?>> rows;
        try
        {
            var query = csv
                ? MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.CSV)
                : MiniExcel.Query(file, useHeaderRow: true, sheetName: DataSheet, excelType: ExcelType.XLSX);
            rows = query.Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or ArgumentException or KeyNotFoundException or FormatException)
        {
            return Outcome<List<ActivityEntry>>.Failure("file", csv
                ? $"cannot read the CSV file: {ex.Message}"
                : $"cannot read sheet '{DataSheet}' of the .xlsx file (download the template): {ex.Message}");
        }

        var errors = new List<FieldError>();
        if (rows.Count > 0)
        {
            var missing = Columns.Where(c => !rows[0].ContainsKey(c)).ToArray();
            if (missing.Length > 0)
            {
                return Outcome<List<ActivityEntry>>.Failure($"{sheet}!1", $"missing columns: {string.Join(", ", missing)} (use the template's header row)");
            }
        }

        var byDescription = sources.GroupBy(s => s.Description.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var entries = new List<ActivityEntry>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var rowNumber = r + 2;
            string Cell(int column) => string.Create(CultureInfo.InvariantCulture, $"{sheet}!{(char)('A' + column)}{rowNumber}");
            if (Columns.All(c => SheetCells.IsBlank(SheetCells.Get(row, c))))
            {
                continue;
            }

            var before = errors.Count;
            var name = SheetCells.Text(row, Columns, 0);
            EmissionSource? source = null;
            if (name is null || !byDescription.TryGetValue(name, out var matches))
            {
                errors.Add(new(Cell(0), $"'{name}' is not a source in your register; allowed: {string.Join(", ", byDescription.Keys)}"));
            }
            else if (matches.Count > 1)
            {
                errors.Add(new(Cell(0), $"'{name}' names {matches.Count} sources; make the descriptions unique"));
            }
            else
            {
                source = matches[0];
            }

            var from = SheetCells.Date(row, Columns, 1, Cell(1), errors);
            var to = SheetCells.Date(row, Columns, 2, Cell(2), errors);
            var quantity = SheetCells.Number(row, Columns, 3, Cell(3), errors);
            var unit = SheetCells.Text(row, Columns, 4);
            decimal?[] tou = [SheetCells.Number(row, Columns, 5, Cell(5), errors), SheetCells.Number(row, Columns, 6, Cell(6), errors), SheetCells.Number(row, Columns, 7, Cell(7), errors), SheetCells.Number(row, Columns, 8, Cell(8), errors)];
            var contract = SheetCells.Number(row, Columns, 9, Cell(9), errors);
            var isBill = tou.Any(v => v is not null);
            if (isBill)
            {
                for (var i = 0; i < tou.Length; i++)
                {
                    if (tou[i] < 0)
                    {
                        errors.Add(new(Cell(5 + i), "must be zero or greater (kWh / 度)"));
                    }
                }

                if (quantity is not null && quantity != tou.Sum(v => v ?? 0))
                {
                    errors.Add(new(Cell(3), $"quantity {quantity} differs from the sum of the time-of-use fields ({tou.Sum(v => v ?? 0)}); leave it empty"));
                }

                quantity = tou.Sum(v => v ?? 0);
                unit ??= "kWh";
            }
            else if (quantity is null)
            {
                errors.Add(new(Cell(3), "required: a number ≥ 0 (or the time-of-use kWh of a bill)"));
            }

            if (unit is null)
            {
                errors.Add(new(Cell(4), "required, e.g. kWh, 度, L, 公秉, m3, kg"));
            }

            if (errors.Count == before && source is not null && from is not null && to is not null)
            {
                foreach (var error in validate(source, quantity!.Value, unit!, new ActivityPeriod(from.Value, to.Value)))
                {
                    var column = error.Path switch { "unit" => 4, "quantity" => 3, "period.to" => 2, _ => 0 };
                    errors.Add(new(Cell(column), error.Message));
                }
            }

            if (errors.Count == before && source is not null)
            {
                entries.Add(new ActivityEntry
                {
                    Id = Guid.NewGuid(),
                    SourceId = source.Id,
                    Kind = isBill ? EntryKind.TaipowerBill : EntryKind.Manual,
                    PeriodFrom = from!.Value,
                    PeriodTo = to!.Value,
                    Quantity = quantity!.Value,
                    Unit = Engine.Quantities.Units.Parse(unit!).Code,
                    PeakKwh = tou[0],
                    SemiPeakKwh = tou[1],
                    SaturdaySemiPeakKwh = tou[2],
                    OffPeakKwh = tou[3],
                    ContractCapacityKw = contract,
                    Reference = SheetCells.Text(row, Columns, 10),
                    CreatedAtUtc = nowUtc,
                });
            }
        }

        if (errors.Count == 0 && entries.Count == 0)
        {
            errors.Add(new($"{sheet}!2", "the file has no data rows"));
        }

        return errors.Count > 0 ? Outcome<List<ActivityEntry>>.Failure(errors) : Outcome<List<ActivityEntry>>.Success(entries);
    }

    /// <summary>The inventory list (one row per source, like the MOENV form), the entries as entered, and the factors.</summary>
    public static byte[] Export(int year, InventoryResponse result, IReadOnlyDictionary<string, string> sourceByLine, IReadOnlyCollection<ActivityEntry> entries, IReadOnlyDictionary<Guid, EmissionSource> sources, IReadOnlyDictionary<Guid, string> facilities)
    {
        var list = result.Lines
            .GroupBy(l => (Source: sourceByLine.GetValueOrDefault(l.Id, l.Id), l.Category, l.Activity, l.Factor.Id))
            .Select(g =>
            {
                var factor = result.Factors[g.Key.Id];
                var units = g.Select(l => l.Unit).Distinct().ToArray();
                decimal Gas(string gas) => g.Sum(l => l.Gases.TryGetValue(gas, out var v) ? v.Kg : 0m);
                var category = IsoCategory.All.First(c => c.Code == g.Key.Category);
                return new Dictionary<string, object?>
                {
                    ["類別 category"] = $"{category.Code} {category.NameZh}",
                    ["範疇 scope"] = category.Scope,
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
                    ["其他氣體 kg"] = g.Sum(l => l.Gases.Where(x => x.Key is not ("CO2" or "CH4" or "N2O")).Sum(x => x.Value.Kg)),
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

        var data = entries.Select(e => Row(
            sources.GetValueOrDefault(e.SourceId)?.Description ?? "?",
            e.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.Kind == EntryKind.TaipowerBill ? null : e.Quantity,
            e.Unit, e.PeakKwh, e.SemiPeakKwh, e.SaturdaySemiPeakKwh, e.OffPeakKwh, e.ContractCapacityKw, e.Reference)).ToArray();

        var factors = result.Factors.Values.Select(f => new Dictionary<string, object?>
        {
            ["id"] = f.Id, ["value"] = f.Value, ["unit"] = f.Unit, ["source"] = f.Source, ["version"] = f.Version,
            ["verification"] = f.Verification, ["gwp_set"] = f.GwpSet, ["heat_value"] = f.HeatValue is { } h ? $"{h.Value} {h.Unit} ({h.Table})" : null,
        }).ToArray();

        return Save(new Dictionary<string, object>
        {
            [$"{year} 盤查清冊"] = list,
            [DataSheet] = data.Length == 0 ? [Row(string.Empty, string.Empty, string.Empty, null, string.Empty, null, null, null, null, null, null)] : data,
            ["排放係數 factors"] = factors,
            ["排放源 sources"] = SourceRows(sources.Values, facilities),
        });
    }

    private static Dictionary<string, object?>[] SourceRows(IEnumerable<EmissionSource> sources, IReadOnlyDictionary<Guid, string>? facilities = null) =>
        sources.Select(s => new Dictionary<string, object?>
        {
            ["排放源 source"] = s.Description, ["類別 category"] = s.Category, ["活動 activity"] = s.Activity, ["用途 use"] = s.Use,
            ["廠區 facility"] = facilities?.GetValueOrDefault(s.FacilityId), ["表號 meter"] = s.MeterNumber, ["負責人 owner"] = s.DataOwner,
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
