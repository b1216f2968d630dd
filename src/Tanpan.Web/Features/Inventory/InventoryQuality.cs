using Tanpan.Engine.Inventory;

namespace Tanpan.Web.Features.Inventory;

/// <summary>One source's row of MOENV's 表六 (data quality) and 表七 (uncertainty), from its share of the year and
/// what the register stated about it when the record was taken.</summary>
public sealed record SourceQualityRow(
    Guid SourceId, string Description, MeasurementKind? Measurement, CalibrationKind? Calibration,
    decimal KgCo2e, FactorKind FactorKind, SourceQuality Quality, SourceUncertainty? Uncertainty);

public sealed record InventoryQualityReport(IReadOnlyList<SourceQualityRow> Rows, InventoryQuality Grade, InventoryUncertainty Uncertainty);

public static class InventoryQualityReports
{
    /// <summary>Grades the inventory's sources from the record alone: a locked year is graded with the statements
    /// it was approved with. A source whose measurement or calibration is not stated is graded as the worst case
    /// (estimated, not calibrated): an unstated claim earns no credit.</summary>
    public static InventoryQualityReport Build(StoredInventory record)
    {
        var total = record.Result.TotalKgCo2e;
        var entries = record.Entries.ToDictionary(e => e.Id);
        var factors = record.Result.Factors.ToDictionary(f => f.Id);
        var statements = (record.Statements ?? []).ToDictionary(s => s.SourceId);
        var rows = new List<SourceQualityRow>();
        foreach (var group in record.Result.Lines.Where(l => !l.ReportedSeparately && entries.ContainsKey(l.EntryId)).GroupBy(l => entries[l.EntryId].SourceId))
        {
            var statement = statements.GetValueOrDefault(group.Key);
            var measurement = Enum.TryParse<MeasurementKind>(statement?.Measurement, out var m) ? m : (MeasurementKind?)null;
            var calibration = Enum.TryParse<CalibrationKind>(statement?.Calibration, out var c) ? c : (CalibrationKind?)null;
            var kg = group.Sum(l => l.KgCo2e);
            // The lowest-quality factor of the source's lines sets its A3.
            var kind = group.Select(l => factors.TryGetValue(l.FactorId, out var f) ? DataQuality.KindOfFactorSet(f.FactorSet) : FactorKind.International).Max();
            var id = group.Key.ToString();
            var quality = new SourceQuality(id, (int)(measurement ?? MeasurementKind.Estimated), (int)(calibration ?? CalibrationKind.None), DataQuality.FactorLevel(kind), total == 0 ? 0 : kg / total);
            var uncertainty = statement is { ActivityUncertaintyPercent: { } ad, FactorUncertaintyPercent: { } ef }
                ? new SourceUncertainty(id, kg, ad / 100m, ef / 100m)
                : null;
            rows.Add(new SourceQualityRow(group.Key, entries[group.First().EntryId].Source, measurement, calibration, kg, kind, quality, uncertainty));
        }

        rows.Sort((a, b) => b.KgCo2e.CompareTo(a.KgCo2e));
        return new InventoryQualityReport(rows, DataQuality.Grade(rows.Select(r => r.Quality).ToList()),
            DataQuality.Combine(rows.Where(r => r.Uncertainty is not null).Select(r => r.Uncertainty!).ToList(), total));
    }
}
