using System.Globalization;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Writes a work order's stored record and checks it when it is read.</summary>
public static class WorkOrderRecords
{
    /// <summary>Writes <paramref name="record"/> into the row: the canonical JSON, its hash, and the searchable columns.</summary>
    public static void Write(WorkOrder row, StoredWorkOrder record)
    {
        var (json, hash) = CanonicalJson.Seal(record);
        row.RecordJson = json;
        row.SchemaVersion = record.SchemaVersion;
        row.ContentHash = hash;
        row.CompanyId = record.CompanyId;
        row.OrderNo = record.OrderNo;
        row.WorkOrderNo = record.WorkOrderNo;
        row.Metal = record.Metal;
        row.ProcessedOn = DateOnly.ParseExact(record.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        row.StartTime = record.StartTime is null ? null : TimeOnly.ParseExact(record.StartTime, "HH:mm", CultureInfo.InvariantCulture);
        row.EndTime = record.EndTime is null ? null : TimeOnly.ParseExact(record.EndTime, "HH:mm", CultureInfo.InvariantCulture);
        row.ProductName = record.ProductName;
        row.Quantity = record.Quantity;
        row.QuantityUnit = record.Unit;
        row.MixRatioPercent = record.MixRatioPercent;
        row.AreaCm2 = record.AreaCm2;
        row.ThicknessUm = record.ThicknessUm;
        row.DensityKgPerM3 = record.DensityKgPerM3;
        row.PlatedMassKg = record.PlatedMassKg;
        row.EnergyMethod = record.EnergyMethod;
        row.TotalKgCo2e = record.Result.TotalKgCo2e;
        row.CreatedBy = record.CreatedBy;
        row.CreatedAtUtc = record.CreatedAtUtc;
        row.CalculatedAtUtc = record.CalculatedAtUtc;
        row.InputsJson = null;
        row.ResultJson = null;
    }

    /// <summary>The row's record, and whether it is intact: the JSON must hash to the stored hash, and every column
    /// that lists, searches or sorts must agree with it (to the column's scale), so no edit shows one thing in a
    /// list and another on the certificate.</summary>
    public static (StoredWorkOrder? Record, bool Intact) Read(WorkOrder row)
    {
        if (row.SchemaVersion != StoredWorkOrder.CurrentVersion || !CanonicalJson.Verify<StoredWorkOrder>(row.RecordJson, row.ContentHash, out var record) || record is null)
        {
            return (TryReadLoose(row.RecordJson), false);
        }

        var intact = record.Id == row.Id
            && record.CompanyId == row.CompanyId
            && record.OrderNo == row.OrderNo
            && record.WorkOrderNo == row.WorkOrderNo
            && record.Metal == row.Metal
            && record.Date == row.ProcessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            && record.StartTime == row.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture)
            && record.EndTime == row.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture)
            && record.ProductName == row.ProductName
            && Same(record.Quantity, row.Quantity, 8)
            && record.Unit == row.QuantityUnit
            && Same(record.MixRatioPercent, row.MixRatioPercent, 4)
            && Same(record.AreaCm2, row.AreaCm2, 6)
            && Same(record.ThicknessUm, row.ThicknessUm, 6)
            && Same(record.DensityKgPerM3, row.DensityKgPerM3, 4)
            && Same(record.PlatedMassKg, row.PlatedMassKg, 12)
            && record.EnergyMethod == row.EnergyMethod
            && Same(record.Result.TotalKgCo2e, row.TotalKgCo2e, 12)
            && record.CreatedBy == row.CreatedBy;
        return (record, intact);
    }

    private static StoredWorkOrder? TryReadLoose(string? json)
    {
        try
        {
            return json is null ? null : CanonicalJson.Deserialize<StoredWorkOrder>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Columns keep a fixed scale (PostgreSQL rounds to it); the record keeps every digit.
    private static bool Same(decimal? record, decimal? column, int scale) =>
        record is null ? column is null : column is not null && Math.Round(record.Value, scale, MidpointRounding.AwayFromZero) == Math.Round(column.Value, scale, MidpointRounding.AwayFromZero);
}
