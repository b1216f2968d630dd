using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Features.Products.Pages;

/// <summary>The BOM and product-information handlers of the product page.</summary>
public sealed partial class DetailModel
{
    [BindProperty]
    public LineForm Line { get; set; } = new();

    [BindProperty]
    public Dictionary<string, string?> Info { get; set; } = [];

    [BindProperty]
    public DateOnly? DataFrom { get; set; }

    [BindProperty]
    public DateOnly? DataTo { get; set; }

    [BindProperty]
    public string? DataJustification { get; set; }

    public sealed class LineForm
    {
        public string? LineNo { get; set; }

        public string? Parent { get; set; }

        public string? Name { get; set; }

        public string? ComponentClass { get; set; }

        public decimal? Quantity { get; set; }

        public string? Unit { get; set; }

        public string? Activity { get; set; }

        public string? Supplier { get; set; }

        public decimal? FactorValue { get; set; }

        public string? FactorUnit { get; set; }

        public string? FactorSource { get; set; }

        public string? FactorPeriod { get; set; }

        public string? Stage { get; set; }

        public bool Omitted { get; set; }

        public decimal? UncertaintyGsd { get; set; }

        public int? TechnologicalDqr { get; set; }

        public int? TemporalDqr { get; set; }

        public int? GeographicalDqr { get; set; }
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        // The role first: whether a product exists is not told to someone who may not change it.
        if (!PermissionHandler.Holds(User, Permission.ProductsWrite))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var upload = await SheetUpload.ReadAsync(file, ct);
        Result<List<BomLine>> parsed = upload.Succeeded ? BomSheet.Parse(upload.Value.Stream, upload.Value.Kind) : upload.Error!;
        if (upload.Succeeded)
        {
            await upload.Value.Stream.DisposeAsync();
        }

