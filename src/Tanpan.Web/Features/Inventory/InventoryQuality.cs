using Tanpan.Engine.Inventory;

namespace Tanpan.Web.Features.Inventory;

/// <summary>One source's row of MOENV's 表六 (data quality) and 表七 (uncertainty), from its share of the year and
/// the register's statements about how it is measured.</summary>
public sealed record SourceQualityRow(EmissionSource Source, decimal KgCo2e, FactorKind FactorKind, SourceQuality Quality, SourceUncertainty? Uncertainty);

public sealed record InventoryQualityReport(IReadOnlyList<SourceQualityRow> Rows, InventoryQuality Grade, InventoryUncertainty Uncertainty);

public static class InventoryQualityReports
{
    /// <summary>Grades the inventory's sources. A source whose measurement or calibration is not stated is graded as
    /// the worst case (estimated, not calibrated): an unstated claim earns no credit.</summary>
    public static InventoryQualityReport Build(StoredInventory record, IReadOnlyDictionary<Guid, EmissionSource> sources)
    {
        var total = record.Result.TotalKgCo2e;
        var entries = record.Entries.ToDictionary(e => e.Id);
        var factors = record.Result.Factors.ToDictionary(f => f.Id);
        var rows = new List<SourceQualityRow>();
        foreach (var group in record.Result.Lines.Where(l => !l.ReportedSeparately && entries.ContainsKey(l.EntryId)).GroupBy(l => entries[l.EntryId].SourceId))
        {
            if (!sources.TryGetValue(group.Key, out var source))
            {
                continue;
            }

            var kg = group.Sum(l => l.KgCo2e);
            // The lowest-quality factor of the source's lines sets its A3.
            var kind = group.Select(l => factors.TryGetValue(l.FactorId, out var f) ? DataQuality.KindOfFactorSet(f.FactorSet) : FactorKind.International).Max();
            var a1 = (int)(source.Measurement ?? MeasurementKind.Estimated);
            var a2 = (int)(source.Calibration ?? CalibrationKind.None);
            var quality = new SourceQuality(source.Id.ToString(), a1, a2, DataQuality.FactorLevel(kind), total == 0 ? 0 : kg / total);
            var uncertainty = source.ActivityUncertaintyPercent is { } ad && source.FactorUncertaintyPercent is { } ef
                ? new SourceUncertainty(source.Id.ToString(), kg, ad / 100m, ef / 100m)
                : null;
            rows.Add(new SourceQualityRow(source, kg, kind, quality, uncertainty));
        }

        rows.Sort((a, b) => b.KgCo2e.CompareTo(a.KgCo2e));
        return new InventoryQualityReport(rows, DataQuality.Grade(rows.Select(r => r.Quality).ToList()),
            DataQuality.Combine(rows.Where(r => r.Uncertainty is not null).Select(r => r.Uncertainty!).ToList(), total));
    }
}
