using System.Globalization;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>A work order as the API answers it (its public contract), built from the stored record.</summary>
public sealed record WorkOrderResponse(
    Guid Id, string OrderNo, string WorkOrderNo, string? Metal, string Date, string? StartTime, string? EndTime, string? ProductName,
    decimal Quantity, string Unit, decimal MixRatioPercent, decimal? AreaCm2, decimal? ThicknessUm, decimal? DensityKgPerM3, decimal? PlatedMassKg,
    string EnergyMethod, decimal TotalKgCo2e, string ContentHash, DateTime CalculatedAtUtc, string Status, DateTime? CertifiedAtUtc, JobResponse Result,
    string Integrity, CertificateResponse? Certificate)
{
    public const string Intact = "intact";
    public const string Altered = "altered";

    public static WorkOrderResponse From(WorkOrder row, StoredWorkOrder record, bool intact, CertificateResponse? certificate) => new(
        row.Id, record.OrderNo, record.WorkOrderNo, record.Metal, record.Date, record.StartTime, record.EndTime, record.ProductName,
        record.Quantity, record.Unit, record.MixRatioPercent, record.AreaCm2, record.ThicknessUm, record.DensityKgPerM3, record.PlatedMassKg,
        record.EnergyMethod, record.Result.TotalKgCo2e, row.ContentHash, record.CalculatedAtUtc, row.Status, row.CertifiedAtUtc, ToContract(record.Result),
        intact ? Intact : Altered, certificate);

    /// <summary>The job contract's shape of a stored result.</summary>
    public static JobResponse ToContract(StoredJobResult r) => new(
        r.Date,
        r.GwpSet,
        r.TotalKgCo2e,
        r.ByProcess.Select(p => new JobShareResponse(p.Name, p.KgCo2e, p.Share)).ToArray(),
        r.ByActivity.Select(a => new JobActivityResponse(a.Activity, a.Quantity, a.Unit, a.KgCo2e, a.Share)).ToArray(),
        new JobIntensityResponse(r.KgCo2ePerUnit, r.IntensityUnit, r.OutputQuantity),
        r.Lines.Select(l =>
        {
            var f = r.Factor(l.FactorId);
            return new JobLineResponse(l.Process, l.ProcessIndex, l.InputIndex, l.Activity, l.Quantity, l.Unit, l.KgCo2e,
                l.Gases.ToDictionary(g => g.Gas, g => new GasResponse(g.Kg, g.Gwp, g.KgCo2e), StringComparer.Ordinal),
                new FactorRefResponse(f.Id, f.Value, f.Unit, f.Source, f.Version, f.FactorSet, f.Year, f.GwpSet));
        }).ToArray(),
        r.Factors.ToDictionary(f => f.Id, f => new FactorResponse(
            f.Id, f.Value, f.Unit, f.Source, f.Version, f.FactorSet, f.Year, f.Verification, f.GwpSet, f.GwpApplied,
            f.HeatValue is { } h ? new HeatValueResponse(h.Value, h.Unit, h.Table, h.Source, h.Overridden) : null,
            f.Gases.Select(g => new GasFactorResponse(g.Gas, g.KgPerUnit, g.KgPerTj, g.Gwp, g.GwpBasis)).ToArray(),
            f.Notes), StringComparer.Ordinal),
        r.Warnings.Select(w => new WarningResponse(w.Path, w.Message)).ToArray());
}

/// <summary>The certificate of a work order's current result.</summary>
public sealed record CertificateResponse(Guid Id, string Hash, string VerificationUrl, DateTime IssuedAtUtc);

public sealed record WorkOrderSummary(Guid Id, string OrderNo, string WorkOrderNo, string? Metal, string Date, string? ProductName, decimal Quantity, string Unit, decimal TotalKgCo2e, DateTime CalculatedAtUtc, string Status)
{
    public static WorkOrderSummary From(WorkOrder w) => new(w.Id, w.OrderNo, w.WorkOrderNo, w.Metal, w.ProcessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.ProductName, w.Quantity, w.QuantityUnit, w.TotalKgCo2e, w.CalculatedAtUtc, w.Status);
}

public sealed record WorkOrderPage(IReadOnlyList<WorkOrderSummary> Items, int Page, int PageSize, int Total);
