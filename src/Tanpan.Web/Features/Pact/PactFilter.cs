using System.Globalization;

namespace Tanpan.Web.Features.Pact;

/// <summary>The v3 ListFootprints filters (and a RequestCreated event's, which are the same): values of one parameter
/// are alternatives (OR), different parameters all apply (AND). An empty value is no filter; a value that matches
/// nothing (an unknown id, a date that does not read) gives an empty list, not an error.</summary>
public sealed record PactFilter(
    IReadOnlyList<string> ProductIds,
    IReadOnlyList<string> CompanyIds,
    IReadOnlyList<string> Geographies,
    IReadOnlyList<string> Classifications,
    IReadOnlyList<string> Statuses,
    string? ValidOn,
    string? ValidAfter,
    string? ValidBefore)
{
    public static readonly PactFilter None = new([], [], [], [], [], null, null, null);

    public static readonly IReadOnlySet<string> Parameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "productId", "companyId", "geography", "classification", "status", "validOn", "validAfter", "validBefore",
    };

    public static PactFilter FromQuery(IQueryCollection query)
    {
        IReadOnlyList<string> All(string name) => query[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        string? One(string name) => All(name) is [var first, ..] ? first : null;
        return new(All("productId"), All("companyId"), All("geography"), All("classification"), All("status"), One("validOn"), One("validAfter"), One("validBefore"));
    }

    public bool IsEmpty => this == None || (ProductIds.Count + CompanyIds.Count + Geographies.Count + Classifications.Count + Statuses.Count == 0 && ValidOn is null && ValidAfter is null && ValidBefore is null);

    public bool Matches(StoredPactFootprint f, PactFootprintStatus status)
    {
        if (ProductIds.Count > 0 && !ProductIds.Any(p => f.ProductIds.Contains(p, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (CompanyIds.Count > 0 && !CompanyIds.Any(c => f.CompanyIds.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        // geography matches the country, region or subdivision; the footprint states its country only.
        if (Geographies.Count > 0 && !Geographies.Any(g => string.Equals(g, f.GeographyCountry, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Classifications.Count > 0 && !Classifications.Any(c => f.ProductClassifications.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Statuses.Count > 0 && !Statuses.Any(s => string.Equals(s, status.ToString(), StringComparison.Ordinal)))
        {
            return false;
        }

        return Within(ValidOn, t => f.ValidityStartUtc <= t && t <= f.ValidityEndUtc)
            && Within(ValidAfter, t => t < f.ValidityStartUtc)
            && Within(ValidBefore, t => t > f.ValidityEndUtc);
    }

    private static bool Within(string? value, Func<DateTime, bool> test) =>
        value is null || (TryTime(value, out var t) && test(t));

    public static bool TryTime(string value, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed);
        utc = ok ? parsed.UtcDateTime : default;
        return ok;
    }
}
