using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>The association's process template: process units, energy inputs (checked against the factor library), metals.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorTemplateModel(TanpanDb db, FactorResolver resolver, TimeProvider clock) : FormPage
{
    [BindProperty]
    public string? Processes { get; set; }

    [BindProperty]
    public string? Inputs { get; set; }

    [BindProperty]
    public string? Metals { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var template = await ProcessTemplate.CurrentAsync(db, ct);
        Processes = string.Join('\n', template.Processes);
        Inputs = string.Join('\n', template.Inputs.Select(i => $"{i.Activity} | {i.Label} | {i.Unit}"));
        Metals = string.Join('\n', template.Metals.Select(m => $"{m.Code} | {m.Name} | {m.DensityKgPerM3}"));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var parsed = ProcessTemplate.Parse(Processes, Inputs, Metals, resolver);
        if (!parsed.Succeeded)
        {
            foreach (var error in parsed.Errors)
            {
                AddError(error.Path, error.Message);
            }

            return Page();
        }

        var record = await db.ProcessTemplates.FirstOrDefaultAsync(t => t.Id == ProcessTemplate.DefaultId, ct);
        if (record is null)
        {
            record = new ProcessTemplateRecord { Id = ProcessTemplate.DefaultId, Json = string.Empty };
            db.ProcessTemplates.Add(record);
        }

        record.Json = parsed.Value.ToJson();
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        Saved = true;
        return Page();
    }
}
