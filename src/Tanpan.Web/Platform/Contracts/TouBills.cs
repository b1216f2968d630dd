namespace Tanpan.Web.Platform.Contracts;

/// <summary>One Taipower bill as entered in the inventory: its period, time-of-use kWh and contract capacity.</summary>
public sealed record TouBill(Guid SourceId, string Source, string Facility, DateOnly From, DateOnly To, decimal PeakKwh, decimal SemiPeakKwh, decimal SaturdaySemiPeakKwh, decimal OffPeakKwh, decimal? ContractCapacityKw);

/// <summary>The company's Taipower bills, for load profiles where no meter data exist (storage and tariff studies).
/// Scoped to the request's company.</summary>
public interface ITouBills
{
    /// <summary>The bills whose period overlaps [from, to], oldest first.</summary>
    Task<IReadOnlyList<TouBill>> BillsAsync(DateOnly from, DateOnly to, CancellationToken ct);
}
