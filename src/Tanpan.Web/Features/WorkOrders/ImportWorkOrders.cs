using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Sheets;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Bulk import of work orders exported by an ERP (.xlsx sheet "工單" or .csv): one row per process input,
/// grouped by work-order number. Every order is validated and calculated before any is stored; all or nothing, and
/// every error names its cell. Linear in rows: one pass to group, one query for existing numbers.</summary>
public static partial class ImportWorkOrders
{
    public const string Sheet = "工單";

    public static readonly string[] Columns =
    [
        "訂單編號 order_no", "工單編號 work_order_no", "加工金屬 metal", "加工日期 date", "品名 product", "加工數量 quantity", "單位 unit",
        "混料比例 mix_ratio_percent", "面積 area_cm2", "厚度 thickness_um", "密度 density_kg_m3", "製程 process", "能源 activity", "用量 energy_quantity", "能源單位 energy_unit",
    ];

    /// <summary>Optional columns (older files without them still import): the job's window on its line's meter, whose
    /// measured energy is added to the named process (default: the first) as primary data, no allocation. Times
    /// without an offset are Taipei time.</summary>
    public static readonly string[] MeterColumns = ["電表 meter_id", "開始時間 start", "結束時間 end", "量測製程 meter_process"];

    private static readonly string[] AllColumns = [.. Columns, .. MeterColumns];

