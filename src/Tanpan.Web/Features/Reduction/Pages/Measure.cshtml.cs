using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Reduction;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Reduction.Pages;

/// <summary>/reduction/measures/new and /reduction/measures/{id}: one measure of the register. A new measure can
/// arrive prefilled from the query (the storage study links here with its investment, savings and abatement).</summary>
[Authorize(Policy = PermissionNames.ReductionWrite)]
public sealed class MeasureModel(TanpanDb db, TimeProvider clock) : FormPage
{
    public sealed class MeasureForm
    {
        public string? Name { get; set; }

        public string Kind { get; set; } = MeasureKind.EquipmentEfficiency.Code();

        public decimal? CapexNtd { get; set; }

        public decimal? AnnualOpexChangeNtd { get; set; }

        public decimal? AnnualSavingsNtd { get; set; }

        public decimal? AnnualAbatementTonnes { get; set; }

        public int? StartYear { get; set; }

        public int? LifetimeYears { get; set; } = 10;

        public int? RampYears { get; set; }

        public string? Basis { get; set; }

        public MeasureRequest ToRequest() => new(Name, Kind, CapexNtd, AnnualOpexChangeNtd, AnnualSavingsNtd, AnnualAbatementTonnes, StartYear, LifetimeYears, RampYears, Basis);
    }

    [BindProperty]
    public MeasureForm Input { get; set; } = new();

    public Guid? Id { get; private set; }

    /// <summary>"new", or a measure's id; anything else is not a page.</summary>
    private static bool TryRoute(string id, out Guid? measure)
    {
        measure = Guid.TryParse(id, out var g) ? g : null;
        return measure is not null || id == "new";
    }

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery] MeasureForm? prefill, CancellationToken ct)
    {
        if (!TryRoute(id, out var measure))
        {
            return NotFound();
        }

        Id = measure;
        if (measure is null)
        {
            // Only known fields carry over; the form validates them again on save.
            Input = prefill ?? new MeasureForm();
            Input.StartYear ??= TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime).Year + 1;
            Input.LifetimeYears ??= 10;
            ModelState.Clear();
            return Page();
        }

        var row = await db.ReductionMeasures.AsNoTracking().FirstOrDefaultAsync(m => m.Id == measure, ct);
        if (row is null)
        {
            return NotFound();
        }

        Input = new MeasureForm
        {
            Name = row.Name, Kind = row.Kind.Code(), CapexNtd = row.CapexNtd, AnnualOpexChangeNtd = row.AnnualOpexChangeNtd, AnnualSavingsNtd = row.AnnualSavingsNtd,
            AnnualAbatementTonnes = row.AnnualAbatementTonnes, StartYear = row.StartYear, LifetimeYears = row.LifetimeYears, RampYears = row.RampYears, Basis = row.Basis,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!TryRoute(id, out var measure))
        {
            return NotFound();
        }

        Id = measure;
        // Unreadable numbers first; the rules then speak for every other field (a field keeps its first error).
        CollectBindingErrors(HttpContext.T("請輸入數字", "enter a number"));
        if (Errors.Count > 0)
        {
            var checkedRest = SaveMeasure.Validate(Input.ToRequest());
            if (!checkedRest.Succeeded)
            {
                ShowErrors(new Invalid(checkedRest.Errors));
            }

            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (measure is null)
        {
            var created = await ReductionEndpoints.CreateAsync(db, Input.ToRequest(), now, ct);
            if (created.Succeeded)
            {
                return RedirectDone("/reduction", $"已新增措施「{created.Value.Name}」。", $"Measure “{created.Value.Name}” added.");
            }

            ShowErrors(created.Error!);
            return Page();
        }

        var updated = await ReductionEndpoints.UpdateAsync(db, measure.Value, Input.ToRequest(), now, ct);
        if (!updated.Succeeded)
        {
            if (updated.Error is NotFoundError)
            {
                return NotFound();
            }

            ShowErrors(updated.Error!);
            return Page();
        }

        var row = updated.Value;
        return RedirectDone("/reduction", $"已儲存措施「{row.Name}」。", $"Measure “{row.Name}” saved.");
    }

    private void ShowErrors(Error error)
    {
        if (error is Invalid invalid)
        {
            foreach (var e in invalid.Fields)
            {
                AddError(char.ToUpperInvariant(e.Path[0]) + e.Path[1..], ErrorText.For(HttpContext, e));
            }
        }
        else
        {
            Show(error, "Name");
        }
    }

    public string KindName(MeasureKind kind) => HttpContext.Name(kind);
}
