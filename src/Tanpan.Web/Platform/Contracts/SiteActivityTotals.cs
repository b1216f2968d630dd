namespace Tanpan.Web.Platform.Contracts;

/// <summary>One emission source's activity data summed over an inventory year, in one unit: what a product's
/// manufacturing energy or water can be allocated from.</summary>
public sealed record SiteActivityTotal(Guid SourceId, string Source, string Facility, string Activity, int Year, decimal Quantity, string Unit, int Entries, bool Locked);

/// <summary>The site inventory's totals per source and year, for features that allocate from it (product footprints)
/// without reading the inventory's tables. Scoped to the request's company.</summary>
public interface ISiteActivityTotals
{
    Task<IReadOnlyList<SiteActivityTotal>> ForYearAsync(int year, CancellationToken ct);

    Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct);
}
