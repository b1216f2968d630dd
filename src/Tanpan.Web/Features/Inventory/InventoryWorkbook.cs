using Tanpan.Engine.Activities;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Factors;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Inventory;

/// <summary>What a signed-in company user may do with its inventory.</summary>
public sealed record InventoryPermissions(bool CanEdit, bool CanReview, bool CanUnlock, bool CanSeeAudit)
{
    public static InventoryPermissions For(ClaimsPrincipal user)
    {
        return new(
            PermissionHandler.Holds(user, Permissions.InventoryWrite),
            PermissionHandler.Holds(user, Permissions.InventoryReview),
            PermissionHandler.Holds(user, Permissions.InventoryUnlock),
            PermissionHandler.Holds(user, Permissions.AuditRead));
    }
}

/// <summary>A calculated inventory with the register behind each line, and the breakdowns the results page shows.</summary>
public sealed record InventoryView(
    InventoryResult Result,
    IReadOnlyDictionary<string, EmissionSource> SourceByLine,
    IReadOnlyDictionary<Guid, string> FacilityNames,
    IReadOnlyDictionary<string, decimal> ByFacility,
    decimal[] ByMonth);

/// <summary>Turns the stored register and activity data into engine input, and the result into breakdowns.</summary>
public static class InventoryWorkbook
{
    public static async Task<Outcome<InventoryView>> CalculateAsync(TanpanDb db, InventoryRecord inventory, FactorResolver resolver, CancellationToken ct)
    {
        var sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var facilities = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.InventoryId == inventory.Id).ToListAsync(ct);
        entries = entries.OrderBy(e => e.PeriodFrom).ThenBy(e => e.CreatedAtUtc).ToList();

        var lines = new List<InventoryLine>(entries.Count);
        var sourceByLine = new Dictionary<string, EmissionSource>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var source = sources[entry.SourceId];
            var id = entry.Id.ToString();
            sourceByLine[id] = source;
            lines.Add(ToLine(id, source, entry.Quantity, entry.Unit, new ActivityPeriod(entry.PeriodFrom, entry.PeriodTo)));
        }

        var calculator = new InventoryCalculator(new FactorResolver(resolver.Library, await CompanyFactorSource.LoadAsync(db, ct)));
        var outcome = calculator.Calculate(new InventoryRequest(inventory.Year, GwpSet.Ar5, lines, FactorLibrary.DefaultFuelSet));
        if (!outcome.Succeeded)
        {
            return Outcome<InventoryView>.Failure(outcome.Errors);
        }

        var result = outcome.Value;
        var byFacility = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byMonth = new decimal[12];
        foreach (var line in result.Lines.Where(l => !l.ReportedSeparately))
        {
            var source = sourceByLine[line.Line.Id];
            var facility = facilities.GetValueOrDefault(source.FacilityId, "?");
            byFacility[facility] = byFacility.GetValueOrDefault(facility) + line.KgCo2e;
            var period = line.Line.Period!.Value;
            var inYear = period.InclusiveDaysIn(inventory.Year);
            foreach (var (month, days) in period.InclusiveDaysByMonthIn(inventory.Year))
            {
                // A line's emissions are spread over the months of its period by days.
                byMonth[month - 1] += line.KgCo2e * days / inYear;
            }
        }

        return Outcome<InventoryView>.Success(new InventoryView(result, sourceByLine, facilities, byFacility, byMonth));
    }

    public static InventoryLine ToLine(string id, EmissionSource source, decimal quantity, string unit, ActivityPeriod period) =>
        new(
            id,
            IsoCategory.All.First(c => c.Code == source.Category),
            source.Activity,
            quantity,
            Units.Parse(unit),
            source.Use switch { "mobile" => CombustionUse.Mobile, "stationary" => CombustionUse.Stationary, _ => null },
            source.Technology,
            period);

    /// <summary>Checks one entry against its source with the engine (unit fits, factor exists), before it is stored.</summary>
    public static IReadOnlyList<FieldError> Validate(EmissionSource source, int year, decimal quantity, string unit, ActivityPeriod period, FactorResolver resolver, ICustomFactorSource customFactors)
    {
        var line = ToLine("entry", source, quantity, unit, period);
        var outcome = new InventoryCalculator(new FactorResolver(resolver.Library, customFactors)).Calculate(new InventoryRequest(year, GwpSet.Ar5, [line], FactorLibrary.DefaultFuelSet), InventoryOptions.TotalsOnly);
        return outcome.Errors.Select(e => e with { Path = e.Path.Replace("lines[0].", string.Empty, StringComparison.Ordinal) }).ToArray();
    }

    public static string Tonnes(decimal kg) => (kg / 1000m).ToString("N3", CultureInfo.GetCultureInfo("zh-TW"));
}
