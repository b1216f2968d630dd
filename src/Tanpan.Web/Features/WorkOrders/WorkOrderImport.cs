using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tanpan.Engine.Common;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Features.Calculations;
using Tanpan.Web.Platform.Sheets;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Bulk import of work orders exported by an ERP (.xlsx sheet "工單" or .csv): one row per process input,
/// grouped by work-order number. All orders are validated and calculated before any is stored.</summary>
public static partial class WorkOrderImport
{
    public const string Sheet = "工單";

    public static readonly string[] Columns =
    [
        "訂單編號 order_no", "工單編號 work_order_no", "加工金屬 metal", "加工日期 date", "品名 product", "加工數量 quantity", "單位 unit",
        "混料比例 mix_ratio_percent", "面積 area_cm2", "厚度 thickness_um", "密度 density_kg_m3", "製程 process", "能源 activity", "用量 energy_quantity", "能源單位 energy_unit",
    ];

    public sealed record Imported(int Count, IReadOnlyList<Guid> Ids);

    [GeneratedRegex(@"^processes\[(\d+)\]\.inputs\[(\d+)\]\.(\w+)$")]
    private static partial Regex InputPath();

    internal static async Task<Results<Ok<Imported>, ApiError>> Handle(IFormFile? file, TanpanDb db, TenantScope tenant, JobCalculator calculator, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > 10 * 1024 * 1024)
        {
            return new[] { new FieldError("file", "send one .xlsx or .csv file (multipart field 'file') of at most 10 MB") }.ToProblem();
        }

        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var outcome = await ImportAsync(stream, file.FileName, db, tenant, calculator, clock, http.User.Identity?.Name ?? "api-key", ct);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Errors.ToProblem("Nothing was imported");
    }

    public static async Task<Outcome<Imported>> ImportAsync(Stream file, string fileName, TanpanDb db, TenantScope tenant, JobCalculator calculator, TimeProvider clock, string createdBy, CancellationToken ct)
    {
        var csv = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var sheet = csv ? "CSV" : Sheet;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = (csv ? MiniExcel.Query(file, useHeaderRow: true, excelType: ExcelType.CSV) : MiniExcel.Query(file, useHeaderRow: true, sheetName: Sheet, excelType: ExcelType.XLSX))
                .Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or ArgumentException or KeyNotFoundException or FormatException)
        {
            return Outcome<Imported>.Failure("file", $"cannot read {(csv ? "the CSV file" : $"sheet '{Sheet}' of the .xlsx file")}: {ex.Message}");
        }

        if (rows.Count > 0 && Columns.Where(c => !rows[0].ContainsKey(c)).ToArray() is { Length: > 0 } missing)
        {
            return Outcome<Imported>.Failure($"{sheet}!1", $"missing columns: {string.Join(", ", missing)}");
        }

        var errors = new List<FieldError>();
        var groups = new List<(string No, List<(int Row, IDictionary<string, object?> Cells)> Rows)>();
        for (var r = 0; r < rows.Count; r++)
        {
            if (Columns.All(c => SheetCells.IsBlank(SheetCells.Get(rows[r], c))))
            {
                continue;
            }

            var no = SheetCells.Text(rows[r], Columns, 1);
            if (no is null)
            {
                errors.Add(new(SheetCells.Address(sheet, 1, r + 2), "required: the work-order number (rows of one order share it)"));
                continue;
            }

            var group = groups.FirstOrDefault(g => g.No == no);
            if (group.Rows is null)
            {
                group = (no, []);
                groups.Add(group);
            }

            group.Rows.Add((r + 2, rows[r]));
        }

        var orders = new List<WorkOrderEndpoints.Request>();
        foreach (var (no, groupRows) in groups)
        {
            var (firstRow, first) = groupRows[0];
            string Cell(int column, int row) => SheetCells.Address(sheet, column, row);
            var before = errors.Count;
            var date = SheetCells.Date(first, Columns, 3, Cell(3, firstRow), errors);
            var quantity = SheetCells.Number(first, Columns, 5, Cell(5, firstRow), errors);
            var mix = SheetCells.Number(first, Columns, 7, Cell(7, firstRow), errors);
            var area = SheetCells.Number(first, Columns, 8, Cell(8, firstRow), errors);
            var thickness = SheetCells.Number(first, Columns, 9, Cell(9, firstRow), errors);
            var density = SheetCells.Number(first, Columns, 10, Cell(10, firstRow), errors);
            var processes = new List<(string Name, List<(int Row, JobInputDto Input)> Inputs)>();
            foreach (var (row, cells) in groupRows)
            {
                var process = SheetCells.Text(cells, Columns, 11) ?? string.Empty;
                var energy = SheetCells.Number(cells, Columns, 13, Cell(13, row), errors);
                var entry = processes.FirstOrDefault(p => p.Name == process);
                if (entry.Inputs is null)
                {
                    entry = (process, []);
                    processes.Add(entry);
                }

                entry.Inputs.Add((row, new JobInputDto(SheetCells.Text(cells, Columns, 12), energy, SheetCells.Text(cells, Columns, 14), null, null, null)));
            }

            if (errors.Count > before)
            {
                continue;
            }

            var request = new WorkOrderEndpoints.Request(
                SheetCells.Text(first, Columns, 0), no, SheetCells.Text(first, Columns, 2), date, null, null, SheetCells.Text(first, Columns, 4),
                quantity, SheetCells.Text(first, Columns, 6), mix, area, thickness, density, "AR5",
                processes.Select(p => (JobProcessDto?)new JobProcessDto(p.Name, p.Inputs.Select(i => (JobInputDto?)i.Input).ToList())).ToList());
            var problems = WorkOrderEndpoints.Validate(request);
            problems.AddRange(WorkOrderEndpoints.Calculate(request, calculator).Errors);
            if (orders.Any(o => o.WorkOrderNo == no) || await db.WorkOrders.AnyAsync(w => w.WorkOrderNo == no, ct))
            {
                problems.Add(new("workOrderNo", $"'{no}' already exists for your company"));
            }

            foreach (var problem in problems)
            {
                errors.Add(new(Locate(problem.Path, firstRow, processes.Select(p => p.Inputs.Select(i => i.Row).ToList()).ToList(), sheet), problem.Message));
            }

            if (problems.Count == 0)
            {
                orders.Add(request);
            }
        }

        if (errors.Count == 0 && orders.Count == 0)
        {
            errors.Add(new($"{sheet}!2", "the file has no work orders"));
        }

        if (errors.Count > 0)
        {
            return Outcome<Imported>.Failure(errors);
        }

        // Everything validated: store all orders in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = new List<Guid>();
        foreach (var order in orders)
        {
            var created = await WorkOrderEndpoints.CreateAsync(order, db, tenant, calculator, clock, createdBy, ct);
            if (!created.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return Outcome<Imported>.Failure(created.Errors);
            }

            ids.Add(created.Value.Id);
        }

        await tx.CommitAsync(ct);
        return Outcome<Imported>.Success(new Imported(ids.Count, ids));
    }

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
            "orderNo" => 0, "workOrderNo" => 1, "metal" => 2, "date" => 3, "quantity" => 5, "unit" => 6,
            "mixRatioPercent" => 7, "areaCm2" => 8, "thicknessUm" => 9, "densityKgPerM3" => 10, _ => 11,
        };
        return SheetCells.Address(sheet, header, firstRow);
    }
}
