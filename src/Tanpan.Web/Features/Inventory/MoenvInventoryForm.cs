using System.Globalization;
using MiniExcelLibs;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Inventory;

/// <summary>The inventory in the layout of MOENV's 溫室氣體排放量清冊表單: its 19 sheets in order, every header
/// cell at its address and with its text (data/moenv_form/columns.csv), and the data rows filled from the inventory.
/// Values are written, not formulas: the form's own summary formulas skip the second and third gas slots, so every
/// total here is computed by Tanpan. The form covers scope 1 and scope 2 (直接 / 能源間接); categories 3–6 have no
/// place in it and stay in Tanpan's own list and report. Code columns (製程/設備/原燃物料代碼) are left empty: the
/// registry's code lists (附表四–七) are not shipped with Tanpan.</summary>
public static class MoenvInventoryForm
{
    public static readonly IReadOnlyList<(string Sheet, string Title)> Sheets =
    [
        ("表單說明", "溫室氣體排放量清冊表單說明"), ("表一", "一、事業基本資料"), ("表二", "二、邊界設定"), ("表三", "三、排放源鑑別"), ("表四", "四、活動數據"),
        ("表五", "五、定量盤查"), ("表六", "六、數據品質管理"), ("表七", "七、不確定性量化評估"), ("表八", "八、溫室氣體排放量彙總"),
        ("表九", "九、全廠電力、蒸汽供需情況"), ("表十", "十、全廠非能源產品產量及產製期程"), ("表十一", "十一、檢測方法及檢測日期"),
        ("附表一", "附表一、公告溫室氣體排放係數"), ("附表二", "附表二、溫暖化潛勢(GWP)"), ("附表三", "附表三、郵遞區號"), ("附表四", "附表四、行業別分類表"),
        ("附表五", "附表五、製程分類"), ("附表六", "附表六、設備分類表"), ("附表七", "附表七、原燃物料或產品分類表"),
    ];

    private static readonly Lazy<IReadOnlyList<(string Sheet, string Cell, string Text)>> Headers = new(() =>
    {
        using var stream = typeof(MoenvInventoryForm).Assembly.GetManifestResourceStream("Tanpan.MoenvForm.columns.csv")!;
        using var reader = new StreamReader(stream);
        return Csv.Read(reader.ReadToEnd(), "columns.csv").Select(r => (r["sheet"], r["cell"], r["header_verbatim"])).ToArray();
    });

    public static IReadOnlyList<(string Sheet, string Cell, string Text)> HeaderCells => Headers.Value;

    /// <summary>One source of the inventory as the form sees it (scope 1 and 2 only).</summary>
    private sealed record FormSource(
        EmissionSource Source, string Direct, string EmissionType, string SubType, string ProcessNo, string EquipmentNo,
        decimal Quantity, string FormUnit, IReadOnlyList<(string Gas, decimal Tonnes, decimal Gwp, decimal TonnesCo2e)> Gases, decimal TonnesCo2e,
        StoredFactor StoredFactor, SourceQualityRow? Quality);

    /// <summary>The form as .xlsx (what verifiers open).</summary>
    public static byte[] Export(StoredInventory record, IReadOnlyDictionary<Guid, EmissionSource> sources) => Save(Fill(record, sources));

    /// <summary>The same cells as OpenDocument (.ods), the format the registry publishes the form in.</summary>
    public static byte[] ExportOds(StoredInventory record, IReadOnlyDictionary<Guid, EmissionSource> sources)
    {
        var grid = Fill(record, sources);
        return Platform.Sheets.OdsWriter.Write([.. Sheets.Select(s => new Platform.Sheets.OdsWriter.Sheet(s.Sheet, grid[s.Sheet]))]);
    }

