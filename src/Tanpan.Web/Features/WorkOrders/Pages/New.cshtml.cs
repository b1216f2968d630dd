using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Jobs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>Enter a work order on the association's process template (process × energy grid) and calculate it.</summary>
[Authorize(Policy = PermissionNames.WorkOrdersWrite)]
public sealed class NewModel(TanpanDb db, TenantScope tenant, JobCalculator calculator, TimeProvider clock) : FormPage
{
    public sealed class Form
    {
        public string? OrderNo { get; set; }

        public string? WorkOrderNo { get; set; }

        public string? Metal { get; set; }

        public DateOnly? Date { get; set; }

        public TimeOnly? StartTime { get; set; }

        public TimeOnly? EndTime { get; set; }

        public string? ProductName { get; set; }

        public decimal? Quantity { get; set; }

        public string? Unit { get; set; } = "kg";

        public decimal? MixRatioPercent { get; set; } = 100m;

        public decimal? AreaCm2 { get; set; }

        public decimal? ThicknessUm { get; set; }

        public decimal? DensityKgPerM3 { get; set; }

        /// <summary>When the energy entered is a batch's or period's metered total: the key and the job's share of it.</summary>
        public string? AllocationKey { get; set; }

        public decimal? AllocationJobValue { get; set; }

        public decimal? AllocationTotalValue { get; set; }

        /// <summary>Energy per [process, input] of the template, row-major.</summary>
        public List<decimal?> Energy { get; set; } = [];
    }

    [BindProperty]
    public Form Input { get; set; } = new();

    /// <summary>The association's template, with this company's own process units appended.</summary>
    public ProcessTemplate Template { get; private set; } = ProcessTemplate.Electroplating;

    private async Task LoadTemplateAsync(CancellationToken ct)
    {
        var template = await ProcessTemplate.CurrentAsync(db, ct);
        var own = await db.CompanyProcessUnits.AsNoTracking().OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(ct);
        Template = template with { Processes = [.. template.Processes, .. own] };
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        await LoadTemplateAsync(ct);
        Input.Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany || !PermissionHandler.Holds(User, Permission.WorkOrdersWrite))
        {
            return Forbid();
        }

        await LoadTemplateAsync(ct);
        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        var i = Input;
        var density = i.DensityKgPerM3 ?? (i.AreaCm2 is not null && i.ThicknessUm is not null ? Template.Metals.FirstOrDefault(m => m.Code == i.Metal)?.DensityKgPerM3 : null);
        var processes = Template.Processes.Select((name, p) => (JobProcessDto?)new JobProcessDto(name, Template.Inputs
            .Select((input, k) => (Input: input, Value: i.Energy.ElementAtOrDefault((p * Template.Inputs.Count) + k)))
            .Where(x => x.Value is not null)
            .Select(x => (JobInputDto?)new JobInputDto(x.Input.Activity, x.Value, x.Input.Unit, null, null, null))
            .ToList())).ToList();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var allocation = string.IsNullOrEmpty(i.AllocationKey) ? null : new AllocationDto(i.AllocationKey, i.AllocationJobValue, i.AllocationTotalValue);
        var request = new WorkOrderRequest(i.OrderNo, i.WorkOrderNo, i.Metal, i.Date, i.StartTime, i.EndTime, i.ProductName, i.Quantity, i.Unit, allocation is null ? i.MixRatioPercent : null, i.AreaCm2, i.ThicknessUm, density, "AR5", processes, allocation);
        var created = await CreateWorkOrder.ExecuteAsync(request, db, tenant, calculator, clock, ct);
        if (!created.Succeeded)
        {
            Show(created.Error!, "workOrderNo");
            return Page();
        }

        return RedirectDone($"/work-orders/{created.Value.Row.Id}", $"已建立並計算工單 {created.Value.Row.WorkOrderNo}。", $"Work order {created.Value.Row.WorkOrderNo} was created and calculated.");
    }
}
