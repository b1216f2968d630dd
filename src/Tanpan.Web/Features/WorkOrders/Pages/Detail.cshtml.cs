using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>One work order: its data, process × energy result with shares and intensity, its integrity, and its
/// certificate (issued here by a POST, never by viewing).</summary>
[Authorize(Policy = PermissionNames.WorkOrdersRead)]
public sealed class DetailModel(TanpanDb db, TenantScope tenant, IConfiguration configuration, TimeProvider clock) : FormPage
{
    public WorkOrderResponse Order { get; private set; } = null!;

    /// <summary>The operator's template labels (燃料油, 電力) by activity: what the member entered against.</summary>
    public IReadOnlyDictionary<string, string> TemplateLabels { get; private set; } = new Dictionary<string, string>();

    /// <summary>An energy input's name: the template's label in Chinese, the catalogue's name otherwise.</summary>
    public string EnergyName(string activity) =>
        !Lang.IsEnglish(HttpContext) && TemplateLabels.TryGetValue(activity, out var label) ? label : HttpContext.ActivityName(activity);

    public bool CanCertify => PermissionHandler.Holds(User, Permission.WorkOrdersCertify);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCertifyAsync(Guid id, CancellationToken ct)
    {
        if (!CanCertify)
        {
            return Forbid();
        }

        var issued = await CertifyWorkOrder.ExecuteAsync(id, db, tenant, configuration, clock, ct);
        if (!issued.Succeeded)
        {
            if (issued.Error is NotFoundError)
            {
                return NotFound();
            }

            Show(issued.Error!, "certify");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        return Redirect($"/work-orders/{id}?certified=1");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await GetWorkOrder.LoadAsync(id, db, Request, configuration, ct);
        if (!found.Succeeded)
        {
            return false;
        }

        Order = found.Value;
        TemplateLabels = (await ProcessTemplate.CurrentAsync(db, ct)).Inputs.GroupBy(i => i.Activity).ToDictionary(g => g.Key, g => g.First().Label);
        return true;
    }
}
