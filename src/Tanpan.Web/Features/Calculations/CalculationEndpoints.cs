using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Calculations;

public static class CalculationEndpoints
{
    /// <summary>The stateless calculation routes (no login; rate-limited per client).</summary>
    public static RouteGroupBuilder MapCalculations(this RouteGroupBuilder api)
    {
        api.MapPost("/calculations/inventory", RunInventory.Handle)
            .WithName(nameof(RunInventory))
            .WithTags("Calculations")
            .WithSummary("Calculate an ISO 14064-1 inventory (stateless, no login)")
            .Accepts<InventoryRequestDto>("application/json")
            .Produces<InventoryResponse>(StatusCodes.Status200OK)
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        api.MapPost("/calculations/job", RunJobCalculation.Handle)
            .WithName(nameof(RunJobCalculation))
            .WithTags("Calculations")
            .WithSummary("The carbon of one work order: process × input subtotals, shares and intensity (no login)")
            .Accepts<RunJobCalculation.Request>("application/json")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        api.MapPost("/calculations/footprint", RunFootprint.Handle)
            .WithName(nameof(RunFootprint))
            .WithTags("Calculations")
            .WithSummary("Product carbon footprint (ISO 14067) of a product system, with Monte Carlo and PCR checks (no login)")
            .Accepts<RunFootprint.Request>("application/json")
            .Produces<Platform.Contracts.FootprintResponse>(StatusCodes.Status200OK)
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        return api;
    }
}
