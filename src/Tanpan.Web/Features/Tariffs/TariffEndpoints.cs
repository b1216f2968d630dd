using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Tariffs;

public static class TariffEndpoints
{
    /// <summary>The effective library (shipped + operator versions), offered to studies through <see cref="IEffectiveTariffs"/>.</summary>
    public static IServiceCollection AddTariffs(this IServiceCollection services) => services
        .AddSingleton<TariffLibraryCache>()
        .AddScoped<EffectiveTariffs>()
        .AddScoped<IEffectiveTariffs>(sp => sp.GetRequiredService<EffectiveTariffs>());

    /// <summary>Public reference data like the factor library (no login; rate-limited per client like the calculations).</summary>
    public static RouteGroupBuilder MapTariffs(this RouteGroupBuilder api)
    {
        api.MapGet("/tariffs", TariffApi.List).WithName("ListTariffs").WithTags("Tariffs")
            .WithSummary("The Taipower time-of-use schedules studies bill on, each with its versions (shipped or added by the operator) and provenance")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        api.MapGet("/tariffs/{id}", TariffApi.Get).WithName("GetTariff").WithTags("Tariffs")
            .WithSummary("The version of a schedule in force on a date (default today, Asia/Taipei): energy and basic charges by season and period, and the time bands")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        return api;
    }
}
