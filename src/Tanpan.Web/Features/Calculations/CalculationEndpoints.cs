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
        api.MapPost("/calculations/carbon-fee", RunPricing.CarbonFeeAsync)
            .WithName("RunCarbonFee")
            .WithTags("Calculations")
            .WithSummary("Taiwan carbon fee (碳費) of one year's emissions, with the rule and source of every parameter (no login)")
            .Accepts<RunPricing.CarbonFeeRequestDto>("application/json")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        api.MapPost("/calculations/cbam", RunCbam.Handle)
            .WithName(nameof(RunCbam))
            .WithTags("Calculations")
            .WithSummary("EU CBAM certificates and cost of a year's imports, with the 50 t de-minimis (no login)")
            .Accepts<RunCbam.Request>("application/json")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        api.MapPost("/calculations/us-cca", RunPricing.UsCcaAsync)
            .WithName("RunUsCca")
            .WithTags("Calculations")
            .WithSummary("Estimate of the US Clean Competition Act carbon intensity charge (a bill, not law; no login)")
            .Accepts<RunPricing.UsCcaRequestDto>("application/json")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        api.MapPost("/calculations/power-obligation", RunPricing.PowerObligationAsync)
            .WithName("RunPowerObligation")
            .WithTags("Calculations")
            .WithSummary("Large-power-user obligation (用電大戶條款): obligation kW and the cost of each way to meet it (no login)")
            .Accepts<RunPricing.PowerObligationRequestDto>("application/json")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        return api;
    }
}
