using Microsoft.AspNetCore.Mvc;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Products.Pages;

/// <summary>Lines whose quantity is derived, not typed: manufacturing energy and water allocated from the site
/// inventory by a stated key, and the PCR's transport, use-phase and end-of-life scenarios. Each line keeps the
/// numbers it came from (<see cref="LineDerivation"/>), shown on the page and printed in the report.</summary>
public sealed partial class DetailModel
{
    /// <summary>The site inventory's totals a line can be allocated from, newest year first.</summary>
    public IReadOnlyList<SiteActivityTotal> SiteTotals { get; private set; } = [];

    public IReadOnlyList<(string Activity, string Name)> TransportActivities { get; private set; } = [];

    public IReadOnlyList<(string Activity, string Name)> WasteActivities { get; private set; } = [];

    public IReadOnlyList<(string Activity, string Name)> GridActivities { get; private set; } = [];

    /// <summary>Materials of the library and the company's own factors, offered on the line form's activity field.</summary>
    public IReadOnlyList<(string Activity, string Name)> MaterialActivities { get; private set; } = [];

    [BindProperty]
    public AllocationForm Allocate { get; set; } = new();

    public sealed class AllocationForm
    {
        public string? LineNo { get; set; }

        public string? Name { get; set; }

        /// <summary><c>year:sourceId</c> of a site total.</summary>
        public string? Total { get; set; }

        public string? Key { get; set; }

        public decimal? ProductAmount { get; set; }

        public decimal? SiteAmount { get; set; }

        public string? Justification { get; set; }
    }