        if (!parsed.Succeeded)
        {
            ImportErrors = parsed.Error!.ToFieldErrors("file");
            Show(parsed.Error!, "file");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // All or nothing: the imported BOM replaces the product's lines in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.BomLines.RemoveRange(await db.BomLines.Where(l => l.ProductId == id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        foreach (var line in parsed.Value)
        {
            line.ProductId = id;
            db.BomLines.Add(line);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return RedirectDone($"/products/{id}", $"已匯入 {parsed.Value.Count} 行物料清單。", $"Imported {parsed.Value.Count} BOM lines.");
    }

    public async Task<IActionResult> OnPostLineAsync(Guid id, CancellationToken ct)
    {
        // The role first: whether a product exists is not told to someone who may not change it.
        if (!PermissionHandler.Holds(User, Permission.ProductsWrite))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        var l = Line;
        if (string.IsNullOrWhiteSpace(l.LineNo) || l.LineNo.Trim().Length > 50)
        {
            AddError("Line.LineNo", HttpContext.T("請填行號（50 字以內）", "the line number is required (up to 50 characters)"));
        }
        else if (Lines.Any(x => x.LineNo == l.LineNo.Trim()))
        {
            AddError("Line.LineNo", HttpContext.T("此行號已存在", "that line number exists"));
        }

        if (!string.IsNullOrWhiteSpace(l.Parent) && Lines.All(x => x.LineNo != l.Parent.Trim()))
        {
            AddError("Line.Parent", HttpContext.T("上階行號不在物料清單中", "the parent line is not in the BOM"));
        }

        if (string.IsNullOrWhiteSpace(l.Name) || l.Name.Trim().Length > 300)
        {
            AddError("Line.Name", HttpContext.T("請填品名（300 字以內）", "the name is required (up to 300 characters)"));
        }

        if (l.Quantity is not { } q || q < 0 || q > 1e15m)
        {
            AddError("Line.Quantity", HttpContext.T("請填 0 以上的數量", "a quantity of zero or more is required"));
        }

        if (!Engine.Quantities.Units.TryParse(l.Unit, out _))
        {
            AddError("Line.Unit", HttpContext.T("請填單位，例如 kg、piece、kWh", "a unit is required, e.g. kg, piece, kWh"));
        }

        if (l.ComponentClass is not null && !ProductSystem.ComponentClasses.Contains(l.ComponentClass))
        {
            AddError("Line.ComponentClass", HttpContext.T("請選擇組件分類", "choose a class"));
        }

        if (l.Stage is not null && !LifeStages.TryParse(l.Stage, out _))
        {
            AddError("Line.Stage", HttpContext.T("請選擇生命週期階段", "choose a stage"));
        }

        if (l.UncertaintyGsd is { } gsd && (gsd < 1m || gsd > 10m))
        {
            AddError("Line.UncertaintyGsd", HttpContext.T("幾何標準差須介於 1 與 10 之間", "the geometric standard deviation is between 1 and 10"));
        }

        foreach (var (field, rating) in new[] { ("TechnologicalDqr", l.TechnologicalDqr), ("TemporalDqr", l.TemporalDqr), ("GeographicalDqr", l.GeographicalDqr) })
        {
            if (rating is < 1 or > 5)
            {
                AddError("Line." + field, HttpContext.T("評等為 1（很好）至 5（差）", "a rating from 1 (very good) to 5 (poor)"));
            }
        }

        if (l.FactorPeriod?.Trim().Length > 50)
        {
            AddError("Line.FactorPeriod", HttpContext.T("50 字以內", "up to 50 characters"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.BomLines.Add(new BomLine
        {
            Id = Guid.NewGuid(), ProductId = id, Position = Lines.Count == 0 ? 0 : Lines.Max(x => x.Position) + 1, LineNo = l.LineNo!.Trim(),
            Parent = string.IsNullOrWhiteSpace(l.Parent) ? null : l.Parent.Trim(), Name = l.Name!.Trim(), ComponentClass = l.ComponentClass, Quantity = l.Quantity!.Value,
            Unit = l.Unit!.Trim(), Activity = string.IsNullOrWhiteSpace(l.Activity) ? null : l.Activity.Trim(), Supplier = l.Supplier?.Trim(), FactorValue = l.FactorValue,
            FactorUnit = l.FactorUnit?.Trim(), FactorSource = l.FactorSource?.Trim(), FactorPeriod = string.IsNullOrWhiteSpace(l.FactorPeriod) ? null : l.FactorPeriod.Trim(), Stage = l.Stage, Omitted = l.Omitted,
            UncertaintyGsd = l.UncertaintyGsd, TechnologicalDqr = l.TechnologicalDqr, TemporalDqr = l.TemporalDqr, GeographicalDqr = l.GeographicalDqr,
        });
        await db.SaveChangesAsync(ct);
        return RedirectDone($"/products/{id}", "已新增一行物料。", "The line was added.");
    }

    public async Task<IActionResult> OnPostDeleteLineAsync(Guid id, Guid lineId, CancellationToken ct)
    {
        // The role first: whether a product exists is not told to someone who may not change it.
        if (!PermissionHandler.Holds(User, Permission.ProductsWrite))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var line = await db.BomLines.FirstOrDefaultAsync(l => l.Id == lineId && l.ProductId == id, ct);
        if (line is null)
        {
            return NotFound();
        }

        if (Lines.Any(l => l.Parent == line.LineNo))
        {
            AddError("line-" + lineId, HttpContext.T("此行下還有物料；請先刪除其下各行。", "lines sit under this one: delete them first."));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        db.BomLines.Remove(line);
        await db.SaveChangesAsync(ct);
        return RedirectDone($"/products/{id}", $"已刪除「{line.Name}」。", $"“{line.Name}” was deleted.");
    }

    /// <summary>Copies the product and its BOM as a what-if variant (another motor, a lighter casting, green power).</summary>
    public async Task<IActionResult> OnPostVariantAsync(Guid id, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ProductsWrite))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var baseId = Product.VariantOf ?? Product.Id;
        var count = await db.Products.CountAsync(x => x.VariantOf == baseId, ct);
        var name = HttpContext.T($"{Product.Name}（變體 {count + 1}）", $"{Product.Name} (variant {count + 1})");
        var variant = new Product
        {
            Id = Guid.NewGuid(), Name = name.Length > 200 ? name[..200] : name, Model = Product.Model, PcrId = Product.PcrId, Boundary = Product.Boundary,
            InformationJson = Product.InformationJson, DataFrom = Product.DataFrom, DataTo = Product.DataTo, DataJustification = Product.DataJustification,
            VariantOf = baseId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Products.Add(variant);
        foreach (var l in Lines)
        {
            db.BomLines.Add(new BomLine
            {
                Id = Guid.NewGuid(), ProductId = variant.Id, Position = l.Position, LineNo = l.LineNo, Parent = l.Parent, Name = l.Name, ComponentClass = l.ComponentClass,
                Quantity = l.Quantity, Unit = l.Unit, Activity = l.Activity, Supplier = l.Supplier, FactorValue = l.FactorValue, FactorUnit = l.FactorUnit,
                FactorSource = l.FactorSource, FactorPeriod = l.FactorPeriod, Stage = l.Stage, Omitted = l.Omitted,
                UncertaintyGsd = l.UncertaintyGsd, TechnologicalDqr = l.TechnologicalDqr, TemporalDqr = l.TemporalDqr, GeographicalDqr = l.GeographicalDqr, DerivationJson = l.DerivationJson,
            });
        }

        await db.SaveChangesAsync(ct);
        return RedirectDone($"/products/{variant.Id}", $"已建立變體「{variant.Name}」：修改其物料清單後與原產品比較。", $"The variant “{variant.Name}” was created: change its BOM, then compare it with the original.");
    }

    public async Task<IActionResult> OnPostInformationAsync(Guid id, CancellationToken ct)
    {
        // The role first: whether a product exists is not told to someone who may not change it.
        if (!PermissionHandler.Holds(User, Permission.ProductsWrite))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Pcr.ProductInformation)
        {
            var value = Info.GetValueOrDefault(field.Key)?.Trim();
            if (value?.Length > 200)
            {
                AddError("Info." + field.Key, HttpContext.T("200 字以內", "up to 200 characters"));
            }
            else if (!string.IsNullOrEmpty(value))
            {
                values[field.Key] = value;
            }
        }

        if (DataFrom is { } from && DataTo is { } to && to < from)
        {
            AddError(nameof(DataTo), HttpContext.T("結束日須在開始日之後", "must be on or after the start"));
        }

        if (DataJustification?.Length > 2000)
        {
            AddError(nameof(DataJustification), HttpContext.T("2000 字以內", "up to 2000 characters"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var product = await db.Products.FirstAsync(p => p.Id == id, ct);
        product.InformationJson = JsonSerializer.Serialize(values);
        product.DataFrom = DataFrom;
        product.DataTo = DataTo;
        product.DataJustification = string.IsNullOrWhiteSpace(DataJustification) ? null : DataJustification.Trim();
        await db.SaveChangesAsync(ct);
        return RedirectDone($"/products/{id}", "已儲存產品資訊。", "The product information was saved.");
    }

}
