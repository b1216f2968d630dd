namespace Tanpan.Engine.Quantities;

/// <summary>Physical dimension of a unit; conversion is only defined within one dimension.</summary>
public enum Dimension
{
    Energy,
    Volume,
    Mass,
    Count,
    Area,
    Length,
    Time,

    /// <summary>Freight work: mass carried × distance (t·km).</summary>
    FreightWork,

    /// <summary>Passenger travel: people × distance (p·km).</summary>
    PassengerDistance,

    /// <summary>Container freight: twenty-foot equivalent units × distance (TEU·km).</summary>
    ContainerDistance,
}