    /// <summary>Manufacturing energy or water of this product: a site total of the inventory year × this product's
    /// amount of the key ÷ the site's (PCR 10.3.2: allocation stated and justified).</summary>
    public async Task<IActionResult> OnPostAllocateAsync(Guid id, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.ProductsWrite))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        var f = Allocate;
        var lineNo = NewLineNo("Allocate.LineNo", f.LineNo);
        var name = Required("Allocate.Name", f.Name, 300);
        var total = SiteTotals.FirstOrDefault(t => $"{t.Year}:{t.SourceId}" == f.Total);
        if (total is null)
        {
            AddError("Allocate.Total", HttpContext.T("請選擇盤查年度之排放源用量", "choose a source total of an inventory year"));
        }

        var key = Derivations.Keys.FirstOrDefault(k => k.Key == f.Key);
        if (key.Key is null)
        {
            AddError("Allocate.Key", HttpContext.T("請選擇分配基準（質量、產量或機台工時）", "choose a key (mass, output or machine hours)"));
        }

        if (f.ProductAmount is not { } part || part < 0)
        {
            AddError("Allocate.ProductAmount", HttpContext.T("請填本產品之基準量（0 以上）", "this product's amount of the key, zero or more"));
        }

        if (f.SiteAmount is not { } whole || whole <= 0)
        {
            AddError("Allocate.SiteAmount", HttpContext.T("請填全廠之基準量（大於 0）", "the site's amount of the key, more than zero"));
        }
        else if (f.ProductAmount is { } p && p > whole)
        {
            AddError("Allocate.ProductAmount", HttpContext.T("本產品之基準量不可大於全廠", "this product's amount cannot exceed the site's"));
        }

        var why = Required("Allocate.Justification", f.Justification, 1000, HttpContext.T("請說明為何無法避免分配及選此基準之理由", "say why allocation cannot be avoided and why this key"));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var keyUnit = key.Key switch { "mass" => "kg", "output" => "piece", _ => "h" };
        var quantity = total!.Quantity * f.ProductAmount!.Value / f.SiteAmount!.Value;
        var basis = HttpContext.T(
            $"{total.Year} 年盤查{(total.Locked ? "（已鎖定）" : "（草稿）")}：{total.Facility}「{total.Source}」{total.Entries} 筆活動數據合計",
            $"{total.Year} inventory{(total.Locked ? " (locked)" : " (draft)")}: {total.Facility} “{total.Source}”, {total.Entries} activity entries summed");
        var derivation = new LineDerivation(Derivations.Allocation, key.Key,
            [new("site-total", total.Quantity, total.Unit), new("product-amount", f.ProductAmount.Value, keyUnit), new("site-amount", f.SiteAmount.Value, keyUnit)], basis, why);
        var componentClass = total.Activity.StartsWith("water", StringComparison.Ordinal) || total.Activity.Contains(".water", StringComparison.Ordinal) ? "water" : "energy";
        await AddLinesAsync(id, [NewLine(id, lineNo!, name!, componentClass, quantity, total.Unit, total.Activity, LifeStage.Manufacturing, derivation)], ct);
        return RedirectDone($"/products/{id}", $"已依{Derivations.KeyName(key.Key, Language.ZhTw)}分配新增「{name}」。", $"“{name}” was allocated {Derivations.KeyName(key.Key, Language.En)}.");
    }

    private async Task LoadDerivationChoicesAsync(CancellationToken ct)
    {
        var library = HttpContext.RequestServices.GetRequiredService<Engine.Factors.FactorLibrary>();
        (string, string) Named(string activity) => (activity, HttpContext.ActivityName(activity));
        TransportActivities = [.. library.Secondary.Where(r => r.Activity.Kind == ActivityKind.Transport && r.PerUnit == Units.TonneKilometre).Select(r => Named(r.Activity.ToString()))];
        WasteActivities = [.. library.Secondary.Where(r => r.Activity.Kind == ActivityKind.Waste && r.PerUnit.Dimension == Dimension.Mass).Select(r => Named(r.Activity.ToString()))];
        MaterialActivities = [.. CompanyFactorList.Select(f => (f.Activity, f.Supplier is null ? f.Name : HttpContext.T($"{f.Name}（{f.Supplier}）", $"{f.Name} ({f.Supplier})"))),
            .. library.Secondary.Where(r => r.Activity.Kind == ActivityKind.Material).Select(r => Named(r.Activity.ToString()))];
        GridActivities = [.. library.ActivityIds.Where(a => ActivityId.KindOf(a) == ActivityKind.Grid).Select(Named)];
        var totals = new List<SiteActivityTotal>();
        foreach (var year in (await siteTotals.YearsAsync(ct)).Take(5))
        {
            totals.AddRange(await siteTotals.ForYearAsync(year, ct));
        }

        SiteTotals = totals;
    }

    private string? NewLineNo(string field, string? lineNo)
    {
        var trimmed = lineNo?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 40)
        {
            AddError(field, HttpContext.T("請填行號（40 字以內）", "the line number is required (up to 40 characters)"));
            return null;
        }

        if (Lines.Any(x => x.LineNo == trimmed))
        {
            AddError(field, HttpContext.T("此行號已存在", "that line number exists"));
        }

        return trimmed;
    }

    private string? Required(string field, string? value, int max, string? message = null)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > max)
        {
            AddError(field, (message ?? HttpContext.T("必填", "required")) + HttpContext.T($"（{max} 字以內）", $" (up to {max} characters)"));
            return null;
        }

        return trimmed;
    }

    private void Positive(string field, decimal? value, decimal max, string message)
    {
        if (value is not { } v || v < 0 || v > max)
        {
            AddError(field, message);
        }
    }

    private bool Accepted<T>(Outcome<T> outcome)
    {
        if (outcome.Succeeded)
        {
            return true;
        }

        foreach (var e in outcome.Errors)
        {
            AddError(e.Path, ErrorText.For(HttpContext, e));
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return false;
    }

    private BomLine NewLine(Guid productId, string lineNo, string name, string componentClass, decimal quantity, string unit, string activity, LifeStage stage, LineDerivation derivation) => new()
    {
        Id = Guid.NewGuid(), ProductId = productId, LineNo = lineNo, Name = name, ComponentClass = componentClass, Quantity = quantity, Unit = unit,
        Activity = activity, Stage = stage.Code(), DerivationJson = derivation.Write(),
    };

    private async Task AddLinesAsync(Guid productId, IReadOnlyList<BomLine> lines, CancellationToken ct)
    {
        var position = Lines.Count == 0 ? 0 : Lines.Max(x => x.Position) + 1;
        foreach (var line in lines)
        {
            line.Position = position++;
            db.BomLines.Add(line);
        }

        await db.SaveChangesAsync(ct);
    }
}
