using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Exposure;

/// <summary>The company's carbon-price exposure, read-only over the API: the view as JSON and the CBAM communication
/// an EU importer asks for, as CSV.</summary>
public static class ExposureEndpoints
{
    public static IServiceCollection AddExposure(this IServiceCollection services) => services.AddScoped<ExposureService>();

    public static RouteGroupBuilder MapExposure(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exposure").WithTags("Carbon-price exposure");
        group.MapGet("/", Get).WithName("GetExposure").WithSummary("Taiwan carbon fee, EU CBAM and US CCA over years and price scenarios, from the company's inventories and goods").RequirePermission(Permission.ExposureRead);
        group.MapGet("/cbam-communication.csv", Csv).WithName("GetCbamCommunication").WithSummary("The CBAM communication data per good (CSV)").RequirePermission(Permission.ExposureRead);
        return api;
    }

    internal static async Task<Ok<ExposureResponse>> Get(ExposureService service, CancellationToken ct) => TypedResults.Ok(ExposureResponse.From(await service.EvaluateAsync(ct)));

    internal static async Task<FileContentHttpResult> Csv(ExposureService service, TanpanDb db, CancellationToken ct)
    {
        var view = await service.EvaluateAsync(ct);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CurrentCompanyId, ct);
        var rows = CbamCommunication.Rows(view, company.Name, company.TaxId);
        return TypedResults.File(CbamCommunication.Csv(rows, CbamCommunication.Headers), "text/csv; charset=utf-8", "cbam-communication.csv");
    }
}
