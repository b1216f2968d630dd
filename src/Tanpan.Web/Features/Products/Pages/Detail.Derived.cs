using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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

    [BindProperty]
    public TransportForm Carry { get; set; } = new();

    [BindProperty]
    public UseForm UsePhase { get; set; } = new();

    [BindProperty]
    public EndOfLifeForm Disposal { get; set; } = new();

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

    public sealed class TransportForm
    {
        public string? LineNo { get; set; }

        public string? Name { get; set; }

        public string? Activity { get; set; }

        public decimal? MassKg { get; set; }

        public decimal? DistanceKm { get; set; }

        public string? Stage { get; set; }

        public string? Basis { get; set; }
    }

    public sealed class UseForm
    {
        public string? LineNo { get; set; }

        public decimal? RunHours { get; set; }

        public decimal? RunKw { get; set; }

        public decimal? StandbyHours { get; set; }

        public decimal? StandbyKw { get; set; }

        public decimal? OtherHours { get; set; }

        public decimal? OtherKw { get; set; }

        public decimal? DaysPerYear { get; set; }

        public decimal? Years { get; set; }

        public string? GridActivity { get; set; }

        public string? Basis { get; set; }
    }

    public sealed class EndOfLifeForm
    {
        public string? LineNo { get; set; }

        public decimal? MassKg { get; set; }

        public decimal? RecycledPercent { get; set; }

        public string? RecycledActivity { get; set; }

        public decimal? IncineratedPercent { get; set; }

        public string? IncineratedActivity { get; set; }

        public decimal? LandfilledPercent { get; set; }

        public string? LandfilledActivity { get; set; }

        public string? TransportActivity { get; set; }

        public decimal? TransportKm { get; set; }

        public string? Basis { get; set; }
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

    /// <summary>A transport leg: mass × distance in t·km of a freight activity (inbound, distribution or end of life).</summary>
    public async Task<IActionResult> OnPostTransportAsync(Guid id, CancellationToken ct)
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
        var f = Carry;
        var lineNo = NewLineNo("Carry.LineNo", f.LineNo);
        var name = Required("Carry.Name", f.Name, 300);
        var basis = Required("Carry.Basis", f.Basis, 1000, HttpContext.T("請說明情境依據（路線、車型、載重來源）", "state what the scenario rests on (route, vehicle, load)"));
        var stage = f.Stage is not null && LifeStages.TryParse(f.Stage, out var s) ? s : (LifeStage?)null;
        if (stage is null)
        {
            AddError("Carry.Stage", HttpContext.T("請選擇生命週期階段", "choose a stage"));
        }

        if (TransportActivities.All(a => a.Activity != f.Activity))
        {
            AddError("Carry.Activity", HttpContext.T("請選擇貨運方式（係數庫 transport.*，每延噸公里）", "choose a freight mode (library transport.*, per t·km)"));
        }

        Positive("Carry.MassKg", f.MassKg, 1e9m, HttpContext.T("載重（公斤，0 以上）", "the mass carried, kg, zero or more"));
        Positive("Carry.DistanceKm", f.DistanceKm, 40_000m, HttpContext.T("距離 0 至 40,000 公里", "a distance from 0 to 40,000 km"));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var leg = Scenarios.Transport(new TransportLeg(lineNo!, f.Activity!, new Quantity(f.MassKg!.Value, Units.Kilogram), f.DistanceKm!.Value, stage!.Value), "Carry");
        if (!Accepted(leg))
        {
            return Page();
        }

        var derivation = new LineDerivation(Derivations.Transport, null, [new("mass", f.MassKg.Value / 1000m, "t"), new("distance", f.DistanceKm.Value, "km")], basis!, null);
        await AddLinesAsync(id, [NewLine(id, lineNo!, name!, "transport", leg.Value.Quantity, leg.Value.Unit.Code, leg.Value.Activity!, stage.Value, derivation)], ct);
        return RedirectDone($"/products/{id}", $"已新增運輸「{name}」。", $"The transport leg “{name}” was added.");
    }

    /// <summary>The use phase: Σ hours a day × kW over the PCR's modes × days a year × years, as grid electricity.</summary>
    public async Task<IActionResult> OnPostUseAsync(Guid id, CancellationToken ct)
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
        var f = UsePhase;
        var lineNo = NewLineNo("UsePhase.LineNo", f.LineNo);
        var basis = Required("UsePhase.Basis", f.Basis, 1000, HttpContext.T("請說明情境依據（例如保固年限、客戶稼動資料）", "state what the scenario rests on (warranty years, customers' operating data)"));
        if (GridActivities.All(a => a.Activity != f.GridActivity))
        {
            AddError("UsePhase.GridActivity", HttpContext.T("請選擇用電係數", "choose the electricity factor"));
        }

        var modes = new List<UseMode>();
        var terms = new List<DerivationTerm>();
        foreach (var (mode, hours, kw) in new[] { ("run", f.RunHours, f.RunKw), ("standby", f.StandbyHours, f.StandbyKw), ("other", f.OtherHours, f.OtherKw) })
        {
            if (hours is null && kw is null)
            {
                continue;
            }

            modes.Add(new UseMode(mode, hours ?? 0, kw ?? 0));
            terms.Add(new($"{mode}-hours", hours ?? 0, "h"));
            terms.Add(new($"{mode}-power", kw ?? 0, "kW"));
        }

        if (f.DaysPerYear is null)
        {
            AddError("UsePhase.DaysPerYear", HttpContext.T("請填每年使用日數（0–366）", "days of use a year (0–366)"));
        }

        if (f.Years is null)
        {
            AddError("UsePhase.Years", HttpContext.T("請填使用年限（0–100）", "years of use (0–100)"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var use = Scenarios.Use(new UseScenario(modes, f.DaysPerYear!.Value, f.Years!.Value, f.GridActivity!), "UsePhase");
        if (!Accepted(use))
        {
            return Page();
        }

        terms.Add(new("days-per-year", f.DaysPerYear.Value, "d"));
        terms.Add(new("years", f.Years.Value, "yr"));
        var name = HttpContext.T("使用階段用電", "Use-phase electricity");
        await AddLinesAsync(id, [NewLine(id, lineNo!, name, "energy", use.Value.Quantity, use.Value.Unit.Code, use.Value.Activity!, LifeStage.Use, new LineDerivation(Derivations.Use, null, terms, basis!, null))], ct);
        return RedirectDone($"/products/{id}", "已新增使用階段用電。", "The use-phase electricity was added.");
    }

    /// <summary>End of life: the product's mass by route (recycled / incinerated / landfilled, adding up to 100 %)
    /// to waste activities, each with its transport.</summary>
    public async Task<IActionResult> OnPostEndOfLifeAsync(Guid id, CancellationToken ct)
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
        var f = Disposal;
        var prefix = NewLineNo("Disposal.LineNo", f.LineNo);
        var basis = Required("Disposal.Basis", f.Basis, 1000, HttpContext.T("請說明情境依據（例如環境部廢棄物統計）", "state what the scenario rests on (e.g. national waste statistics)"));
        Positive("Disposal.MassKg", f.MassKg, 1e9m, HttpContext.T("產品質量（公斤，大於 0）", "the product's mass, kg, more than zero"));
        var routes = new List<EndOfLifeRoute>();
        foreach (var (route, percent, activity) in new[] { ("recycled", f.RecycledPercent, f.RecycledActivity), ("incinerated", f.IncineratedPercent, f.IncineratedActivity), ("landfilled", f.LandfilledPercent, f.LandfilledActivity) })
        {
            if (percent is null or 0)
            {
                continue;
            }

            var field = "Disposal." + char.ToUpperInvariant(route[0]) + route[1..];
            if (percent is < 0 or > 100)
            {
                AddError(field + "Percent", HttpContext.T("0 至 100 %", "from 0 to 100 %"));
            }

            if (WasteActivities.All(a => a.Activity != activity))
            {
                AddError(field + "Activity", HttpContext.T("請選擇廢棄物處理係數（waste.*）", "choose a waste treatment (waste.*)"));
            }

            routes.Add(new EndOfLifeRoute($"{prefix}-{route}", percent.Value / 100m, activity ?? string.Empty, f.TransportActivity, f.TransportKm ?? 0));
        }

        if (f.TransportActivity is not null && TransportActivities.All(a => a.Activity != f.TransportActivity))
        {
            AddError("Disposal.TransportActivity", HttpContext.T("請選擇貨運方式", "choose a freight mode"));
        }

        if (Errors.Count == 0 && routes.Sum(r => r.Share) != 1m)
        {
            AddError("Disposal.RecycledPercent", HttpContext.T($"回收、焚化、掩埋比例合計須為 100 %（目前 {routes.Sum(r => r.Share) * 100m:0.##} %）", $"recycled, incinerated and landfilled must add up to 100 % (now {routes.Sum(r => r.Share) * 100m:0.##} %)"));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var inputs = Scenarios.EndOfLife(new Quantity(f.MassKg!.Value, Units.Kilogram), routes, "Disposal");
        if (!Accepted(inputs))
        {
            return Page();
        }

        var lines = new List<BomLine>();
        foreach (var input in inputs.Value)
        {
            var route = routes.First(r => input.Id.StartsWith(r.Id, StringComparison.Ordinal));
            var isTransport = input.Id.EndsWith("-transport", StringComparison.Ordinal);
            var terms = new List<DerivationTerm> { new("product-mass", f.MassKg.Value, "kg"), new("share", route.Share * 100m, "%") };
            if (isTransport)
            {
                terms.Add(new("distance", route.TransportKm, "km"));
            }

            var routeName = route.Id[(prefix!.Length + 1)..] switch { "recycled" => HttpContext.T("回收", "recycling"), "incinerated" => HttpContext.T("焚化", "incineration"), _ => HttpContext.T("掩埋", "landfill") };
            var name = isTransport ? HttpContext.T($"廢棄運輸（{routeName}）", $"End-of-life transport ({routeName})") : HttpContext.T($"廢棄處理：{routeName}", $"End of life: {routeName}");
            lines.Add(NewLine(id, input.Id, name, isTransport ? "transport" : "waste", input.Quantity, input.Unit.Code, input.Activity!, LifeStage.EndOfLife, new LineDerivation(Derivations.EndOfLife, null, terms, basis!, null)));
        }

        if (lines.Any(l => Lines.Any(x => x.LineNo == l.LineNo)))
        {
            AddError("Disposal.LineNo", HttpContext.T("此行號開頭之廢棄處理行已存在", "end-of-life lines with this prefix exist"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await AddLinesAsync(id, lines, ct);
        return RedirectDone($"/products/{id}", $"已新增 {lines.Count} 行廢棄處理情境。", $"{lines.Count} end-of-life lines were added.");
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
