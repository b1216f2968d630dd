namespace Tanpan.Web.Platform.Contracts;

public sealed record SiteFacility(Guid Id, string Name);

public sealed record SiteSource(Guid Id, Guid FacilityId, string Facility, string Description, string Activity, string Category);

/// <summary>The inventory's facilities and emission-source register, for features that attach to them (meters feed a
/// source; a meter belongs to a facility) without reading the inventory's tables. Scoped to the request's company.</summary>
public interface ISiteRegister
{
    Task<IReadOnlyList<SiteFacility>> FacilitiesAsync(CancellationToken ct);

    Task<IReadOnlyList<SiteSource>> SourcesAsync(CancellationToken ct);
}
