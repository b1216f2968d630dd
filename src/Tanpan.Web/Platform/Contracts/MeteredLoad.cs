namespace Tanpan.Web.Platform.Contracts;

/// <summary>An electricity meter's average demand per interval (kW = the interval's kWh ÷ its hours), from its
/// 15-minute or hourly roll-ups. Intervals without data are 0 kW and counted in <see cref="MissingIntervals"/>.</summary>
public sealed record MeteredLoadProfile(string MeterCode, string MeterName, DateTime FromUtc, int IntervalMinutes, IReadOnlyList<decimal> LoadKw, int MissingIntervals);

public sealed record ElectricityMeter(string Code, string Name);

/// <summary>Load profiles from the meters, for storage and tariff studies. Scoped to the request's company.</summary>
public interface IMeteredLoad
{
    /// <summary>The company's electricity meters whose unit is an energy (kWh, MWh …), main meters first.</summary>
    Task<IReadOnlyList<ElectricityMeter>> ElectricityMetersAsync(CancellationToken ct);

    /// <summary>Null when the company has no electricity meter with that code.</summary>
    Task<MeteredLoadProfile?> LoadProfileAsync(string meterCode, DateTime fromUtc, DateTime toUtc, int intervalMinutes, CancellationToken ct);
}
