using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>/api/v1/work-orders for ERP systems (API key with scopes) and signed-in users (roles).</summary>
public static class WorkOrderEndpoints
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services) =>
        // Work orders stored before records of their own existed are converted at start-up, old codes still verifying.
        services.AddScoped<Data.IStoredRecordUpgrade, LegacyWorkOrders>()
            .AddScoped<Platform.Web.IDashboardPanelSource, WorkOrderIntensityPanel>();

    /// <summary>The pages were once under <c>/jobs</c>; links, bookmarks and QR codes printed then keep working.</summary>
    public static IEndpointRouteBuilder MapFormerJobPages(this IEndpointRouteBuilder app)
    {
        app.Map("/jobs/{**rest}", (HttpContext http, string? rest) =>
                Results.Redirect($"/work-orders{(string.IsNullOrEmpty(rest) ? string.Empty : "/" + rest)}{http.Request.QueryString}", permanent: true, preserveMethod: true))
            .ExcludeFromDescription();
        return app;
    }

    public static RouteGroupBuilder MapWorkOrders(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Work orders");
        group.MapPost("/", CreateWorkOrder.Handle).WithName(nameof(CreateWorkOrder)).Accepts<WorkOrderRequest>("application/json").RequirePermission(Permission.WorkOrdersWrite);
        group.MapGet("/", ListWorkOrders.Handle).WithName(nameof(ListWorkOrders)).RequirePermission(Permission.WorkOrdersRead);
        group.MapGet("/{id:guid}", GetWorkOrder.Handle).WithName(nameof(GetWorkOrder)).RequirePermission(Permission.WorkOrdersRead);
        group.MapPost("/{id:guid}/calculate", RecalculateWorkOrder.Handle).WithName(nameof(RecalculateWorkOrder)).RequirePermission(Permission.WorkOrdersWrite);
        group.MapPost("/{id:guid}/certify", CertifyWorkOrder.Handle).WithName(nameof(CertifyWorkOrder)).RequirePermission(Permission.WorkOrdersCertify);
        group.MapGet("/{id:guid}/certificate.pdf", RenderCertificate.Handle).WithName(nameof(RenderCertificate)).RequirePermission(Permission.WorkOrdersRead);
        group.MapPost("/import", ImportWorkOrders.Handle).WithName(nameof(ImportWorkOrders)).DisableAntiforgery().RequireAntiforgeryForCookies().RequirePermission(Permission.WorkOrdersWrite);
        return api;
    }
}