    private static Dictionary<string, SortedDictionary<(int Row, int Col), object?>> Fill(StoredInventory record, IReadOnlyDictionary<Guid, EmissionSource> sources)
    {
        var grid = Sheets.ToDictionary(s => s.Sheet, _ => new SortedDictionary<(int Row, int Col), object?>());
        foreach (var (sheet, title) in Sheets)
        {
            grid[sheet][(1, 1)] = title;
        }

        foreach (var (sheet, cell, text) in HeaderCells.Where(h => grid.ContainsKey(h.Sheet)))
        {
            grid[sheet][Address(cell)] = text;
        }

        var rows = FormSources(record, sources);
        var total = rows.Sum(r => r.TonnesCo2e);
        FillIdentity(grid, record);
        var row = 3;
        foreach (var s in rows)
        {
            Identify(grid["表三"], row, s);
            foreach (var (gas, col) in new[] { ("CO2", "N"), ("CH4", "O"), ("N2O", "P"), ("HFCs", "Q"), ("PFCs", "R"), ("SF6", "S"), ("NF3", "T") })
            {
                grid["表三"][(row, Col(col))] = s.Gases.Any(g => g.Gas == gas) ? "v" : null;
            }

            grid["表三"][(row, Col("U"))] = "否";
            Identify(grid["表四"], row, s);
            Set(grid["表四"], row, "O", Math.Round(s.Quantity, 4, MidpointRounding.AwayFromZero));
            Set(grid["表四"], row, "P", s.FormUnit);
            Set(grid["表四"], row, "Q", 100m);
            Set(grid["表四"], row, "S", record.Entries.Where(e => e.SourceId == s.Source.Id).Select(e => e.Kind).Distinct().Select(k => Names.Find(nameof(EntryKind), k)?.Zh ?? k).FirstOrDefault());
            Set(grid["表四"], row, "T", s.Source.DataOwner);
            Set(grid["表四"], row, "U", (s.Source.Measurement ?? MeasurementKind.Estimated) switch
            {
                MeasurementKind.Continuous => "連續量測",
                MeasurementKind.PeriodicOrInvoiced => "定期(間歇)量測/財務單據(非推估)",
                _ => "自行評估",
            });
            Set(grid["表四"], row, "X", Method(s.StoredFactor));
            if (s.StoredFactor.HeatValue is { } hv)
            {
                Set(grid["表四"], row, "Y", hv.Value);
                Set(grid["表四"], row, "Z", hv.Unit.Replace("kcal", "Kcal", StringComparison.Ordinal));
            }

            Identify(grid["表五"], row, s);
            Set(grid["表五"], row, "M", Math.Round(s.Quantity, 4, MidpointRounding.AwayFromZero));
            Set(grid["表五"], row, "N", s.FormUnit);
            Set(grid["表五"], row, "O", 100m);
            Set(grid["表五"], row, "P", Method(s.StoredFactor));
            string[] slots = ["Q", "AA", "AK"];
            for (var g = 0; g < Math.Min(3, s.Gases.Count); g++)
            {
                var (gas, tonnes, gwp, co2e) = s.Gases[g];
                var start = Col(slots[g]);
                grid["表五"][(row, start)] = gas == "HFCs" ? "HFCS" : gas == "PFCs" ? "PFCS" : gas;
                grid["表五"][(row, start + 3)] = s.Quantity == 0 ? 0m : Math.Round(tonnes / s.Quantity, 10, MidpointRounding.AwayFromZero);
                grid["表五"][(row, start + 4)] = "公噸/" + s.FormUnit;
                grid["表五"][(row, start + 5)] = s.StoredFactor.Source;
                grid["表五"][(row, start + 6)] = KindText(DataQuality.KindOfFactorSet(s.StoredFactor.FactorSet));
                grid["表五"][(row, start + 7)] = Math.Round(tonnes, 4, MidpointRounding.AwayFromZero);
                grid["表五"][(row, start + 8)] = Math.Round(gwp, 3, MidpointRounding.AwayFromZero);
                grid["表五"][(row, start + 9)] = Math.Round(co2e, 4, MidpointRounding.AwayFromZero);
            }

            Set(grid["表五"], row, "AU", Math.Round(s.TonnesCo2e, 4, MidpointRounding.AwayFromZero));
            Set(grid["表五"], row, "AV", 0m);
            Set(grid["表五"], row, "AW", total == 0 ? 0m : Math.Round(s.TonnesCo2e / total * 100m, 4, MidpointRounding.AwayFromZero));
            Set(grid["表五"], row, "BG", Math.Round(Math.Abs(s.TonnesCo2e), 4, MidpointRounding.AwayFromZero));

            if (s.Quality is { } q)
            {
                var t6 = grid["表六"];
                Set(t6, row, "A", s.ProcessNo);
                Set(t6, row, "C", s.EquipmentNo);
                Set(t6, row, "F", s.Source.Description);
                Set(t6, row, "G", q.Quality.A1);
                Set(t6, row, "H", Names.Find(nameof(CalibrationKind), (q.Calibration ?? CalibrationKind.None).ToString())!.Value.Zh);
                Set(t6, row, "I", q.Quality.A2);
                Set(t6, row, "K", s.Source.DataOwner);
                Set(t6, row, "L", s.Direct);
                Set(t6, row, "M", s.EmissionType);
                Set(t6, row, "N", KindText(q.FactorKind));
                Set(t6, row, "O", q.Quality.A3);
                Set(t6, row, "P", q.Quality.Level);
                Set(t6, row, "Q", Math.Round(s.TonnesCo2e / (total == 0 ? 1 : total) * 100m, 4, MidpointRounding.AwayFromZero));
                Set(t6, row, "R", q.Quality.Score);
                Set(t6, row, "S", Math.Round(Math.Round(s.TonnesCo2e / (total == 0 ? 1 : total), 4, MidpointRounding.AwayFromZero) * q.Quality.Level, 2, MidpointRounding.AwayFromZero));
            }

            if (s.Quality?.Uncertainty is { } u)
            {
                var t7 = grid["表七"];
                var r7 = row + 2;
                Set(t7, r7, "A", s.ProcessNo);
                Set(t7, r7, "B", s.EquipmentNo);
                Set(t7, r7, "D", s.Source.Description);
                Set(t7, r7, "E", -u.ActivityFraction);
                Set(t7, r7, "F", u.ActivityFraction);
                Set(t7, r7, "G", "活動數據單據");
                Set(t7, r7, "H", s.Source.DataOwner);
                var gas = s.Gases[0].Gas;
                Set(t7, r7, "I", gas);
                Set(t7, r7, "J", Math.Round(s.TonnesCo2e, 4, MidpointRounding.AwayFromZero));
                Set(t7, r7, "K", -u.FactorFraction);
                Set(t7, r7, "L", u.FactorFraction);
                Set(t7, r7, "M", s.StoredFactor.Source);
                Set(t7, r7, "O", -Math.Round(u.Combined, 5, MidpointRounding.AwayFromZero));
                Set(t7, r7, "P", Math.Round(u.Combined, 5, MidpointRounding.AwayFromZero));
                Set(t7, r7, "AG", -Math.Round(u.Combined, 5, MidpointRounding.AwayFromZero));
                Set(t7, r7, "AH", Math.Round(u.Combined, 5, MidpointRounding.AwayFromZero));
            }

            row++;
        }

        FillTotals(grid["表八"], rows);
        return grid;
    }

