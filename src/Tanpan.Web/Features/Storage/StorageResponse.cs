using System.Globalization;
using Tanpan.Engine.Storage;
using Tanpan.Engine.Tariffs;

namespace Tanpan.Web.Features.Storage;

public sealed record StorageBill(decimal BasicChargeNtd, decimal EnergyChargeNtd, decimal OverContractPenaltyNtd, decimal CustomerChargeNtd, decimal TotalNtd, decimal Kwh, decimal ContractCapacityKw, IReadOnlyList<StorageBillMonth> Months);

public sealed record StorageBillMonth(int Year, int Month, decimal Kwh, decimal BasicChargeNtd, decimal EnergyChargeNtd, decimal OverContractPenaltyNtd, decimal CustomerChargeNtd, decimal TotalNtd, decimal MaxDemandKw);

public sealed record StorageSavingsDto(decimal BasicCharge, decimal EnergyCharge, decimal OverContractPenalty, decimal DemandResponseCredit, decimal Total);

/// <summary><paramref name="Origin"/>: shipped, or operator (a version the platform operator added).</summary>
public sealed record StorageTariffDto(string Id, DateOnly EffectiveFrom, string Voltage, string Structure, string Source, string Verification, string Origin);

public sealed record StorageFactorDto(string Id, decimal Value, string Unit, string Source, string Version, int? Year);

public sealed record StoragePoint(DateTimeOffset T, decimal LoadKw, decimal GridKw, decimal ChargeKw, decimal DischargeKw, decimal SocKwh, string Period);

public sealed record StorageNoteDto(string Code, string Message);

/// <summary>The storage route's answer (DESIGN §5): every figure in NT$ or kWh/kW/kgCO2e at full precision.</summary>
public sealed record StorageResponse(
    decimal PeakBeforeKw, decimal PeakAfterKw, decimal ContractCapacityKw, decimal ContractCapacityBeforeKw, decimal BillBeforeNtd, decimal BillAfterNtd,
    StorageSavingsDto SavingsNtdPerYear, decimal? PaybackYears, decimal NpvNtd, decimal KgCo2eAvoided, decimal KgCo2eAdded, decimal NetKgCo2e,
    decimal ChargedKwh, decimal DischargedKwh, decimal LossesKwh, decimal EquivalentFullCycles, decimal CoveredDays, decimal AnnualisationFactor,
    PeakShavingReport? PeakShaving, DemandResponseReport? DemandResponse, string DemandResponseOption, StorageBill BillBefore, StorageBill BillAfter,
    IReadOnlyList<StorageCashFlowYear> CashFlows, StorageTariffDto Tariff, StorageFactorDto GridFactor, IReadOnlyList<StorageNoteDto> Notes, IReadOnlyList<StoragePoint> Dispatch)
{
    public static StorageResponse From(StorageStudyResult r)
    {
        var d = r.Dispatch;
        var offset = r.Input.Start.Offset;
        var step = TimeSpan.FromMinutes(r.Input.IntervalMinutes);
        var start = new DateTimeOffset(r.LocalStart, TimeSpan.FromHours(8)).ToOffset(offset);
        var points = new StoragePoint[d.GridKw.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new StoragePoint(start + (step * i), r.Input.LoadKw[i], d.GridKw[i], d.ChargeKw[i], d.DischargeKw[i], d.SocKwh[i], PeriodCode(r.Tariffs[i].Period));
        }

        var priceRow = r.Schedule.Rows.Count > 0 ? r.Schedule.Rows[0] : null;
        var f = r.GridFactor;
        return new StorageResponse(
            d.PeakBeforeKw, d.PeakAfterKw, r.RecommendedContractKw, r.Input.ContractCapacityKw, r.BillBefore.TotalNtd, r.BillAfter.TotalNtd,
            new StorageSavingsDto(r.SavingsPerYear.BasicChargeNtd, r.SavingsPerYear.EnergyChargeNtd, r.SavingsPerYear.OverContractPenaltyNtd, r.SavingsPerYear.DemandResponseCreditNtd, r.SavingsPerYear.TotalNtd),
            r.Economics.PaybackYears, r.Economics.NpvNtd, r.Carbon.KgCo2eAvoided, r.Carbon.KgCo2eAdded, r.Carbon.NetKgCo2e,
            d.Totals.ChargedKwh, d.Totals.DischargedKwh, d.Totals.LossesKwh, d.Totals.EquivalentFullCycles, r.CoveredDays, r.AnnualisationFactor,
            d.PeakShaving, d.DemandResponse, r.DemandResponseOption, Bill(r.BillBefore, r.Input.ContractCapacityKw), Bill(r.BillAfter, r.RecommendedContractKw),
            r.Economics.CashFlows,
            new StorageTariffDto(r.Schedule.Id, r.Schedule.EffectiveFrom, r.Schedule.Voltage.ToString(), r.Schedule.Structure.ToString(), priceRow?.Source ?? "", priceRow?.Verification ?? "", r.Schedule.OperatorAdded ? "operator" : "shipped"),
            new StorageFactorDto(f.Id, f.KgCo2ePerUnit, "kgCO2e/" + f.PerUnit.Code, f.Provenance.Source, f.Provenance.Version, f.Year),
            r.Notes.Select(n => new StorageNoteDto(n.Code, n.Message)).ToList(), points);
    }

    public static string PeriodCode(TouPeriod period) => period switch
    {
        TouPeriod.Peak => "peak",
        TouPeriod.SemiPeak => "semi-peak",
        TouPeriod.SaturdaySemiPeak => "saturday-semi-peak",
        _ => "off-peak",
    };

    private static StorageBill Bill(BillResult bill, decimal contractKw) => new(
        bill.BasicChargeNtd, bill.EnergyChargeNtd, bill.OverContractSurchargeNtd, bill.CustomerChargeNtd, bill.TotalNtd, bill.Kwh, contractKw,
        bill.Months.Select(m => new StorageBillMonth(m.Year, m.Month, m.Kwh, m.BasicChargeNtd, m.EnergyChargeNtd, m.OverContractSurchargeNtd, m.CustomerChargeNtd, m.TotalNtd,
            m.Periods.Count == 0 ? 0 : m.Periods.Max(p => p.MaxDemandKw))).ToList());

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
