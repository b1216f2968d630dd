using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Inventory;

public static class InventoryServices
{
    public static IServiceCollection AddInventory(this IServiceCollection services) =>
        // Locked inventories stored before records of their own existed are converted at start-up.
        services.AddScoped<IStoredRecordUpgrade, LegacyInventories>()
            .AddScoped<Platform.Contracts.ISiteActivityTotals, SiteActivityTotalsQuery>()
            .AddScoped<Platform.Contracts.ISiteRegister, SiteRegisterQuery>()
            .AddScoped<Platform.Contracts.IInventoryYearTotals, InventoryYearTotalsQuery>()
            .AddScoped<Platform.Contracts.ITouBills, TouBillsQuery>();
}
