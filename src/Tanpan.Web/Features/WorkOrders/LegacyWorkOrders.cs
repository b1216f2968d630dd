using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Converts work orders stored before records of their own (schema 0: the inputs as received and the
/// API response as the result) to <see cref="StoredWorkOrder"/> v1, and gives each certified one a certificate
/// record that still accepts the code printed on it. The v0 shapes are frozen here, so later changes to the API
/// contract cannot break the conversion.</summary>
public sealed class LegacyWorkOrders : IStoredRecordUpgrade
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> UpgradeAsync(TanpanDb db, CancellationToken ct)
    {
        // Start-up runs outside any tenant: every company's rows are converted, so the filter is lifted here.
        var rows = await db.WorkOrders.IgnoreQueryFilters().Where(w => w.SchemaVersion == 0).ToListAsync(ct);
        foreach (var row in rows)
        {
            var inputs = row.InputsJson is null ? null : JsonSerializer.Deserialize<V0Inputs>(row.InputsJson, Json);
            var result = row.ResultJson is null ? null : JsonSerializer.Deserialize<V0Result>(row.ResultJson, Json);
            if (result is null)
            {
                continue;
            }

            var legacyHash = row.ContentHash;
            var record = Convert(row, inputs, result);
            WorkOrderRecords.Write(row, record);
            if (row.CertifiedAtUtc is { } certifiedAt)
            {
                var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == row.CompanyId, ct);
                var settings = await db.CertificateSettings.AsNoTracking().FirstOrDefaultAsync(ct);
                var certificate = new StoredCertificate(
                    StoredCertificate.CurrentVersion, row.Id, company.Name, company.TaxId, record, row.ContentHash, settings?.AssociationName,
                    settings?.Disclaimer ?? CertifyWorkOrder.DefaultDisclaimer, null, "legacy", certifiedAt);
                var (json, hash) = CanonicalJson.Seal(certificate);
                // The certificate keeps the order's id, so the link printed on it (/verify/{order id}?hash=…) still resolves.
                db.Certificates.Add(new WorkOrderCertificate { Id = row.Id, CompanyId = row.CompanyId, WorkOrderId = row.Id, SchemaVersion = certificate.SchemaVersion, RecordJson = json, Hash = hash, LegacyHash = legacyHash, IssuedAtUtc = certifiedAt });
                row.CurrentCertificateId = row.Id;
            }
        }

        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    internal static StoredWorkOrder Convert(WorkOrder row, V0Inputs? inputs, V0Result r)
    {
        var allocation = inputs?.Allocation is { } a
            ? new StoredAllocation(StoredAllocation.ByKeyMethod, null, a.Key, a.JobValue, a.TotalValue)
            : row.MixRatioPercent != 100m ? new StoredAllocation(StoredAllocation.BatchShareMethod, row.MixRatioPercent, null, null, null) : new StoredAllocation(StoredAllocation.DirectMethod, null, null, null, null);
        var processes = (inputs?.Processes ?? []).Select(p => new StoredProcess(p?.Name ?? string.Empty, (p?.Inputs ?? []).Where(i => i is not null).Select(i => new StoredInput(
            i!.Activity ?? string.Empty, i.Quantity ?? 0m, i.Unit ?? string.Empty, i.Use, i.Technology, i.HeatValue is { Value: { } v } h ? new StoredHeatValue(v, h.Unit ?? string.Empty) : null)).ToArray())).ToArray();
        decimal Entered(V0Line line) =>
            line.ProcessIndex < processes.Length && line.InputIndex < processes[line.ProcessIndex].Inputs.Count ? processes[line.ProcessIndex].Inputs[line.InputIndex].Quantity : line.Quantity;
        var result = new StoredJobResult(
            r.Date, r.GwpSet, r.TotalKgCo2e,
            r.ByProcess.Select(p => new StoredShare(p.Name, p.KgCo2e, p.Share)).ToArray(),
            r.ByActivity.Select(x => new StoredActivityTotal(x.Activity, x.Quantity, x.Unit, x.KgCo2e, x.Share)).ToArray(),
            r.Intensity.KgCo2ePerUnit, r.Intensity.Unit, r.Intensity.OutputQuantity,
            r.Lines.Select(l => new StoredJobLine(l.Process, l.ProcessIndex, l.InputIndex, l.Activity, Entered(l), l.Quantity, l.Unit, l.KgCo2e,
                l.Gases.Select(g => new StoredGas(g.Key, g.Value.Kg, g.Value.Gwp, g.Value.KgCo2e)).ToArray(), l.Factor.Id)).ToArray(),
            r.Factors.Values.Select(f => new StoredFactor(f.Id, f.Value, f.Unit, f.Source, f.Version, f.FactorSet, f.Year, f.Verification, f.GwpSet, f.GwpApplied,
                f.HeatValue is { } h ? new StoredFactorHeatValue(h.Value, h.Unit, h.Table, h.Source, h.Overridden) : null,
                f.Gases.Select(g => new StoredGasFactor(g.Gas, g.KgPerUnit, g.KgPerTj, g.Gwp, g.GwpBasis)).ToArray(), f.Notes)).ToArray(),
            r.Warnings.Select(w => new StoredWarning(w.Path, w.Message)).ToArray());
        return new StoredWorkOrder(
            StoredWorkOrder.CurrentVersion, row.Id, row.CompanyId, row.OrderNo, row.WorkOrderNo, row.Metal,
            row.ProcessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture), row.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
            row.ProductName, row.Quantity, row.QuantityUnit, row.AreaCm2, row.ThicknessUm, row.DensityKgPerM3, row.PlatedMassKg,
            allocation, row.EnergyMethod, r.GwpSet, processes, result, row.CreatedBy, row.CreatedAtUtc, row.CalculatedAtUtc);
    }

    // The schema-0 shapes, as they were written (frozen copies; never change them).
    internal sealed record V0Inputs(IReadOnlyList<V0Process?>? Processes, V0Allocation? Allocation);

    internal sealed record V0Process(string? Name, IReadOnlyList<V0Input?>? Inputs);

    internal sealed record V0Input(string? Activity, decimal? Quantity, string? Unit, string? Use, string? Technology, V0HeatValue? HeatValue);

    internal sealed record V0HeatValue(decimal? Value, string? Unit);

    internal sealed record V0Allocation(string? Key, decimal? JobValue, decimal? TotalValue);

    internal sealed record V0Result(
        string Date, string GwpSet, decimal TotalKgCo2e, IReadOnlyList<V0Share> ByProcess, IReadOnlyList<V0Activity> ByActivity, V0Intensity Intensity,
        IReadOnlyList<V0Line> Lines, IReadOnlyDictionary<string, V0Factor> Factors, IReadOnlyList<V0Warning> Warnings);

    internal sealed record V0Share(string Name, decimal KgCo2e, decimal Share);

    internal sealed record V0Activity(string Activity, decimal Quantity, string Unit, decimal KgCo2e, decimal Share);

    internal sealed record V0Intensity(decimal KgCo2ePerUnit, string Unit, decimal OutputQuantity);

    internal sealed record V0Line(string Process, int ProcessIndex, int InputIndex, string Activity, decimal Quantity, string Unit, decimal KgCo2e, IReadOnlyDictionary<string, V0Gas> Gases, V0FactorRef Factor);

    internal sealed record V0Gas(decimal Kg, decimal Gwp, decimal KgCo2e);

    internal sealed record V0FactorRef(string Id);

    internal sealed record V0Factor(
        string Id, decimal Value, string Unit, string Source, string Version, string FactorSet, int? Year, string Verification, string? GwpSet, bool GwpApplied,
        V0FactorHeatValue? HeatValue, IReadOnlyList<V0GasFactor> Gases, IReadOnlyList<string> Notes);

    internal sealed record V0FactorHeatValue(decimal Value, string Unit, string Table, string Source, bool Overridden);

    internal sealed record V0GasFactor(string Gas, decimal KgPerUnit, decimal? KgPerTj, decimal Gwp, string GwpBasis);

    internal sealed record V0Warning(string Path, string Message);
}
