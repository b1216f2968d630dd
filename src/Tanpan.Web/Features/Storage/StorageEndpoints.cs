using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Storage;

public static class StorageEndpoints
{
    /// <summary>The stateless storage study, beside the other calculation routes (no login; rate-limited per client).</summary>
    public static RouteGroupBuilder MapStorage(this RouteGroupBuilder api)
    {
        api.MapPost("/calculations/storage", RunStorage.Handle)
            .WithName(nameof(RunStorage))
            .WithTags("Calculations")
            .WithSummary("Battery storage on a Taipower tariff: dispatch, bills before/after, savings, payback, NPV and the carbon of the same dispatch (no login)")
            .Accepts<RunStorage.Request>("application/json")
            .Produces<StorageResponse>(StatusCodes.Status200OK)
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        return api;
    }
}
