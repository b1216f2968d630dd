namespace Tanpan.Engine.Activities;

/// <summary>Which ISO 14064-1 categories an activity kind can be reported in. A source registered as 2.1 外購電力
/// with diesel, or a refrigerant as commuting, would put real emissions in the wrong scope, so the register refuses
/// it; a company's own factor (<c>custom</c>) can stand for anything and fits every category.</summary>
public static class CategoryFit
{
    private static readonly IsoCategory[] Direct = [IsoCategory.StationaryCombustion, IsoCategory.MobileCombustion];

    private static readonly IsoCategory[] Released = [IsoCategory.IndustrialProcesses, IsoCategory.FugitiveEmissions];

    // Electricity bought for the site (2.1) or embodied in goods bought (4.1, e.g. a supplier's metered share).
    private static readonly IsoCategory[] Electricity = [IsoCategory.PurchasedElectricity, IsoCategory.PurchasedGoods];

    private static readonly IsoCategory[] Transport =
        [IsoCategory.UpstreamTransport, IsoCategory.DownstreamTransport, IsoCategory.EmployeeCommuting, IsoCategory.ClientAndVisitorTransport, IsoCategory.BusinessTravel];

    private static readonly IsoCategory[] Materials = [IsoCategory.PurchasedGoods, IsoCategory.CapitalGoods];

    private static readonly IsoCategory[] Waste = [IsoCategory.WasteDisposal, IsoCategory.EndOfLifeOfSoldProducts];

    /// <summary>The categories <paramref name="kind"/> may be reported in.</summary>
    public static IReadOnlyList<IsoCategory> AllowedFor(ActivityKind kind) => kind switch
    {
        ActivityKind.Grid => Electricity,
        ActivityKind.Fuel => Direct,
        ActivityKind.Refrigerant or ActivityKind.Gas => Released,
        ActivityKind.Transport => Transport,
        ActivityKind.Material => Materials,
        ActivityKind.Waste => Waste,
        _ => IsoCategory.All,
    };

    public static bool Fits(ActivityKind kind, IsoCategory category) => AllowedFor(kind).Contains(category);
}
