using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Factors.Pages;

/// <summary>The company's own factor library: material factors its suppliers declared (value, unit, supplier, source,
/// reference period) and its own (steam, a green-power contract), usable in the inventory and on BOM lines as
/// <c>custom.&lt;code&gt;</c>. The same rules as <c>POST /api/v1/custom-factors</c>.</summary>
[Authorize(Policy = PermissionNames.FactorsRead)]
public sealed class CompanyModel(TanpanDb db, TimeProvider clock) : FormPage
{
    public IReadOnlyList<CompanyFactor> Factors { get; private set; } = [];

    public bool CanEdit { get; private set; }

    [BindProperty]
    public InputForm Input { get; set; } = new();

    public sealed class InputForm
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public decimal? Value { get; set; }

        public string? Unit { get; set; }

        public string? Supplier { get; set; }

        public string? Source { get; set; }

        public DateOnly? ReferenceFrom { get; set; }

        public DateOnly? ReferenceTo { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.FactorsWrite))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        if (Errors.Count == 0)
        {
            var i = Input;
            var built = await CustomFactorEndpoints.BuildAsync(new CustomFactorEndpoints.Request(i.Code, i.Name, i.Value, i.Unit, i.Source, null, null, i.Supplier, i.ReferenceFrom, i.ReferenceTo), db, clock.GetUtcNow().UtcDateTime, ct);
            if (built.Succeeded)
            {
                db.CustomFactors.Add(built.Value);
                await db.SaveChangesAsync(ct);
                return RedirectDone("/factors/company", $"已新增係數「{built.Value.Name}」，可用代碼 custom.{built.Value.Code}。", $"The factor “{built.Value.Name}” was added; use it as custom.{built.Value.Code}.");
            }

            foreach (var e in built.Errors)
            {
                var field = e.Path.Split('.')[0];
                AddError("Input." + char.ToUpperInvariant(field[0]) + field[1..], ErrorText.For(HttpContext, e));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid factorId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.FactorsWrite))
        {
            return Forbid();
        }

        var row = await db.CustomFactors.FirstOrDefaultAsync(f => f.Id == factorId, ct);
        if (row is null)
        {
            return NotFound();
        }

        db.CustomFactors.Remove(row);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/factors/company", $"已刪除「{row.Name}」。", $"“{row.Name}” was deleted.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanEdit = PermissionHandler.Holds(User, Permission.FactorsWrite);
        Factors = await db.CustomFactors.AsNoTracking().OrderBy(f => f.Code).ToListAsync(ct);
    }
}