    // Columns that describe the order, not the input: every row of one order must repeat them identically.
    private static readonly int[] OrderColumns = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 18];

    public sealed record Response(int Count, IReadOnlyList<Guid> Ids);

    [GeneratedRegex(@"^processes\[(\d+)\]\.inputs\[(\d+)\]\.(\w+)$")]
    private static partial Regex InputPath();

    internal static async Task<Results<Ok<Response>, ApiError>> Handle(IFormFile? file, TanpanDb db, TenantScope tenant, JobCalculator calculator, IMeteredEnergy meters, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await ExecuteAsync(file, db, tenant, calculator, meters, clock, ct);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Error!.ToApi();
    }

    public static async Task<Result<Response>> ExecuteAsync(IFormFile? file, TanpanDb db, TenantScope tenant, JobCalculator calculator, IMeteredEnergy meters, TimeProvider clock, CancellationToken ct)
    {
        var upload = await SheetUpload.ReadAsync(file, ct);
        if (!upload.Succeeded)
        {
            return upload.Error!;
        }

        await using var stream = upload.Value.Stream;
        var sheet = upload.Value.Kind == SpreadsheetKind.Csv ? "CSV" : Sheet;
        List<SheetRow> rows;
        try
        {
            rows = SheetRows.Query(stream, upload.Value.Kind, Sheet).ToList();
        }
        catch (UploadRejectedException ex)
        {
            return SheetUpload.ToError(ex.Failure);
        }

        if (rows.Count > 0 && Columns.Where(c => !rows[0].Values.ContainsKey(c)).ToArray() is { Length: > 0 } missing)
        {
            return new Invalid([new FieldError($"{sheet}!1", $"missing columns: {string.Join(", ", missing)} (use the template's header row)")], "Nothing was imported");
        }

        var errors = new List<FieldError>();
        var groups = new Dictionary<string, List<SheetRow>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows)
        {
            if (AllColumns.All(c => SheetCells.IsBlank(SheetCells.Get(row.Values, c))))
            {
                continue;
            }

            var no = SheetCells.Text(row.Values, Columns, 1, SheetCells.Address(sheet, 1, row.Number), errors, WorkOrderInput.NumberLength);
            if (no is null)
            {
                if (!errors.Any(e => e.Path == SheetCells.Address(sheet, 1, row.Number)))
                {
                    errors.Add(new(SheetCells.Address(sheet, 1, row.Number), "required: the work-order number (rows of one order share it)"));
                }

                continue;
            }

            if (!groups.TryGetValue(no, out var group))
            {
                groups[no] = group = [];
                order.Add(no);
            }

            group.Add(row);
        }

        var existing = (await db.WorkOrders.AsNoTracking().Select(w => w.WorkOrderNo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var prepared = new List<(ValidWorkOrder Input, JobResult Result)>(order.Count);
        foreach (var no in order)
        {
            var request = ToRequest(sheet, no, groups[no], errors, out var inputRows);
            if (request is null)
            {
                continue;
            }

            var firstRow = groups[no][0].Number;
            var metered = await MeteredWorkOrders.ResolveAsync(request, meters, ct);
            if (!metered.Succeeded)
            {
                errors.AddRange(metered.Errors.Select(e => e with { Path = Locate(e.Path, firstRow, inputRows, sheet) }));
                continue;
            }

            var outcome = CreateWorkOrder.Prepare(metered.Value.Request, calculator, metered.Value.Method);
            foreach (var problem in outcome.Errors)
            {
                errors.Add(problem with { Path = Locate(problem.Path, firstRow, inputRows, sheet) });
            }

            if (existing.Contains(no))
            {
                errors.Add(new(SheetCells.Address(sheet, 1, firstRow), $"'{no}' already exists for your company", "work-order.duplicate-number"));
            }
            else if (outcome.Succeeded)
            {
                prepared.Add(outcome.Value);
            }
        }

        if (errors.Count == 0 && prepared.Count == 0)
        {
            errors.Add(new($"{sheet}!2", "the file has no work orders"));
        }

        if (errors.Count > 0)
        {
            return new Invalid(SheetUpload.Capped(errors), "Nothing was imported");
        }

        // Everything validated: store all orders in one save (one transaction).
        var ids = new List<Guid>(prepared.Count);
        foreach (var (input, result) in prepared)
        {
            var (row, _) = CreateWorkOrder.NewRow(input, result, tenant, clock);
            db.WorkOrders.Add(row);
            ids.Add(row.Id);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new ConflictError("work-order.duplicate-number", "A work order in the file was created by another request meanwhile; nothing was imported. Send the file again.");
        }

        return new Response(ids.Count, ids);
    }

    /// <summary>One order's rows → a request; the order's own columns must agree across its rows.</summary>
    private static WorkOrderRequest? ToRequest(string sheet, string no, List<SheetRow> rows, List<FieldError> errors, out List<List<int>> inputRows)
    {
        var first = rows[0];
        string Cell(int column, int row) => SheetCells.Address(sheet, column, row);
        var before = errors.Count;
        foreach (var row in rows.Skip(1))
        {
            foreach (var column in OrderColumns)
            {
                var a = SheetCells.Get(first.Values, AllColumns[column]);
                var b = SheetCells.Get(row.Values, AllColumns[column]);
                if (!SheetCells.IsBlank(b) && !Equals(Normal(a), Normal(b)))
                {
                    errors.Add(new(Cell(column, row.Number), string.Create(CultureInfo.InvariantCulture, $"differs from row {first.Number} of work order '{no}' ('{ActivityInputs.Shorten(Normal(b))}' vs '{ActivityInputs.Shorten(Normal(a))}'); rows of one order must agree, or leave the cell empty"), "import.order-mismatch"));
                }
            }
        }

        var date = SheetCells.Date(first.Values, Columns, 3, Cell(3, first.Number), errors);
        var quantity = SheetCells.Number(first.Values, Columns, 5, Cell(5, first.Number), errors, NumberRange.Quantity);
        var mix = SheetCells.Number(first.Values, Columns, 7, Cell(7, first.Number), errors, new NumberRange(0m, 100m));
        var area = SheetCells.Number(first.Values, Columns, 8, Cell(8, first.Number), errors, NumberRange.Quantity);
        var thickness = SheetCells.Number(first.Values, Columns, 9, Cell(9, first.Number), errors, new NumberRange(0m, 1_000_000m));
        var density = SheetCells.Number(first.Values, Columns, 10, Cell(10, first.Number), errors, new NumberRange(0m, 100_000m));
        var window = MeterWindow(first, Cell, errors);
        var processes = new List<(string Name, List<(int Row, JobInputDto Input)> Inputs)>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var process = SheetCells.Text(row.Values, AllColumns, 11, Cell(11, row.Number), errors, 60) ?? string.Empty;
            var energy = SheetCells.Number(row.Values, Columns, 13, Cell(13, row.Number), errors, NumberRange.Quantity);
            if (!byName.TryGetValue(process, out var index))
            {
                byName[process] = index = processes.Count;
                processes.Add((process, []));
            }

            // With a meter window a row may only name the process the measured energy goes to.
            if (window is not null && new[] { 12, 13, 14 }.All(c => SheetCells.IsBlank(SheetCells.Get(row.Values, Columns[c]))))
            {
                continue;
            }

            processes[index].Inputs.Add((row.Number, new JobInputDto(
                SheetCells.Text(row.Values, Columns, 12, Cell(12, row.Number), errors, 100), energy, SheetCells.Text(row.Values, Columns, 14, Cell(14, row.Number), errors, 16), null, null, null)));
        }

        inputRows = processes.Select(p => p.Inputs.Select(i => i.Row).ToList()).ToList();
        if (errors.Count > before)
        {
            return null;
        }

        return new WorkOrderRequest(
            SheetCells.Text(first.Values, Columns, 0, Cell(0, first.Number), errors, WorkOrderInput.NumberLength), no,
            SheetCells.Text(first.Values, Columns, 2, Cell(2, first.Number), errors, WorkOrderInput.MetalLength), date, null, null,
            SheetCells.Text(first.Values, Columns, 4, Cell(4, first.Number), errors, WorkOrderInput.ProductLength),
            quantity, SheetCells.Text(first.Values, Columns, 6, Cell(6, first.Number), errors, 16), mix, area, thickness, density, "AR5",
            processes.Select(p => (JobProcessDto?)new JobProcessDto(p.Name, p.Inputs.Select(i => (JobInputDto?)i.Input).ToList())).ToList(), MeterWindow: window);
    }

    /// <summary>The order's meter window, or null when its meter cell is empty (times then must be empty too).</summary>
    private static MeterWindowDto? MeterWindow(SheetRow first, Func<int, int, string> cell, List<FieldError> errors)
    {
        var meter = SheetCells.Text(first.Values, AllColumns, 15, cell(15, first.Number), errors, 64);
        var from = SheetCells.Instant(first.Values, AllColumns, 16, cell(16, first.Number), errors, TaipeiTime.Zone);
        var to = SheetCells.Instant(first.Values, AllColumns, 17, cell(17, first.Number), errors, TaipeiTime.Zone);
        var process = SheetCells.Text(first.Values, AllColumns, 18, cell(18, first.Number), errors, 60);
        if (meter is null)
        {
            if (from is not null || to is not null || process is not null)
            {
                errors.Add(new(cell(15, first.Number), "required when a start, end or measured process is given: the id of the meter on the job's line", "job.meter.id"));
            }

            return null;
        }

        return new MeterWindowDto(meter, from, to, process);
    }

    private static string? Normal(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Turns a request field path into the cell that holds it.</summary>
    private static string Locate(string path, int firstRow, List<List<int>> inputRows, string sheet)
    {
        var match = InputPath().Match(path);
        if (match.Success)
        {
            var p = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var i = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var column = match.Groups[3].Value switch { "activity" => 12, "quantity" => 13, "unit" => 14, _ => 11 };
            return SheetCells.Address(sheet, column, inputRows[p][i]);
        }

        var header = path switch
        {
            "orderNo" => 0,
            "workOrderNo" => 1,
            "metal" => 2,
            "date" => 3,
            "productName" => 4,
            "quantity" => 5,
            "unit" => 6,
            "mixRatioPercent" => 7,
            "areaCm2" => 8,
            "thicknessUm" => 9,
            "densityKgPerM3" => 10,
            "meterWindow.meterId" or "meterWindow" => 15,
            "meterWindow.from" => 16,
            "meterWindow.to" => 17,
            "meterWindow.process" => 18,
            _ => 11,
        };
        return SheetCells.Address(sheet, header, firstRow);
    }
}
