using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>/api/v1/work-orders for ERP systems (API key with scopes) and signed-in users (roles).</summary>
public static class WorkOrderEndpoints
{
    public static RouteGroupBuilder MapWorkOrders(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Work orders");
        group.MapPost("/", CreateWorkOrder.Handle).WithName(nameof(CreateWorkOrder)).Accepts<WorkOrderRequest>("application/json").RequirePermission(Permissions.WorkOrdersWrite);
        group.MapGet("/", ListWorkOrders.Handle).WithName(nameof(ListWorkOrders)).RequirePermission(Permissions.WorkOrdersRead);
        group.MapGet("/{id:guid}", GetWorkOrder.Handle).WithName(nameof(GetWorkOrder)).RequirePermission(Permissions.WorkOrdersRead);
        group.MapPost("/{id:guid}/calculate", RecalculateWorkOrder.Handle).WithName(nameof(RecalculateWorkOrder)).RequirePermission(Permissions.WorkOrdersWrite);
        group.MapPost("/{id:guid}/certify", CertifyWorkOrder.Handle).WithName(nameof(CertifyWorkOrder)).RequirePermission(Permissions.WorkOrdersCertify);
        group.MapGet("/{id:guid}/certificate.pdf", RenderCertificate.Handle).WithName(nameof(RenderCertificate)).RequirePermission(Permissions.WorkOrdersRead);
        group.MapPost("/import", ImportWorkOrders.Handle).WithName(nameof(ImportWorkOrders)).DisableAntiforgery().RequireAntiforgeryForCookies().RequirePermission(Permissions.WorkOrdersWrite);
        return api;
    }
}
