using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Features.Inventory;

/// <summary>All-or-nothing import of activity data (.xlsx sheet "活動數據" or .csv, the template's columns): every
/// row is read and checked — cells by type and range, then all rows by the engine in one run — and either every
/// entry is stored or none, with each error naming its sheet, row and column. Linear in rows.</summary>
public static class ImportActivityData
{
    /// <summary>Rows per save inside the import's one transaction.</summary>
    internal const int SaveSlice = 2_000;

    public static async Task<Result<int>> ExecuteAsync(Guid inventoryId, IFormFile? file, TanpanDb db, FactorResolver resolver, ICompanyFactors companyFactors, TimeProvider clock, CancellationToken ct)
    {
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inventoryId, ct);
        if (inventory is null)
        {
            return InventoryErrors.NotFound(inventoryId);
        }

        if (inventory.Status is not (InventoryStatus.Draft or InventoryStatus.Returned))
        {
            return InventoryErrors.NotEditable(inventory.Status);
        }

        var upload = await SheetUpload.ReadAsync(file, ct);
        if (!upload.Succeeded)
        {
            return upload.Error!;
        }

        await using var stream = upload.Value.Stream;
        var sources = await db.Sources.AsNoTracking().ToListAsync(ct);
        var parsed = Parse(stream, upload.Value.Kind, sources, clock.GetUtcNow().UtcDateTime);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }

        var (entries, cells, errors) = parsed.Value;
        var byId = sources.ToDictionary(s => s.Id);
        // Rows whose cells read are checked by the engine even when other rows had errors: one answer lists all.
        var checks = InventoryWorkbook.Validate(entries.Select(e => (byId[e.SourceId], e.Quantity, e.Unit, new ActivityPeriod(e.PeriodFrom, e.PeriodTo))).ToArray(), inventory.Year, resolver, await companyFactors.LoadAsync(ct));
        foreach (var (index, problems) in checks.OrderBy(c => c.Key))
        {
            foreach (var problem in problems)
            {
                var column = problem.Path switch { "unit" => 4, "quantity" => 3, "period.to" => 2, _ => 0 };
                errors.Add(problem with { Path = cells[index](column) });
            }
        }

        if (errors.Count == 0 && entries.Count == 0)
        {
            errors.Add(new(upload.Value.Kind == SpreadsheetKind.Csv ? "CSV!2" : $"{InventoryExcel.DataSheet}!2", "the file has no data rows", "import.no-rows"));
        }

        if (errors.Count > 0)
        {
            return new Invalid(SheetUpload.Capped(errors), "Nothing was imported");
        }

        // All or nothing in one transaction, saved in slices: EF's per-save work (change detection, ordering the
        // commands) grows faster than the row count: 50,000 rows in one save cost far more than 25 saves of 2,000
        // (bench/README.md). Each save is audited as one batch entry.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var slice in entries.Chunk(SaveSlice))
        {
            foreach (var entry in slice)
            {
                entry.InventoryId = inventoryId;
            }

            db.Entries.AddRange(slice);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(ct);
        return entries.Count;
    }

    /// <summary>Reads and checks the cells; the engine checks come after, for all rows at once.</summary>
    internal static Result<(List<ActivityEntry> Entries, List<Func<int, string>> Cells, List<FieldError> Errors)> Parse(Stream stream, SpreadsheetKind kind, IReadOnlyCollection<EmissionSource> sources, DateTime nowUtc)
    {
        var sheet = kind == SpreadsheetKind.Csv ? "CSV" : InventoryExcel.DataSheet;
        var columns = InventoryExcel.Columns;
        var byDescription = sources.GroupBy(s => s.Description.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var known = string.Join(", ", byDescription.Keys.Take(20)) + (byDescription.Count > 20 ? ", …" : string.Empty);
        var errors = new List<FieldError>();
        var entries = new List<ActivityEntry>();
        var cells = new List<Func<int, string>>();
        var headerChecked = false;
        try
        {
            foreach (var row in SheetRows.Query(stream, kind, InventoryExcel.DataSheet))
            {
                if (!headerChecked)
                {
                    headerChecked = true;
                    var missing = columns.Where(c => !row.Values.ContainsKey(c)).ToArray();
                    if (missing.Length > 0)
                    {
                        return new Invalid([new FieldError($"{sheet}!1", $"missing columns: {string.Join(", ", missing)} (use the template's header row)", "import.missing-columns", ActivityInputs.Args("columns", string.Join("、", missing)))], "Nothing was imported");
                    }
                }

                if (columns.All(c => SheetCells.IsBlank(SheetCells.Get(row.Values, c))))
                {
                    continue;
                }

                var number = row.Number;
                string Cell(int column) => SheetCells.Address(sheet, column, number);
                var before = errors.Count;
                var name = SheetCells.Text(row.Values, columns, 0, Cell(0), errors, 300);
                EmissionSource? source = null;
                if (name is null || !byDescription.TryGetValue(name, out var matches))
                {
                    if (errors.Count == before)
                    {
                        errors.Add(new(Cell(0), $"'{ActivityInputs.Shorten(name)}' is not a source in your register; allowed: {known}", "import.unknown-source", ActivityInputs.Args("value", ActivityInputs.Shorten(name), "allowed", known)));
                    }
                }
                else if (matches.Count > 1)
                {
                    errors.Add(new(Cell(0), $"'{name}' names {matches.Count} sources; make the descriptions unique", "import.ambiguous-source", ActivityInputs.Args("value", name, "count", matches.Count.ToString(CultureInfo.InvariantCulture))));
                }
                else
                {
                    source = matches[0];
                }

                var from = SheetCells.Date(row.Values, columns, 1, Cell(1), errors);
                var to = SheetCells.Date(row.Values, columns, 2, Cell(2), errors);
                var quantity = SheetCells.Number(row.Values, columns, 3, Cell(3), errors, NumberRange.Quantity);
                var unitText = SheetCells.Text(row.Values, columns, 4, Cell(4), errors, 16);
                decimal?[] tou = [.. Enumerable.Range(5, 4).Select(c => SheetCells.Number(row.Values, columns, c, Cell(c), errors, NumberRange.Quantity))];
                var contract = SheetCells.Number(row.Values, columns, 9, Cell(9), errors, NumberRange.Quantity);
                var reference = SheetCells.Text(row.Values, columns, 10, Cell(10), errors, 100);
                var isBill = tou.Any(v => v is not null);
                if (isBill)
                {
                    var sum = tou.Sum(v => v ?? 0);
                    if (quantity is not null && quantity != sum)
                    {
                        errors.Add(new(Cell(3), string.Create(CultureInfo.InvariantCulture, $"quantity {quantity} differs from the sum of the time-of-use fields ({sum}); leave it empty"), "import.quantity-differs", ActivityInputs.Args("quantity", quantity.Value.ToString(CultureInfo.InvariantCulture), "sum", sum.ToString(CultureInfo.InvariantCulture))));
                    }

                    quantity = sum;
                    unitText ??= "kWh";
                }
                else if (quantity is null && errors.Count == before)
                {
                    errors.Add(new(Cell(3), "required: a number ≥ 0 (or the time-of-use kWh of a bill)", "import.quantity-required"));
                }

                Unit? unit = null;
                if (unitText is null)
                {
                    errors.Add(new(Cell(4), "required, e.g. kWh, 度, L, 公秉, m3, kg", "unit.required"));
                }
                else if (!Units.TryParse(unitText, out unit))
                {
                    errors.Add(new(Cell(4), $"'{ActivityInputs.Shorten(unitText)}' is not a known unit; e.g. kWh, 度, L, 公升, 公秉, m3, 千立方公尺, kg, 公噸", "unit.unknown", ActivityInputs.Args("value", ActivityInputs.Shorten(unitText))));
                }

                if (from is { } f && to is { } t && t < f)
                {
                    errors.Add(new(Cell(2), $"must be on or after the start ({f:yyyy-MM-dd})", "period.order", ActivityInputs.Args("from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
                }

                if (errors.Count > before || source is null)
                {
                    continue;
                }

                entries.Add(new ActivityEntry
                {
                    Id = Guid.NewGuid(),
                    SourceId = source.Id,
                    Kind = isBill ? EntryKind.TaipowerBill : AddActivityEntry.KindOf(source.Activity),
                    PeriodFrom = from!.Value,
                    PeriodTo = to!.Value,
                    Quantity = quantity!.Value,
                    Unit = unit!.Code,
                    PeakKwh = tou[0],
                    SemiPeakKwh = tou[1],
                    SaturdaySemiPeakKwh = tou[2],
                    OffPeakKwh = tou[3],
                    ContractCapacityKw = contract,
                    Reference = reference,
                    CreatedAtUtc = nowUtc,
                });
                cells.Add(Cell);
            }
        }
        catch (UploadRejectedException ex)
        {
            return SheetUpload.ToError(ex.Failure);
        }

        return (entries, cells, errors);
    }
}
