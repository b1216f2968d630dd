namespace Tanpan.Web.Platform.Contracts;

/// <summary>A meter's energy over a time window, measured (no allocation): the quantity, how much of the window the
/// meter's data covered, and the anomalies inside it, with the words that say how it was obtained. <c>Activity</c>:
/// the factor-library activity its quantity is priced with (the source it feeds, else the grid for electricity).</summary>
public sealed record MeteredWindow(
    string MeterCode, string MeterName, string Unit, DateTime FromUtc, DateTime ToUtc, decimal Quantity, decimal CoverageShare, int Readings,
    IReadOnlyList<string> Anomalies, string Method, string? Activity);

/// <summary>One meter's total of one local month, for the source it feeds.</summary>
public sealed record MeterMonthTotal(Guid SourceId, Guid MeterId, string MeterCode, string MeterName, int Year, int Month, decimal Quantity, string Unit, int Anomalies);

/// <summary>What other features read from the meters (work orders: a job's window; the inventory: monthly totals).
/// Scoped to the request's company.</summary>
public interface IMeteredEnergy
{
    /// <summary>Null when the company has no meter with that code.</summary>
    Task<MeteredWindow?> MeasureAsync(string meterCode, DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    Task<IReadOnlyList<MeterMonthTotal>> MonthlyTotalsAsync(int year, CancellationToken ct);

    /// <summary>The physical and manual meters (not virtual) that feed each source, by source.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> FeedingMetersAsync(CancellationToken ct);
}
