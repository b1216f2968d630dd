using Tanpan.Engine.Tariffs;

namespace Tanpan.Web.Platform.Contracts;

/// <summary>The Taipower tariffs studies bill on: the shipped versions plus every operator-added version that is not
/// withdrawn and still checks out. Not tenant data; the same for every company.</summary>
public interface IEffectiveTariffs
{
    Task<TariffLibrary> LibraryAsync(CancellationToken ct);
}
