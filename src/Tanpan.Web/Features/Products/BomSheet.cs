using System.Globalization;
using MiniExcelLibs;
using Tanpan.Engine.Common;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Features.Products;

/// <summary>The BOM as a sheet (.xlsx sheet "BOM" or .csv): the template, and an all-or-nothing import whose every
/// error names its sheet, row and column. The columns follow an ERP/PLM BOM export: line number, parent line,
/// name, class, quantity, unit, then either a library activity or the supplier's own footprint.</summary>
public static class BomSheet
{
    public const string Sheet = "BOM";

    public static readonly string[] Columns =
        ["行號", "上階行號", "品名", "組件分類", "數量", "單位", "活動代碼", "供應商", "供應商係數", "係數單位", "係數來源", "係數期間", "生命週期階段", "截斷省略", "不確定性GSD", "技術DQR", "時間DQR", "地理DQR"];

    /// <summary>The first columns every file must have; the uncertainty and data-quality columns came later and may be
    /// left out (files exported from the earlier template still import).</summary>
    private const int RequiredColumns = 14;

    public const int MaxLines = 5000;

    public static byte[] Template()
    {
        object?[][] rows =
        [
            ["10", null, "床台鑄件", "main", 2600m, "kg", "material.cast_iron_general_ice2", "甲鑄造", null, null, null, null, null, null, 1.1m, 2, 2, 1],
            ["20", null, "主軸馬達", "main", 2m, "piece", null, "乙電機", 695m, "kgCO2e/piece", "乙電機 EPD 2024", "2024-01~2024-12", null, null, 1.05m, 1, 1, 1],
            ["30", null, "刀塔組", "main", 1m, "piece", null, null, null, null, null, null, null, null, null, null, null, null],
            ["30.1", "30", "刀塔本體鋼材", "main", 180m, "kg", "material.steel_plate_tw", "丙鋼鐵", null, null, null, null, null, null, 1.1m, 2, 2, 1],
            ["40", null, "組裝測試用電", "energy", 1500m, "kWh", "electricity.grid.tw", null, null, null, null, null, "manufacturing", null, 1.02m, 1, 1, 1],
            ["50", null, "潤滑油", "consumables", 40m, "kg", "material.lubricating_oil_tw", null, null, null, null, null, null, "是", 1.5m, 3, 3, 3],
        ];
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [Sheet] = rows.Select(r => Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToArray() });
        return stream.ToArray();
    }

    public static Result<List<BomLine>> Parse(Stream stream, SpreadsheetKind kind)
    {
        var sheet = kind == SpreadsheetKind.Csv ? "CSV" : Sheet;
        var errors = new List<FieldError>();
        var lines = new List<BomLine>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var headerChecked = false;
        try
        {
            foreach (var row in SheetRows.Query(stream, kind, Sheet))
            {
                if (!headerChecked)
                {
                    headerChecked = true;
                    var missing = Columns.Take(RequiredColumns).Where(c => !row.Values.ContainsKey(c)).ToArray();
                    if (missing.Length > 0)
                    {
                        return new Invalid([new FieldError($"{sheet}!1", $"missing columns: {string.Join(", ", missing)} (use the template's header row)", "import.missing-columns", ActivityInputs.Args("columns", string.Join("、", missing)))], "Nothing was imported");
                    }
                }

                if (Columns.All(c => SheetCells.IsBlank(SheetCells.Get(row.Values, c))))
                {
                    continue;
                }

                var number = row.Number;
                string Cell(int column) => SheetCells.Address(sheet, column, number);
                var before = errors.Count;
                var lineNo = SheetCells.Text(row.Values, Columns, 0, Cell(0), errors, 50);
                var parent = SheetCells.Text(row.Values, Columns, 1, Cell(1), errors, 50);
                var name = SheetCells.Text(row.Values, Columns, 2, Cell(2), errors, 300);
                var componentClass = SheetCells.Text(row.Values, Columns, 3, Cell(3), errors, 20);
                var quantity = SheetCells.Number(row.Values, Columns, 4, Cell(4), errors, NumberRange.Quantity);
                var unitText = SheetCells.Text(row.Values, Columns, 5, Cell(5), errors, 20);
                var activity = SheetCells.Text(row.Values, Columns, 6, Cell(6), errors, 200);
                var supplier = SheetCells.Text(row.Values, Columns, 7, Cell(7), errors, 200);
                var factorValue = SheetCells.Number(row.Values, Columns, 8, Cell(8), errors, new NumberRange(0m, 1e9m));
                var factorUnit = SheetCells.Text(row.Values, Columns, 9, Cell(9), errors, 40);
                var factorSource = SheetCells.Text(row.Values, Columns, 10, Cell(10), errors, 1000);
                var factorPeriod = SheetCells.Text(row.Values, Columns, 11, Cell(11), errors, 50);
                var stage = SheetCells.Text(row.Values, Columns, 12, Cell(12), errors, 20);
                var omitted = SheetCells.Text(row.Values, Columns, 13, Cell(13), errors, 10);
                var gsd = SheetCells.Number(row.Values, Columns, 14, Cell(14), errors, new NumberRange(1m, 10m));
                var dqr = new int?[3];
                for (var d = 0; d < 3; d++)
                {
                    var rating = SheetCells.Number(row.Values, Columns, 15 + d, Cell(15 + d), errors, new NumberRange(1m, 5m));
                    if (rating is { } q && q != decimal.Truncate(q))
                    {
                        errors.Add(new(Cell(15 + d), "a data quality rating is a whole number from 1 (very good) to 5 (poor)", "bom.dqr"));
                    }

                    dqr[d] = rating is { } whole ? (int)whole : null;
                }
                if (lineNo is null)
                {
                    errors.Add(new(Cell(0), "required: the line number (e.g. 10, 10.1)", "bom.line.required"));
                }
                else if (!seen.TryAdd(lineNo, Cell(0)))
                {
                    errors.Add(new(Cell(0), $"line '{lineNo}' appears twice (first at {seen[lineNo]})", "bom.line.duplicate", ActivityInputs.Args("line", lineNo, "first", seen[lineNo])));
                }

                if (name is null)
                {
                    errors.Add(new(Cell(2), "required: the part or material's name", "bom.name.required"));
                }

                if (componentClass is not null && !ProductSystem.ComponentClasses.Contains(componentClass))
                {
                    errors.Add(new(Cell(3), $"'{ActivityInputs.Shorten(componentClass)}' is not a class; use {string.Join(", ", ProductSystem.ComponentClasses)}", "bom.class.unknown",
                        ActivityInputs.Args("value", ActivityInputs.Shorten(componentClass), "allowed", string.Join(", ", ProductSystem.ComponentClasses))));
                }

                if (quantity is null && errors.Count == before)
                {
                    errors.Add(new(Cell(4), "required: the quantity per one of the parent (or of the product)", "import.quantity-required"));
                }

                if (unitText is null)
                {
                    errors.Add(new(Cell(5), "required, e.g. kg, piece, kWh, tkm", "unit.required"));
                }
                else if (!Units.TryParse(unitText, out _))
                {
                    errors.Add(new(Cell(5), $"'{ActivityInputs.Shorten(unitText)}' is not a known unit; e.g. kg, 公噸, piece, kWh, 度, L, m3, tkm", "unit.unknown", ActivityInputs.Args("value", ActivityInputs.Shorten(unitText))));
                }

                if (factorValue is not null && (factorUnit is null || factorSource is null))
                {
                    errors.Add(new(Cell(factorUnit is null ? 9 : 10), "a supplier factor needs its unit (e.g. kgCO2e/piece) and its source (document, year)", "bom.factor.incomplete"));
                }

                if (stage is not null && !LifeStages.TryParse(stage, out _))
                {
                    errors.Add(new(Cell(12), $"'{ActivityInputs.Shorten(stage)}' is not a stage; use {string.Join(", ", LifeStages.Codes.Select(c => c.Code))}", "bom.stage.unknown",
                        ActivityInputs.Args("value", ActivityInputs.Shorten(stage), "allowed", string.Join(", ", LifeStages.Codes.Select(c => c.Code)))));
                }

                var isOmitted = omitted is null ? false : omitted is "是" or "yes" or "Y" or "y" or "true" or "1" ? true : (bool?)null;
                if (isOmitted is null)
                {
                    errors.Add(new(Cell(13), "是 / yes to omit the line under the cut-off rule, or leave it empty", "bom.omitted"));
                }

                if (lines.Count >= MaxLines)
                {
                    errors.Add(new(Cell(0), string.Create(CultureInfo.InvariantCulture, $"at most {MaxLines} lines"), "import.too-many-rows"));
                    break;
                }

                if (errors.Count > before)
                {
                    continue;
                }

                lines.Add(new BomLine
                {
                    Id = Guid.NewGuid(), Position = lines.Count, LineNo = lineNo!, Parent = parent, Name = name!, ComponentClass = componentClass, Quantity = quantity!.Value,
                    Unit = unitText!, Activity = activity, Supplier = supplier, FactorValue = factorValue, FactorUnit = factorUnit, FactorSource = factorSource,
                    FactorPeriod = factorPeriod, Stage = stage, Omitted = isOmitted!.Value,
                    UncertaintyGsd = gsd, TechnologicalDqr = dqr[0], TemporalDqr = dqr[1], GeographicalDqr = dqr[2],
                });
            }
        }
        catch (UploadRejectedException ex)
        {
            return SheetUpload.ToError(ex.Failure);
        }

        // A parent must be a line of the file, and the lines must not form a loop of parents.
        var numbers = lines.ToDictionary(l => l.LineNo, StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Parent is not null))
        {
            if (!numbers.ContainsKey(line.Parent!))
            {
                errors.Add(new(seen[line.LineNo].Replace("!A", "!B", StringComparison.Ordinal), $"the parent line '{line.Parent}' is not in the file", "bom.parent.unknown", ActivityInputs.Args("line", line.Parent!)));
                continue;
            }

            var steps = 0;
            for (var at = line.Parent; at is not null && steps <= lines.Count; at = numbers.GetValueOrDefault(at)?.Parent, steps++)
            {
                if (at == line.LineNo)
                {
                    errors.Add(new(seen[line.LineNo].Replace("!A", "!B", StringComparison.Ordinal), $"line '{line.LineNo}' is its own ancestor", "bom.parent.loop", ActivityInputs.Args("line", line.LineNo)));
                    break;
                }
            }
        }

        if (errors.Count == 0 && lines.Count == 0)
        {
            errors.Add(new($"{sheet}!2", "the file has no data rows", "import.no-rows"));
        }

        return errors.Count > 0 ? new Invalid(SheetUpload.Capped(errors), "Nothing was imported") : lines;
    }
}
