using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors.Sources;

namespace Tanpan.Engine.Factors;

/// <summary>Resolves (activity, use, technology, year, heat value, GWP set, factor set) to per-gas factors with a
/// trace. The activity's kind picks the one <see cref="IFactorSource"/> that knows it: adding a kind of activity
/// (materials, transport, waste) adds a source, not a branch here. Pure; library factors are memoised per query.</summary>
public sealed class FactorResolver
{
    public const string DefaultMobileGasolineTechnology = FuelFactorSource.DefaultMobileGasolineTechnology;

    // Library factors depend only on the immutable library, so they are memoised per query (bounded).
    private const int MaxCachedQueries = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FactorQuery, Outcome<ResolvedFactor>> _libraryCache;
    private readonly Dictionary<ActivityKind, IFactorSource> _sources;

    public FactorResolver(FactorLibrary library, ICustomFactorSource? customFactors = null)
        : this(library, customFactors, new())
    {
    }

    private FactorResolver(FactorLibrary library, ICustomFactorSource? customFactors, System.Collections.Concurrent.ConcurrentDictionary<FactorQuery, Outcome<ResolvedFactor>> libraryCache)
    {
        _libraryCache = libraryCache;
        Library = library;
        var gases = new GasFactorSource(library);
        var secondary = new SecondaryFactorSource(library);
        _sources = new Dictionary<ActivityKind, IFactorSource>
        {
            [ActivityKind.Grid] = new GridFactorSource(library),
            [ActivityKind.Fuel] = new FuelFactorSource(library),
            [ActivityKind.Refrigerant] = gases,
            [ActivityKind.Gas] = gases,
            [ActivityKind.Custom] = new CustomFactorSource(customFactors),
            [ActivityKind.Material] = secondary,
            [ActivityKind.Transport] = secondary,
            [ActivityKind.Waste] = secondary,
        };
    }

    public FactorLibrary Library { get; }

    /// <summary>This resolver plus a company's own factors. Library factors do not depend on the company, so the two
    /// share their memoised library factors: a company's request resolves them as cheaply as an anonymous one, and
    /// gets the very same factor objects.</summary>
    public FactorResolver WithCustomFactors(ICustomFactorSource customFactors) => new(Library, customFactors, _libraryCache);

    public Outcome<ResolvedFactor> Resolve(in FactorQuery query)
    {
        // Only library queries are ever cached, so a hit needs no parsing first.
        if (query.Custom is null && _libraryCache.TryGetValue(query, out var memoised))
        {
            return memoised;
        }

        if (!ActivityId.TryParse(query.Activity, out var parsed))
        {
            return UnknownActivity(Library, query.Activity.Trim());
        }

        var activity = parsed.Value;
        if (!_sources.TryGetValue(activity.Kind, out var source))
        {
            return Outcome<ResolvedFactor>.Failure("activity", $"'{activity}' is a {activity.Kind.ToString().ToLowerInvariant()} activity; no factor set for that kind is shipped yet");
        }

        // Company and inline factors differ per tenant and request: never shared through the cache.
        if (activity.Kind == ActivityKind.Custom || query.Custom is not null)
        {
            return source.Resolve(query, activity);
        }

        if (_libraryCache.TryGetValue(query, out var cached))
        {
            return cached;
        }

        var outcome = source.Resolve(query, activity);
        if (_libraryCache.Count < MaxCachedQueries)
        {
            _libraryCache.TryAdd(query, outcome);
        }

        return outcome;
    }

    internal static Outcome<ResolvedFactor> UnknownActivity(FactorLibrary library, string activity) =>
        Outcome<ResolvedFactor>.Failure([new FieldError("activity", $"unknown activity '{activity}'; allowed: {FactorLibrary.GridActivity}, {string.Join(", ", library.FuelActivities)}, refrigerant.<R-code>, gas.<formula>, material.<id>, transport.<id>, waste.<id>, custom, custom.<company code>; the factor library lists them all", "activity.unknown", ErrorArgs.Of("value", activity))]);
}

/// <summary>The factors of one kind of activity.</summary>
internal interface IFactorSource
{
    Outcome<ResolvedFactor> Resolve(in FactorQuery query, ActivityId activity);
}
