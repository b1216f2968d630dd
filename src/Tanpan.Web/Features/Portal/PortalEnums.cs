namespace Tanpan.Web.Features.Portal;

// The portal's codes; every member has a zh-TW and an English name in data/names/names.csv (kind = enum name).

/// <summary>The industry a reduction case comes from.</summary>
public enum IndustrySector
{
    Machinery,
    MetalProducts,
    SurfaceTreatment,
    Electronics,
    Plastics,
    Textiles,
    Food,
    Chemicals,
    Other,
}

/// <summary>What a low-carbon technology vendor offers.</summary>
public enum VendorCategory
{
    AirCompressor,
    Lighting,
    HeatPump,
    EnergyManagement,
    Monitoring,
    Solar,
    Storage,
    BoilerFuelSwitch,
    Consulting,
}

public enum BudgetRange
{
    Under500k,
    From500kTo2m,
    From2mTo10m,
    Over10m,
    Undecided,
}

/// <summary>A matchmaking request's way through the operator: new → in progress → matched or closed.</summary>
public enum MatchmakingStatus
{
    New,
    InProgress,
    Matched,
    Closed,
}

public enum ConsultationTopic
{
    Inventory,
    ProductFootprint,
    Cbam,
    Reduction,
    Subsidy,
    Other,
}

public enum ConsultationStatus
{
    New,
    InProgress,
    Answered,
    Closed,
}

public enum ContactMethod
{
    Phone,
    Email,
    Visit,
    Online,
}

public enum PortalNoticeKind
{
    Subsidy,
    Training,
}