    /// <summary>The form's per-gas and per-type totals (tCO2e, 3 decimals), for tests and the page.</summary>
    public static IReadOnlyDictionary<string, decimal> Totals(StoredInventory record, IReadOnlyDictionary<Guid, EmissionSource> sources)
    {
        var rows = FormSources(record, sources);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["total"] = rows.Sum(r => r.TonnesCo2e) };
        foreach (var gas in GasGroups.Kyoto)
        {
            totals[gas] = rows.SelectMany(r => r.Gases).Where(g => g.Gas == gas).Sum(g => g.TonnesCo2e);
        }

        return totals;
    }

    private static List<FormSource> FormSources(StoredInventory record, IReadOnlyDictionary<Guid, EmissionSource> sources)
    {
        var entries = record.Entries.ToDictionary(e => e.Id);
        var factors = record.Result.Factors.ToDictionary(f => f.Id);
        var quality = InventoryQualityReports.Build(record).Rows.ToDictionary(r => r.SourceId);
        var result = new List<FormSource>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in record.Result.Lines.Where(l => !l.ReportedSeparately && entries.ContainsKey(l.EntryId)).GroupBy(l => entries[l.EntryId].SourceId))
        {
            var first = group.First();
            if (!sources.TryGetValue(group.Key, out var source) || IsoCategory.Find(first.Category) is not { } category || category.Scope == 3)
            {
                continue;
            }

            var (direct, type, sub, prefix) = category.Code switch
            {
                "1.1" => ("直接", "固定燃燒", string.Empty, "GM"),
                "1.2" => ("直接", "移動燃燒", string.Empty, "GV"),
                "1.3" => ("直接", "製程", "六、其他", "GP"),
                "1.4" => ("直接", "逸散", ActivityId.KindOf(first.Activity) == ActivityKind.Refrigerant ? "三、冷凍及空調" : "七、其他", "GF"),
                "1.5" => ("直接", "逸散", "七、其他", "GF"),
                _ => ("間接", ActivityId.KindOf(first.Activity) == ActivityKind.Grid ? "外購電力" : "外購蒸汽", ActivityId.KindOf(first.Activity) == ActivityKind.Grid ? "併網" : string.Empty, "GE"),
            };
            counters[prefix] = counters.GetValueOrDefault(prefix) + 1;
            var factor = factors[first.FactorId];
            var (formUnit, perUnit) = FormUnit(Units.Parse(factor.Unit["kgCO2e/".Length..]));
            // Included quantities are in the line's own unit; convert each to the form's unit.
            var quantity = group.Sum(l => Units.Parse(l.Unit).Convert(l.IncludedQuantity, perUnit));
            var gases = group.SelectMany(l => l.Gases).GroupBy(g => GroupOf(g.Gas))
                .OrderBy(g => GasOrder(g.Key))
                .Select(g => (Gas: g.Key, Tonnes: g.Sum(x => x.Kg) / 1000m, Gwp: g.Sum(x => x.Kg) == 0 ? 0m : g.Sum(x => x.KgCo2e) / g.Sum(x => x.Kg), TonnesCo2e: g.Sum(x => x.KgCo2e) / 1000m))
                .ToList();
            result.Add(new FormSource(source, direct, type, sub, "G01", $"{prefix}{counters[prefix]:00}", quantity, formUnit, gases, group.Sum(l => l.KgCo2e) / 1000m, factor, quality.GetValueOrDefault(source.Id)));
        }

        return result;
    }

    /// <summary>The form's activity units: 公噸, 公秉, 千立方公尺, 千度 (others stay as they are, named).</summary>
    private static (string Name, Unit Unit) FormUnit(Unit factorUnit) => factorUnit.Dimension switch
    {
        Dimension.Mass => ("公噸", Units.Tonne),
        Dimension.Volume when factorUnit == Units.CubicMetre || factorUnit == Units.ThousandCubicMetres => ("千立方公尺", Units.ThousandCubicMetres),
        Dimension.Volume => ("公秉", Units.Kilolitre),
        Dimension.Energy => ("千度", Units.MegawattHour),
        _ => (factorUnit.Code, factorUnit),
    };

    private static string GroupOf(string gas) =>
        gas is "CO2" or "CH4" or "N2O" or "SF6" or "NF3" ? gas
        : FactorLibrary.Shipped.Gwp.Find(gas)?.Group is { } group && GasGroups.Kyoto.Contains(group) ? group
        : gas.StartsWith("HFC", StringComparison.Ordinal) || gas.StartsWith("R-", StringComparison.Ordinal) ? "HFCs" : "PFCs";

    private static int GasOrder(string group) => GasGroups.Kyoto.ToList().IndexOf(group) is var i and >= 0 ? i : 99;

    private static string Method(StoredFactor factor) => DataQuality.KindOfFactorSet(factor.FactorSet) switch
    {
        FactorKind.National => "採用中央主管機關公告之溫室氣體排放係數",
        FactorKind.OwnDeveloped => "國際文獻或檢測報告所得之自廠係數",
        _ => "其他",
    };

    private static string KindText(FactorKind kind) => $"{(int)kind}{Names.Find(nameof(FactorKind), kind.ToString())!.Value.Zh}";

    private static void Identify(SortedDictionary<(int, int), object?> sheet, int row, FormSource s)
    {
        Set(sheet, row, "A", s.ProcessNo);
        Set(sheet, row, "C", s.Source.Description);
        Set(sheet, row, "D", s.EquipmentNo);
        Set(sheet, row, "F", s.Source.Description);
        Set(sheet, row, "G", "1.原燃物料");
        Set(sheet, row, "I", Names.Find(Names.Activity, s.Source.Activity)?.Zh ?? s.Source.Activity);
        Set(sheet, row, "J", "否");
        Set(sheet, row, "K", s.Direct);
        Set(sheet, row, "L", s.EmissionType);
        if (s.SubType.Length > 0)
        {
            Set(sheet, row, "M", s.SubType);
        }
    }

    private static void FillIdentity(Dictionary<string, SortedDictionary<(int, int), object?>> grid, StoredInventory record)
    {
        var t1 = grid["表一"];
        Set(t1, 3, "A", "民國");
        Set(t1, 3, "B", record.Year - 1911);
        Set(t1, 3, "D", record.CompanyName);
        Set(t1, 3, "E", record.CompanyTaxId);
        Set(t1, 3, "Q", "自願性登錄");
        Set(t1, 3, "R", "ISO/CNS 14064-1");
        Set(t1, 3, "S", "否");
        Set(t1, 3, "T", "無");
        Set(t1, 3, "U", $"由碳盤 Tanpan 匯出；{record.Year} 年盤查，GWP {record.Result.GwpSet}");
        var t2 = grid["表二"];
        Set(t2, 3, "H", record.CompanyAddress ?? (record.Facilities.Count > 0 ? record.Facilities[0].Address : null));
        var row = 4;
        foreach (var sheetDoc in Sheets.Skip(1))
        {
            Set(grid["表單說明"], row++, "A", sheetDoc.Title);
        }
    }

    private static void FillTotals(SortedDictionary<(int, int), object?> t8, IReadOnlyList<FormSource> rows)
    {
        var total = rows.Sum(r => r.TonnesCo2e);
        decimal Share(decimal part) => total == 0 ? 0 : Math.Round(part / total * 100m, 3, MidpointRounding.AwayFromZero);
        decimal R3(decimal v) => Math.Round(v, 3, MidpointRounding.AwayFromZero);

        // 全廠電力 (仟度): purchased electricity only; no own generation is recorded.
        var kwh = rows.Where(r => r.EmissionType == "外購電力").Sum(r => r.Quantity);
        Set(t8, 4, "A", R3(kwh));
        string[] gasCols = ["B", "C", "D", "E", "F", "G", "H"];
        Set(t8, 8, "A", "排放當量(公噸CO2e/年)");
        Set(t8, 9, "A", "氣體別占比(%)");
        Set(t8, 14, "A", "排放當量(公噸CO2e/年)");
        Set(t8, 15, "A", "氣體別占比(%)");
        var direct = rows.Where(r => r.Direct == "直接").ToList();
        var directTotal = direct.Sum(r => r.TonnesCo2e);
        for (var g = 0; g < GasGroups.Kyoto.Count; g++)
        {
            var gas = GasGroups.Kyoto[g];
            var all = rows.SelectMany(r => r.Gases).Where(x => x.Gas == gas).Sum(x => x.TonnesCo2e);
            var scope1 = direct.SelectMany(r => r.Gases).Where(x => x.Gas == gas).Sum(x => x.TonnesCo2e);
            Set(t8, 8, gasCols[g], R3(all));
            Set(t8, 9, gasCols[g], Share(all));
            Set(t8, 14, gasCols[g], R3(scope1));
            Set(t8, 15, gasCols[g], directTotal == 0 ? 0 : Math.Round(scope1 / directTotal * 100m, 3, MidpointRounding.AwayFromZero));
        }

        Set(t8, 8, "I", R3(total));
        Set(t8, 8, "J", 0m);
        Set(t8, 14, "I", R3(directTotal));
        Set(t8, 21, "A", "排放當量(公噸CO2e/年)");
        Set(t8, 22, "A", "占比(%)");
        foreach (var (type, col) in new[] { ("固定燃燒", "B"), ("製程", "C"), ("移動燃燒", "D"), ("逸散", "E"), ("外購電力", "F"), ("外購蒸汽", "G") })
        {
            var part = rows.Where(r => r.EmissionType == type).Sum(r => r.TonnesCo2e);
            Set(t8, 21, col, R3(part));
            Set(t8, 22, col, Share(part));
        }

        Set(t8, 21, "H", 0m);
        Set(t8, 21, "I", R3(total));
        Set(t8, 22, "I", 100m);

        // 彙整表五 and 六 over the form's sources (scope 1 and 2), as the form computes them.
        var quality = rows.Where(r => r.Quality is not null).Select(r => r.Quality!.Quality with { Share = total == 0 ? 0 : r.TonnesCo2e / total }).ToList();
        var grade = DataQuality.Grade(quality);
        Set(t8, 30, "B", grade.CountScore1);
        Set(t8, 30, "C", grade.CountScore2);
        Set(t8, 30, "D", grade.CountScore3);
        Set(t8, 31, "B", grade.WeightedTotal);
        Set(t8, 31, "D", grade.Grade switch { 1 => "第一級", 2 => "第二級", _ => "第三級" });
        var assessed = rows.Where(r => r.Quality?.Uncertainty is not null).Select(r => r.Quality!.Uncertainty! with { KgCo2e = r.TonnesCo2e }).ToList();
        var uncertainty = DataQuality.Combine(assessed, total);
        Set(t8, 35, "A", R3(uncertainty.AssessedKgCo2e));
        Set(t8, 35, "B", R3(Math.Abs(total)));
        Set(t8, 36, "C", -Math.Round(uncertainty.Combined, 5, MidpointRounding.AwayFromZero));
        Set(t8, 36, "D", Math.Round(uncertainty.Combined, 5, MidpointRounding.AwayFromZero));
        Set(t8, 36, "B", Math.Round(uncertainty.AssessedShare * 100m, 3, MidpointRounding.AwayFromZero));
    }

    private static void Set(SortedDictionary<(int, int), object?> sheet, int row, string col, object? value) => sheet[(row, Col(col))] = value;

    public static (int Row, int Col) Address(string cell)
    {
        var letters = new string(cell.TakeWhile(char.IsLetter).ToArray());
        return (int.Parse(cell[letters.Length..], CultureInfo.InvariantCulture), Col(letters));
    }

    public static int Col(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1));

    public static string Letters(int col)
    {
        var s = string.Empty;
        for (; col > 0; col = (col - 1) / 26)
        {
            s = (char)('A' + ((col - 1) % 26)) + s;
        }

        return s;
    }

    private static byte[] Save(Dictionary<string, SortedDictionary<(int Row, int Col), object?>> grid)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var (name, _) in Sheets)
        {
            var cells = grid[name];
            var maxRow = cells.Keys.Max(k => k.Row);
            var maxCol = cells.Keys.Max(k => k.Col);
            var columns = Enumerable.Range(1, maxCol).Select(Letters).ToArray();
            var table = new List<Dictionary<string, object?>>(maxRow);
            for (var r = 1; r <= maxRow; r++)
            {
                var line = new Dictionary<string, object?>(maxCol);
                for (var c = 1; c <= maxCol; c++)
                {
                    line[columns[c - 1]] = cells.GetValueOrDefault((r, c));
                }

                table.Add(line);
            }

            sheets[name] = table;
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false);
        return stream.ToArray();
    }
}
