using Tanpan.Web.Platform.Factors;

namespace Tanpan.Web.Features.Factors;

public static class FactorEndpoints
{
    /// <summary>The company's own factors, offered to calculating features through <see cref="ICompanyFactors"/>.</summary>
    public static IServiceCollection AddFactors(this IServiceCollection services) =>
        services.AddScoped<ICompanyFactors, CompanyFactors>();

    public static RouteGroupBuilder MapFactors(this RouteGroupBuilder api)
    {
        api.MapGet("/factors", SearchFactors.Handle).WithName(nameof(SearchFactors)).WithTags("Factors")
            .WithSummary("Which factor will be used for an activity, with its source, version and year");
        api.MapGet("/factors/library", SearchFactors.Library).WithName("GetFactorLibrary").WithTags("Factors")
            .WithSummary("The shipped factor library with provenance");
        return api.MapCustomFactors();
    }

    /// <summary>The factor lookup was once a static /factors.html; its links keep working.</summary>
    public static IEndpointRouteBuilder MapFormerFactorPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/factors.html", (HttpContext http) => Results.Redirect("/factors" + http.Request.QueryString, permanent: true)).ExcludeFromDescription();
        return app;
    }
}
