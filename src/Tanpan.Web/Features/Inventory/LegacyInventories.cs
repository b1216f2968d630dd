using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.Inventory;

/// <summary>Converts inventories locked before stored records (schema 0: the page's snapshot, an API response inside)
/// to <see cref="StoredInventory"/> v1 and seals it. The frozen numbers are taken from the old snapshot as they were
/// approved; what it lacked (the entries, the company) is read now — a locked inventory's entries cannot have
/// changed since. The v0 shapes are frozen here.</summary>
public sealed class LegacyInventories : IStoredRecordUpgrade
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> UpgradeAsync(TanpanDb db, CancellationToken ct)
    {
        // Start-up runs outside any tenant: every company's rows are converted, so the filter is lifted here.
        var rows = await db.Inventories.IgnoreQueryFilters().Where(i => i.LockedResultJson != null && i.LockedRecordJson == null).ToListAsync(ct);
        foreach (var row in rows)
        {
            var snapshot = JsonSerializer.Deserialize<V0Snapshot>(row.LockedResultJson!, Json);
            if (snapshot?.Result is null)
            {
                continue;
            }

            var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == row.CompanyId, ct);
            var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => f.CompanyId == row.CompanyId).OrderBy(f => f.Name).ToListAsync(ct);
            var sources = await db.Sources.IgnoreQueryFilters().AsNoTracking().Where(s => s.CompanyId == row.CompanyId).ToDictionaryAsync(s => s.Id, ct);
            var entries = (await db.Entries.IgnoreQueryFilters().AsNoTracking().Where(e => e.InventoryId == row.Id).ToListAsync(ct)).OrderBy(e => e.PeriodFrom).ThenBy(e => e.CreatedAtUtc).ToList();
            var significance = await db.Significance.IgnoreQueryFilters().AsNoTracking().Where(s => s.InventoryId == row.Id).OrderBy(s => s.Category).ToListAsync(ct);
            var facilityNames = facilities.ToDictionary(f => f.Id, f => f.Name);
            var r = snapshot.Result;
            string SourceOf(string line) => snapshot.SourceByLine?.GetValueOrDefault(line) ?? line;
            string FacilityOf(string line) => Guid.TryParse(line, out var entryId) && entries.FirstOrDefault(e => e.Id == entryId) is { } e && sources.GetValueOrDefault(e.SourceId) is { } s ? facilityNames.GetValueOrDefault(s.FacilityId, "?") : "?";
            var record = new StoredInventory(
                StoredInventory.CurrentVersion, row.Id, row.CompanyId, company.Name, company.TaxId, company.Address, row.Year, row.Boundary.ToString(), row.BaseYear, null,
                facilities.Select(f => new StoredFacility(f.Id, f.Name, f.Address)).ToArray(),
                entries.Select(e =>
                {
                    var s = sources.GetValueOrDefault(e.SourceId);
                    return new StoredEntry(e.Id, e.SourceId, s?.Description ?? "?", s is null ? "?" : facilityNames.GetValueOrDefault(s.FacilityId, "?"), s?.Category ?? "?", s?.Activity ?? "?", s?.Use, s?.Technology, e.Kind.ToString(),
                        e.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Quantity, e.Unit, e.PeakKwh, e.SemiPeakKwh, e.SaturdaySemiPeakKwh, e.OffPeakKwh, e.ContractCapacityKw, e.Reference);
                }).ToArray(),
                new StoredInventoryResult(
                    r.ReportingYear, r.GwpSet, null, r.TotalKgCo2e, r.ByScope.GetValueOrDefault("1"), r.ByScope.GetValueOrDefault("2"), r.ByScope.GetValueOrDefault("3"),
                    r.ByCategory.Select(c => new StoredAmount(c.Key, c.Value)).ToArray(), r.ByGas.Select(c => new StoredAmount(c.Key, c.Value)).ToArray(),
                    r.ByGasGroup.Select(c => new StoredAmount(c.Key, c.Value)).ToArray(), r.SeparatelyReported.Select(c => new StoredAmount(c.Key, c.Value)).ToArray(),
                    r.EstimatedKgCo2e, r.EstimatedShare,
                    r.Lines.Select(l => new StoredInventoryLine(Guid.TryParse(l.Id, out var g) ? g : Guid.Empty, SourceOf(l.Id), FacilityOf(l.Id), l.Category, l.Activity, l.Quantity, l.IncludedQuantity, l.Unit, l.KgCo2e,
                        l.Estimated, l.IncludedDays, l.PeriodDays, l.ReportedSeparately, l.Gases.Select(x => new StoredLineGas(x.Key, x.Value.Kg, x.Value.Gwp, x.Value.KgCo2e)).ToArray(), l.Factor.Id)).ToArray(),
                    r.Factors.Values.Select(f => new StoredFactor(f.Id, f.Value, f.Unit, f.Source, f.Version, f.FactorSet, f.Year, f.Verification, f.GwpSet, f.GwpApplied,
                        f.HeatValue is { } h ? new StoredFactorHeatValue(h.Value, h.Unit, h.Table, h.Source, h.Overridden) : null,
                        f.Gases.Select(x => new StoredGasFactor(x.Gas, x.KgPerUnit, x.KgPerTj, x.Gwp, x.GwpBasis)).ToArray(), f.Notes)).ToArray(),
                    r.Warnings.Select(w => new StoredInventoryWarning(w.Path, w.Message)).ToArray()),
                (snapshot.ByFacility ?? new Dictionary<string, decimal>()).Select(f => new StoredAmount(f.Key, f.Value)).ToArray(),
                snapshot.ByMonth ?? new decimal[12],
                row.SignificanceThreshold,
                significance.Select(s => new StoredSignificance(s.Category, s.Magnitude, s.LevelOfInfluence, s.RiskOrOpportunity, s.StakeholderConcern, s.Significant, s.Rationale)).ToArray(),
                new StoredReview(row.SubmittedBy, row.SubmittedAtUtc, row.LockedBy, row.LockedAtUtc, false, row.ReviewComment),
                InventorySnapshots.Statements(entries.Select(e => e.SourceId), sources));
            var (json, hash) = CanonicalJson.Seal(record);
            row.LockedRecordJson = json;
            row.LockedRecordHash = hash;
            row.LockedSchemaVersion = StoredInventory.CurrentVersion;
            row.LockedResultJson = null;
        }

        await db.SaveChangesAsync(ct);
        return rows.Count + await FreezeStatementsAsync(db, ct);
    }

    /// <summary>v1 → v2: a v1 record lacks the register's data-quality statements. They are read now, which gives
    /// the statements it was locked with: until v2 a source used by a locked year could not be edited at all. Only
    /// an intact record is converted; an altered one stays v1 and keeps showing as altered.</summary>
    private static async Task<int> FreezeStatementsAsync(TanpanDb db, CancellationToken ct)
    {
        var rows = await db.Inventories.IgnoreQueryFilters().Where(i => i.LockedSchemaVersion == 1 && i.LockedRecordJson != null).ToListAsync(ct);
        var converted = 0;
        foreach (var row in rows)
        {
            if (!CanonicalJson.Verify<StoredInventory>(row.LockedRecordJson, row.LockedRecordHash, out var v1) || v1 is null || v1.SchemaVersion != 1 || v1.InventoryId != row.Id)
            {
                continue;
            }

            var sources = await db.Sources.IgnoreQueryFilters().AsNoTracking().Where(s => s.CompanyId == row.CompanyId).ToDictionaryAsync(s => s.Id, ct);
            var (json, hash) = CanonicalJson.Seal(v1 with { SchemaVersion = StoredInventory.CurrentVersion, Statements = InventorySnapshots.Statements(v1.Entries.Select(e => e.SourceId), sources) });
            row.LockedRecordJson = json;
            row.LockedRecordHash = hash;
            row.LockedSchemaVersion = StoredInventory.CurrentVersion;
            converted++;
        }

        await db.SaveChangesAsync(ct);
        return converted;
    }

    // The schema-0 shapes, as they were written (frozen copies; never change them).
    internal sealed record V0Snapshot(V0Result? Result, IReadOnlyDictionary<string, decimal>? ByFacility, decimal[]? ByMonth, IReadOnlyDictionary<string, string>? SourceByLine);

    internal sealed record V0Result(
        int ReportingYear, string GwpSet, decimal TotalKgCo2e, IReadOnlyDictionary<string, decimal> ByScope, IReadOnlyDictionary<string, decimal> ByCategory,
        IReadOnlyDictionary<string, decimal> ByGas, IReadOnlyDictionary<string, decimal> ByGasGroup, IReadOnlyDictionary<string, decimal> SeparatelyReported,
        decimal EstimatedKgCo2e, decimal EstimatedShare, IReadOnlyList<V0Line> Lines, IReadOnlyDictionary<string, V0Factor> Factors, IReadOnlyList<V0Warning> Warnings);

    internal sealed record V0Line(
        string Id, string Category, int Scope, string Activity, decimal Quantity, decimal IncludedQuantity, string Unit, decimal KgCo2e, bool Estimated,
        int? IncludedDays, int? PeriodDays, bool ReportedSeparately, IReadOnlyDictionary<string, V0Gas> Gases, V0FactorRef Factor);

    internal sealed record V0Gas(decimal Kg, decimal Gwp, decimal KgCo2e);

    internal sealed record V0FactorRef(string Id);

    internal sealed record V0Factor(
        string Id, decimal Value, string Unit, string Source, string Version, string FactorSet, int? Year, string Verification, string? GwpSet, bool GwpApplied,
        V0FactorHeatValue? HeatValue, IReadOnlyList<V0GasFactor> Gases, IReadOnlyList<string> Notes);

    internal sealed record V0FactorHeatValue(decimal Value, string Unit, string Table, string Source, bool Overridden);

    internal sealed record V0GasFactor(string Gas, decimal KgPerUnit, decimal? KgPerTj, decimal Gwp, string GwpBasis);

    internal sealed record V0Warning(string Path, string Message);
}
