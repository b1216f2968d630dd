using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Inventory;

namespace Tanpan.Web.Features.Inventory;

/// <summary>A source's share of the year, with the register id its trace is filtered by.</summary>
public sealed record TopSource(Guid SourceId, string Source, string Category, string Activity, decimal KgCo2e, decimal Share);

/// <summary>Something missing from the year's data: a grid source's months without a bill, a source without any
/// entry, a significant category without a source. <see cref="Done"/> items are listed as checked.</summary>
public sealed record CompletenessItem(bool Done, string Zh, string En);

/// <summary>What the dashboard shows for one inventory year, computed from its shown record (locked or live).</summary>
public sealed record DashboardYear(
    int Year, StoredInventory Record, IReadOnlyList<decimal[]> MonthlyByScope, IReadOnlyList<TopSource> TopSources, IReadOnlyList<CompletenessItem> Completeness);

public static class InventoryDashboard
{
    public const int TopSourceCount = 10;

    /// <summary>Monthly kgCO2e per scope (index 0 = scope 1): each line spread over its period's days in the year,
    /// as the inventory's own monthly total is.</summary>
    public static IReadOnlyList<decimal[]> MonthlyByScope(StoredInventory record)
    {
        var months = new[] { new decimal[12], new decimal[12], new decimal[12] };
        var entries = record.Entries.ToDictionary(e => e.Id);
        foreach (var line in record.Result.Lines.Where(l => !l.ReportedSeparately))
        {
            if (!entries.TryGetValue(line.EntryId, out var entry) || IsoCategory.Find(line.Category) is not { } category)
            {
                continue;
            }

            var period = new ActivityPeriod(DateOnly.ParseExact(entry.From, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(entry.To, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            var inYear = period.InclusiveDaysIn(record.Year);
            if (inYear == 0)
            {
                continue;
            }

            foreach (var (month, days) in period.InclusiveDaysByMonthIn(record.Year))
            {
                months[category.Scope - 1][month - 1] += line.KgCo2e * days / inYear;
            }
        }

        return months;
    }

    public static IReadOnlyList<TopSource> TopSources(StoredInventory record)
    {
        var total = record.Result.TotalKgCo2e;
        var entries = record.Entries.ToDictionary(e => e.Id);
        return record.Result.Lines.Where(l => !l.ReportedSeparately && entries.ContainsKey(l.EntryId))
            .GroupBy(l => entries[l.EntryId].SourceId)
            .Select(g => new TopSource(g.Key, g.First().Source, g.First().Category, g.First().Activity, g.Sum(l => l.KgCo2e), total == 0 ? 0 : g.Sum(l => l.KgCo2e) / total))
            .OrderByDescending(s => s.KgCo2e).Take(TopSourceCount).ToList();
    }

    /// <summary>The year's gaps: for every purchased-electricity source the months no bill covers, every registered
    /// source without an entry, every category assessed significant that has no source.</summary>
    public static IReadOnlyList<CompletenessItem> Completeness(StoredInventory record, IReadOnlyList<EmissionSource> sources)
    {
        var items = new List<CompletenessItem>();
        var bySource = record.Entries.GroupBy(e => e.SourceId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var source in sources.Where(s => ActivityId.KindOf(s.Activity) == ActivityKind.Grid))
        {
            var covered = new bool[12];
            foreach (var entry in bySource.GetValueOrDefault(source.Id) ?? [])
            {
                var period = new ActivityPeriod(DateOnly.ParseExact(entry.From, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(entry.To, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                foreach (var (month, days) in period.InclusiveDaysByMonthIn(record.Year))
                {
                    covered[month - 1] |= days > 0;
                }
            }

            var missing = Enumerable.Range(1, 12).Where(m => !covered[m - 1]).ToList();
            items.Add(missing.Count == 0
                ? new CompletenessItem(true, $"{source.Description}：12 個月都有電費單", $"{source.Description}: a bill for every month")
                : new CompletenessItem(false, $"{source.Description}：{string.Join("、", missing.Select(m => m + " 月"))}沒有電費單", $"{source.Description}: no bill for {string.Join(", ", missing.Select(m => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m)))}"));
        }

        var empty = sources.Where(s => !bySource.ContainsKey(s.Id)).ToList();
        items.Add(empty.Count == 0
            ? new CompletenessItem(true, "每個排放源都有活動數據", "every source has activity data")
            : new CompletenessItem(false, $"沒有活動數據的排放源：{string.Join("、", empty.Select(s => s.Description))}", $"sources without activity data: {string.Join(", ", empty.Select(s => s.Description))}"));

        var registered = sources.Select(s => s.Category).ToHashSet(StringComparer.Ordinal);
        foreach (var significant in record.Significance.Where(s => s.Significant))
        {
            var category = IsoCategory.Find(significant.Category);
            var name = $"{significant.Category} {category?.NameZh}";
            var nameEn = $"{significant.Category} {category?.NameEn}";
            items.Add(registered.Contains(significant.Category)
                ? new CompletenessItem(true, $"重大類別 {name} 已量化", $"significant category {nameEn} is quantified")
                : new CompletenessItem(false, $"重大類別 {name} 尚無排放源，須量化", $"significant category {nameEn} has no source yet: quantify it"));
        }

        return items;
    }
}
