using Tanpan.Web.Platform.Inputs;
using Tanpan.Engine.Activities;
using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Factors;

/// <summary>GET /api/v1/factors: which factor will be used for an activity, and where it came from.</summary>
public static class SearchFactors
{
    public sealed record Item(string Activity, string? Use, string? Technology, FactorResponse Factor);

    public sealed record Response(int Year, string GwpSet, string FactorSet, IReadOnlyList<Item> Items);

    internal static Results<Ok<Response>, ApiError> Handle(FactorResolver resolver, string? activity, string? set, int? year, string? gwpSet)
    {
        var errors = new List<FieldError>();
        var gwp = GwpSet.Ar5;
        if (gwpSet is not null)
        {
            if (GwpSets.TryParse(gwpSet, out var parsed))
            {
                gwp = parsed.Value;
            }
            else
            {
                errors.Add(new("gwpSet", $"'{gwpSet}' is not a GWP set; allowed: {string.Join(", ", GwpSets.Codes)}"));
            }
        }

        var library = resolver.Library;
        var factorSet = set ?? FactorLibrary.DefaultFuelSet;
        if (!library.Sets.Any(s => s.Id.Equals(factorSet, StringComparison.OrdinalIgnoreCase) && s.HeatValueTable is not null))
        {
            errors.Add(new("set", $"'{factorSet}' is not a fuel factor set; allowed: {string.Join(", ", library.Sets.Where(s => s.HeatValueTable is not null).Select(s => s.Id))}"));
        }

        var targetYear = year ?? library.Grid[^1].Year;
        if (!InputLimits.IsYear(targetYear))
        {
            errors.Add(new("year", $"must be a year {InputLimits.YearRange}"));
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        var candidates = new List<(string Activity, CombustionUse? Use, string? Technology)> { (FactorLibrary.GridActivity, null, null) };
        candidates.AddRange(library.Fuels
            .Where(f => f.FactorSet.Equals(factorSet, StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Activity, (CombustionUse?)f.Use, f.Technology)));
        candidates.AddRange(library.ActivityIds
            .Where(a => ActivityId.KindOf(a) is ActivityKind.Refrigerant or ActivityKind.Gas)
            .Select(a => (a, (CombustionUse?)null, (string?)null)));

        var items = new List<Item>();
        foreach (var (act, use, tech) in candidates)
        {
            if (activity is not null && !act.Contains(activity.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var outcome = resolver.Resolve(new FactorQuery(act, gwp, targetYear, use, tech, FactorSet: factorSet));
            if (outcome.Succeeded)
            {
                items.Add(new Item(act, use?.ToString().ToLowerInvariant(), tech, FactorTrace.From(outcome.Value)));
            }
        }

        return TypedResults.Ok(new Response(targetYear, gwp.Code(), factorSet, items));
    }

    public sealed record SetsResponse(
        IReadOnlyList<FactorSetInfo> Sets,
        IReadOnlyList<HeatValueRow> HeatValues,
        IReadOnlyList<GridFactorRow> GridFactors,
        IReadOnlyList<GasResponse> Gases);

    public sealed record GasResponse(string Gas, string Group, IReadOnlyList<string> Aliases, decimal? Ar4, decimal? Ar5, decimal? Ar6, string Verification, string Source);

    /// <summary>GET /api/v1/factors/library: the whole library with provenance (sets, heat values, grid years, GWPs).</summary>
    internal static Ok<SetsResponse> Library(FactorResolver resolver)
    {
        var lib = resolver.Library;
        decimal? Gwp(GasDefinition g, GwpSet s) => lib.Gwp.Lookup(g.Name, s) is { Succeeded: true } o ? o.Value.Value : null;
        return TypedResults.Ok(new SetsResponse(
            lib.Sets,
            lib.HeatValues,
            lib.Grid,
            lib.Gwp.Gases.Select(g => new GasResponse(g.Name, g.Group, g.Aliases, Gwp(g, GwpSet.Ar4), Gwp(g, GwpSet.Ar5), Gwp(g, GwpSet.Ar6), g.Verification, g.Source)).ToArray()));
    }
}
