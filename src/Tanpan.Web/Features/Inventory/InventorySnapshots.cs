using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Inventory;

/// <summary>What an inventory shows: the frozen record when it is locked (checked against its hash), otherwise a
/// live calculation of the register and activity data with the company's factors.</summary>
public sealed record InventoryShown(StoredInventory? Snapshot, bool Locked, bool Intact, IReadOnlyList<FieldError> Errors);

public static class InventorySnapshots
{
    public static async Task<InventoryShown> ShowAsync(TanpanDb db, InventoryRecord inventory, FactorResolver resolver, ICompanyFactors companyFactors, CancellationToken ct)
    {
        if (inventory.Status == InventoryStatus.Locked)
        {
            var (record, intact) = ReadLocked(inventory);
            return new InventoryShown(record, true, intact, []);
        }

        var built = await BuildAsync(db, inventory, resolver, companyFactors, ct);
        return built.Succeeded ? new InventoryShown(built.Value, false, true, []) : new InventoryShown(null, false, true, built.Errors);
    }

    /// <summary>The locked record and whether it is intact: it must hash to the stored hash and belong to this row.</summary>
    public static (StoredInventory? Record, bool Intact) ReadLocked(InventoryRecord inventory)
    {
        if (inventory.LockedSchemaVersion == StoredInventory.CurrentVersion
            && CanonicalJson.Verify<StoredInventory>(inventory.LockedRecordJson, inventory.LockedRecordHash, out var record)
            && record is { SchemaVersion: StoredInventory.CurrentVersion, Statements: not null })
        {
            return (record, record.InventoryId == inventory.Id && record.CompanyId == inventory.CompanyId && record.Year == inventory.Year);
        }

        try
        {
            return (inventory.LockedRecordJson is null ? null : CanonicalJson.Deserialize<StoredInventory>(inventory.LockedRecordJson), false);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, false);
        }
    }

    /// <summary>Calculates the inventory now, from the register and the entries as stored.</summary>
    public static async Task<Outcome<StoredInventory>> BuildAsync(TanpanDb db, InventoryRecord inventory, FactorResolver resolver, ICompanyFactors companyFactors, CancellationToken ct, StoredReview? review = null)
    {
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == inventory.CompanyId, ct);
        var sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        var facilityNames = facilities.ToDictionary(f => f.Id, f => f.Name);
        var entries = (await db.Entries.AsNoTracking().Where(e => e.InventoryId == inventory.Id).ToListAsync(ct))
            .OrderBy(e => e.PeriodFrom).ThenBy(e => e.CreatedAtUtc).ToList();

        var errors = new List<FieldError>();
        var lines = new List<InventoryLine>(entries.Count);
        var storedEntries = new List<StoredEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var source = sources.GetValueOrDefault(entry.SourceId);
            var line = source is null ? null : InventoryWorkbook.ToLine(entry.Id.ToString(), source, entry.Quantity, entry.Unit, new ActivityPeriod(entry.PeriodFrom, entry.PeriodTo));
            if (source is null || line is null)
            {
                errors.Add(new($"entries[{storedEntries.Count}]", "the entry's source or unit is not valid any more; delete the entry and enter it again", "inventory.entry.unreadable"));
                continue;
            }

            lines.Add(line);
            storedEntries.Add(new StoredEntry(
                entry.Id, source.Id, source.Description, facilityNames.GetValueOrDefault(source.FacilityId, "?"), source.Category, source.Activity, source.Use, source.Technology, entry.Kind.ToString(),
                Date(entry.PeriodFrom), Date(entry.PeriodTo), entry.Quantity, entry.Unit, entry.PeakKwh, entry.SemiPeakKwh, entry.SaturdaySemiPeakKwh, entry.OffPeakKwh, entry.ContractCapacityKw, entry.Reference));
        }

        var calculator = new InventoryCalculator(new FactorResolver(resolver.Library, await companyFactors.LoadAsync(ct)));
        var outcome = calculator.Calculate(new InventoryRequest(inventory.Year, GwpSet.Ar5, lines, FactorLibrary.DefaultFuelSet));
        if (!outcome.Succeeded)
        {
            // Engine paths name the engine's lines; the page names the entry by its position among the entries.
            errors.AddRange(outcome.Errors);
        }

        if (errors.Count > 0)
        {
            return Outcome<StoredInventory>.Failure(errors);
        }

        var result = outcome.Value;
        var entryById = storedEntries.ToDictionary(e => e.Id.ToString(), e => e);
        var byFacility = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byMonth = new decimal[12];
        foreach (var line in result.Lines.Where(l => !l.ReportedSeparately))
        {
            var facility = entryById[line.Line.Id].Facility;
            byFacility[facility] = byFacility.GetValueOrDefault(facility) + line.KgCo2e;
            var period = line.Line.Period!.Value;
            var inYear = period.InclusiveDaysIn(inventory.Year);
            foreach (var (month, days) in period.InclusiveDaysByMonthIn(inventory.Year))
            {
                // A line's emissions are spread over the months of its period by days.
                byMonth[month - 1] += line.KgCo2e * days / inYear;
            }
        }

        var significance = await db.Significance.AsNoTracking().Where(s => s.InventoryId == inventory.Id).OrderBy(s => s.Category).ToListAsync(ct);
        decimal? baseTotal = null;
        if (inventory.BaseYear is { } baseYear && baseYear != inventory.Year
            && await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Year == baseYear, ct) is { } baseInventory)
        {
            baseTotal = baseInventory.Status == InventoryStatus.Locked
                ? ReadLocked(baseInventory).Record?.Result.TotalKgCo2e
                : (await BuildAsync(db, baseInventory, resolver, companyFactors, ct)) is { Succeeded: true } b ? b.Value.Result.TotalKgCo2e : null;
        }

        var factors = new List<StoredFactor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in result.Lines)
        {
            if (seen.Add(line.Factor.Id))
            {
                factors.Add(StoredFactor.From(line.Factor));
            }
        }

        var stored = new StoredInventoryResult(
            result.ReportingYear, result.GwpSet.Code(), FactorLibrary.DefaultFuelSet, result.TotalKgCo2e, result.ByScope["1"], result.ByScope["2"], result.ByScope["3"],
            result.ByCategory.Select(c => new StoredAmount(c.Key, c.Value)).ToArray(),
            result.ByGas.Select(g => new StoredAmount(g.Key, g.Value)).ToArray(),
            result.ByGasGroup.Select(g => new StoredAmount(g.Key, g.Value)).ToArray(),
            result.SeparatelyReported.Select(g => new StoredAmount(g.Key, g.Value)).ToArray(),
            result.EstimatedKgCo2e, result.EstimatedShare,
            result.Lines.Select(l =>
            {
                var e = entryById[l.Line.Id];
                return new StoredInventoryLine(e.Id, e.Source, e.Facility, l.Line.Category.Code, l.Line.Activity, l.Line.Quantity, l.IncludedQuantity, l.Line.Unit.Code, l.KgCo2e,
                    l.Estimated, l.IncludedDays, l.PeriodDays, l.ReportedSeparately, l.Gases.Select(g => new StoredLineGas(g.Gas, g.Kg, g.Gwp, g.KgCo2e)).ToArray(), l.Factor.Id);
            }).ToArray(),
            factors,
            result.Warnings.Select(w => new StoredInventoryWarning(w.Path, w.Message)).ToArray());

        return Outcome<StoredInventory>.Success(new StoredInventory(
            StoredInventory.CurrentVersion, inventory.Id, inventory.CompanyId, company.Name, company.TaxId, company.Address, inventory.Year, inventory.Boundary.ToString(),
            inventory.BaseYear, baseTotal, facilities.Select(f => new StoredFacility(f.Id, f.Name, f.Address)).ToArray(), storedEntries, stored,
            byFacility.Select(f => new StoredAmount(f.Key, f.Value)).ToArray(), byMonth, inventory.SignificanceThreshold,
            significance.Select(s => new StoredSignificance(s.Category, s.Magnitude, s.LevelOfInfluence, s.RiskOrOpportunity, s.StakeholderConcern, s.Significant, s.Rationale)).ToArray(),
            review ?? new StoredReview(inventory.SubmittedBy, inventory.SubmittedAtUtc, null, null, company.SinglePersonReview, inventory.ReviewComment),
            Statements(storedEntries.Select(e => e.SourceId), sources)));
    }

    /// <summary>The data-quality statements of the sources the entries use, in the order they first appear.</summary>
    public static IReadOnlyList<StoredSourceStatement> Statements(IEnumerable<Guid> sourceIds, IReadOnlyDictionary<Guid, EmissionSource> sources) =>
        [.. sourceIds.Distinct().Where(sources.ContainsKey).Select(id => StoredSourceStatement.Of(sources[id]))];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
