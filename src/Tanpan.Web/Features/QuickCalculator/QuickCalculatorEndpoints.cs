using Tanpan.Engine.Factors;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.QuickCalculator;

public static class QuickCalculatorEndpoints
{
    public static IServiceCollection AddQuickCalculator(this IServiceCollection services) =>
        services.AddSingleton(sp => new Engine.Quick.QuickCalculator(new Engine.Inventory.InventoryCalculator(sp.GetRequiredService<FactorResolver>())));

    public static RouteGroupBuilder MapQuickCalculator(this RouteGroupBuilder api)
    {
        api.MapPost("/calculations/quick", QuickCalculation.Handle)
            .WithName("RunQuickCalculation")
            .WithTags("Calculations")
            .WithSummary("The SME quick calculator: stationary / mobile / energy-indirect emissions with shares (no login)")
            .Accepts<QuickRequestDto>("application/json")
            .RequireRateLimiting(RateLimitPolicies.Calculations);
        return api;
    }
}
