using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Products.Pages;

/// <summary>The PCR's scenarios as BOM lines: transport legs in t·km, the use phase (hours per mode × power ×
/// days × years) and end of life (shares recycled / incinerated / landfilled, with transport).</summary>
public sealed partial class DetailModel
{
    [BindProperty]
    public TransportForm Carry { get; set; } = new();

    [BindProperty]
    public UseForm UsePhase { get; set; } = new();

    [BindProperty]
    public EndOfLifeForm Disposal { get; set; } = new();

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
}
