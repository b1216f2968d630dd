using Tanpan.Engine.Activities;
using System.Globalization;
using System.Security.Claims;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Inventory;

/// <summary>What a signed-in company user may do with its inventory.</summary>
public sealed record InventoryPermissions(bool CanEdit, bool CanReview, bool CanUnlock, bool CanSeeAudit)
{
    public static InventoryPermissions For(ClaimsPrincipal user)
    {
        return new(
            PermissionHandler.Holds(user, Permission.InventoryWrite),
            PermissionHandler.Holds(user, Permission.InventoryReview),
            PermissionHandler.Holds(user, Permission.InventoryUnlock),
            PermissionHandler.Holds(user, Permission.AuditRead));
    }
}

/// <summary>Turns the stored register and activity data into engine input.</summary>
public static class InventoryWorkbook
{
    /// <summary>The engine line of an entry; null when the stored category or unit no longer reads (a row edited
    /// behind the application), which callers report instead of failing.</summary>
    public static InventoryLine? ToLine(string id, EmissionSource source, decimal quantity, string unit, ActivityPeriod period) =>
        IsoCategory.TryParse(source.Category, out var category) && Units.TryParse(unit, out var parsed)
            ? new InventoryLine(
                id,
                category,
                source.Activity,
                quantity,
                parsed,
                source.Use switch { "mobile" => CombustionUse.Mobile, "stationary" => CombustionUse.Stationary, _ => null },
                source.Technology,
                period)
            : null;

    /// <summary>Checks entries against their sources with the engine in one run (unit fits, factor exists, ranges),
    /// before any is stored. Errors are returned per entry index with paths relative to the entry
    /// (<c>quantity</c>, <c>unit</c>, <c>period.to</c>).</summary>
    public static Dictionary<int, List<FieldError>> Validate(IReadOnlyList<(EmissionSource Source, decimal Quantity, string Unit, ActivityPeriod Period)> entries, int year, FactorResolver resolver, ICustomFactorSource customFactors)
    {
        var byEntry = new Dictionary<int, List<FieldError>>();
        var lines = new List<InventoryLine>(entries.Count);
        var index = new List<int>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (source, quantity, unit, period) = entries[i];
            if (ToLine(i.ToString(CultureInfo.InvariantCulture), source, quantity, unit, period) is { } line)
            {
                lines.Add(line);
                index.Add(i);
            }
            else
            {
                byEntry[i] = [new FieldError("unit", $"'{unit}' is not a known unit for this source")];
            }
        }

        var outcome = new InventoryCalculator(new FactorResolver(resolver.Library, customFactors)).Calculate(new InventoryRequest(year, GwpSet.Ar5, lines, FactorLibrary.DefaultFuelSet), InventoryOptions.TotalsOnly);
        foreach (var error in outcome.Errors)
        {
            var entry = -1;
            var path = FieldPaths.Reindex(error.Path, "lines", k =>
            {
                entry = index[k];
                return "#";
            });
            if (entry < 0)
            {
                // A whole-request error (e.g. the result out of range): charge it to every entry.
                foreach (var i in index)
                {
                    (byEntry.TryGetValue(i, out var list) ? list : byEntry[i] = []).Add(error with { Path = "quantity" });
                }

                continue;
            }

            (byEntry.TryGetValue(entry, out var errors) ? errors : byEntry[entry] = []).Add(error with { Path = path.TrimStart('#', '.') });
        }

        return byEntry;
    }

    public static string Tonnes(decimal kg) => Units.TonnesFromKg(kg).ToString("N3", CultureInfo.GetCultureInfo("zh-TW"));
}
