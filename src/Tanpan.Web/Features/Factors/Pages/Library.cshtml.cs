using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Factors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Factors.Pages;

/// <summary>The public factor lookup inside the app: search the shipped library by Chinese or English name or by
/// code (柴油, diesel, fuel.diesel, 鋼板, truck), see each factor for a year with its source, version and
/// verification level. Combustion factors are shown for both uses where the library has them.</summary>
public sealed class LibraryModel(FactorResolver resolver, TimeProvider clock) : PageModel
{
    public const int MaxResults = 60;

    public sealed record Row(string Activity, string? Use, ResolvedFactor? Factor, string? Error);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    public int ShownYear { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Matches { get; private set; }

    public void OnGet()
    {
        ShownYear = InputLimits.IsYear(Year) ? Year!.Value : clock.GetUtcNow().Year - 1;
        var q = Query?.Trim();
        var library = resolver.Library;
        // Bare gases stand behind refrigerants, and the inline "custom" form needs a factor in the request: neither is looked up.
        var activities = library.ActivityIds.Where(a => ActivityId.TryParse(a, out var id) && id.Value is { IsInlineCustom: false, Kind: not ActivityKind.Gas }).ToList();
        var matches = string.IsNullOrEmpty(q)
            ? activities.Where(a => ActivityId.KindOf(a) is ActivityKind.Grid or ActivityKind.Fuel).ToList()
            : activities.Where(a => IsMatch(a, q)).ToList();
        Matches = matches.Count;
        var rows = new List<Row>();
        foreach (var activity in matches.Take(MaxResults))
        {
            IEnumerable<CombustionUse?> uses = ActivityId.KindOf(activity) == ActivityKind.Fuel
                ? library.Fuels.Where(f => f.Activity == activity && f.FactorSet == FactorLibrary.DefaultFuelSet).Select(f => (CombustionUse?)f.Use).Distinct().ToList()
                : [null];
            foreach (var use in uses)
            {
                var outcome = resolver.Resolve(new FactorQuery(activity, GwpSet.Ar5, ShownYear, use, null));
                rows.Add(new Row(activity, use?.ToString().ToLowerInvariant(), outcome.Succeeded ? outcome.Value : null, outcome.Succeeded ? null : outcome.Errors[0].Message));
            }
        }

        Rows = rows;
    }

    private static bool IsMatch(string activity, string q)
    {
        if (activity.Contains(q, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var name = Names.Find(Names.Activity, activity);
        return name is { } n && (n.Zh.Contains(q, StringComparison.Ordinal) || n.En.Contains(q, StringComparison.OrdinalIgnoreCase)
            || CultureInfo.InvariantCulture.CompareInfo.IndexOf(n.En, q, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0);
    }
}
