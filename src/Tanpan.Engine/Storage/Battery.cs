using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Storage;

/// <summary>How state of health falls with use and age: SOH points (fractions, e.g. 0.0001 = 0.01 %) lost per
/// equivalent full cycle and per year. Linear on purpose: no source here gives a curve for the cells in use.</summary>
public sealed record BatteryDegradation(decimal SohLossPerEquivalentFullCycle, decimal SohLossPerYear)
{
    public IReadOnlyList<FieldError> Validate(string path)
    {
        var errors = new List<FieldError>();
        if (SohLossPerEquivalentFullCycle is < 0 or >= 1)
        {
            errors.Add(new($"{path}.sohLossPerEquivalentFullCycle", "must be from 0 up to (not including) 1 (fraction of SOH per cycle)", "storage.range"));
        }

        if (SohLossPerYear is < 0 or >= 1)
        {
            errors.Add(new($"{path}.sohLossPerYear", "must be from 0 up to (not including) 1 (fraction of SOH per year)", "storage.range"));
        }

        return errors;
    }
}

/// <summary>A battery energy storage system. <see cref="EnergyKwh"/> is the nameplate (new) capacity;
/// <see cref="StateOfHealth"/> the fraction of it still there; <see cref="DepthOfDischarge"/> the fraction of the
/// healthy capacity that may be used. Power is measured at the grid side for both charging and discharging.
/// Round-trip losses are split evenly: √RTE on the way in and √RTE on the way out, so 1 kWh from the grid stores
/// √RTE kWh and 1 kWh stored delivers √RTE kWh.</summary>
public sealed record Battery
{
    private Battery(decimal powerKw, decimal energyKwh, decimal roundTripEfficiency, decimal depthOfDischarge, decimal stateOfHealth, decimal costNtd, BatteryDegradation? degradation)
    {
        PowerKw = powerKw;
        EnergyKwh = energyKwh;
        RoundTripEfficiency = roundTripEfficiency;
        DepthOfDischarge = depthOfDischarge;
        StateOfHealth = stateOfHealth;
        CostNtd = costNtd;
        Degradation = degradation;
        OneWayEfficiency = SquareRoot(roundTripEfficiency);
    }

    /// <summary>Second-life (汰役) packs: the seed article (shared/seeds/004) puts retired EV batteries reused for storage at
    /// SOH 50–80 %; 0.7 is the middle of that band, used when the buyer has no test report.</summary>
    public const decimal SecondLifeDefaultStateOfHealth = 0.7m;

    public const decimal SecondLifeMinStateOfHealth = 0.5m;

    public const decimal SecondLifeMaxStateOfHealth = 0.8m;

    public decimal PowerKw { get; }

    public decimal EnergyKwh { get; }

    public decimal RoundTripEfficiency { get; }

    public decimal DepthOfDischarge { get; }

    public decimal StateOfHealth { get; }

    public decimal CostNtd { get; }

    public BatteryDegradation? Degradation { get; }

    /// <summary>√RTE: the efficiency of each direction.</summary>
    public decimal OneWayEfficiency { get; }

    /// <summary>Top of the state-of-charge window: the healthy capacity, E × SOH (kWh stored).</summary>
    public decimal MaxSocKwh => EnergyKwh * StateOfHealth;

    /// <summary>Bottom of the window: (1 − DoD) × E × SOH.</summary>
    public decimal MinSocKwh => (1 - DepthOfDischarge) * EnergyKwh * StateOfHealth;

    /// <summary>Usable stored energy: E × SOH × DoD (what leaves the cells; the grid sees √RTE of it).</summary>
    public decimal UsableEnergyKwh => EnergyKwh * StateOfHealth * DepthOfDischarge;

    /// <summary>Validates the fields; error paths are <paramref name="path"/> + <c>.powerKw</c> and so on.</summary>
    /// <param name="powerKw">Rated power, &gt; 0.</param>
    /// <param name="energyKwh">Nameplate energy, &gt; 0.</param>
    /// <param name="roundTripEfficiency">In (0, 1].</param>
    /// <param name="depthOfDischarge">In (0, 1].</param>
    /// <param name="stateOfHealth">In (0, 1].</param>
    /// <param name="costNtd">Installed cost, ≥ 0.</param>
    /// <param name="degradation">Optional SOH loss model.</param>
    /// <param name="path">Field path of the battery object in the request.</param>
    public static Outcome<Battery> Create(
        decimal powerKw,
        decimal energyKwh,
        decimal roundTripEfficiency,
        decimal depthOfDischarge,
        decimal stateOfHealth,
        decimal costNtd,
        BatteryDegradation? degradation = null,
        string path = "battery")
    {
        var errors = new List<FieldError>();
        if (powerKw <= 0)
        {
            errors.Add(new($"{path}.powerKw", "must be greater than 0 (kW)", "storage.positive"));
        }

        if (energyKwh <= 0)
        {
            errors.Add(new($"{path}.energyKwh", "must be greater than 0 (kWh)", "storage.positive"));
        }

        AddFraction(errors, $"{path}.roundTripEfficiency", roundTripEfficiency);
        AddFraction(errors, $"{path}.depthOfDischarge", depthOfDischarge);
        AddFraction(errors, $"{path}.stateOfHealth", stateOfHealth);
        if (costNtd < 0)
        {
            errors.Add(new($"{path}.costNtd", "must be zero or greater (NT$)", "storage.nonNegative"));
        }

        if (degradation is not null)
        {
            errors.AddRange(degradation.Validate($"{path}.degradation"));
        }

        return errors.Count > 0
            ? Outcome<Battery>.Failure(errors)
            : Outcome<Battery>.Success(new(powerKw, energyKwh, roundTripEfficiency, depthOfDischarge, stateOfHealth, costNtd, degradation));
    }

    /// <summary>A second-life pack: as <see cref="Create"/>, but SOH must lie in the seed's 50–80 % band.</summary>
    /// <param name="powerKw">Rated power, &gt; 0.</param>
    /// <param name="energyKwh">Nameplate energy of the cells when new, &gt; 0.</param>
    /// <param name="roundTripEfficiency">In (0, 1].</param>
    /// <param name="depthOfDischarge">In (0, 1].</param>
    /// <param name="costNtd">Installed cost, ≥ 0.</param>
    /// <param name="stateOfHealth">Measured SOH; <see cref="SecondLifeDefaultStateOfHealth"/> when unknown.</param>
    /// <param name="degradation">Optional SOH loss model.</param>
    /// <param name="path">Field path of the battery object in the request.</param>
    public static Outcome<Battery> SecondLife(
        decimal powerKw,
        decimal energyKwh,
        decimal roundTripEfficiency,
        decimal depthOfDischarge,
        decimal costNtd,
        decimal stateOfHealth = SecondLifeDefaultStateOfHealth,
        BatteryDegradation? degradation = null,
        string path = "battery")
    {
        if (stateOfHealth is < SecondLifeMinStateOfHealth or > SecondLifeMaxStateOfHealth)
        {
            return Outcome<Battery>.Failure([new($"{path}.stateOfHealth", "a second-life battery has SOH from 0.5 to 0.8", "storage.secondLifeSoh",
                ErrorArgs.Of("min", SecondLifeMinStateOfHealth.ToString(CultureInfo.InvariantCulture), "max", SecondLifeMaxStateOfHealth.ToString(CultureInfo.InvariantCulture)))]);
        }

        return Create(powerKw, energyKwh, roundTripEfficiency, depthOfDischarge, stateOfHealth, costNtd, degradation, path);
    }

    /// <summary>SOH after <paramref name="equivalentFullCycles"/> cycles and <paramref name="years"/> years under the
    /// degradation model (unchanged without one), never below 0.</summary>
    /// <param name="equivalentFullCycles">Cycles run.</param>
    /// <param name="years">Calendar time elapsed.</param>
    public decimal StateOfHealthAfter(decimal equivalentFullCycles, decimal years)
    {
        if (Degradation is null)
        {
            return StateOfHealth;
        }

        var soh = StateOfHealth - (equivalentFullCycles * Degradation.SohLossPerEquivalentFullCycle) - (years * Degradation.SohLossPerYear);
        return Math.Max(0, soh);
    }

    private static void AddFraction(List<FieldError> errors, string path, decimal value)
    {
        if (value is <= 0 or > 1)
        {
            errors.Add(new(path, "must be greater than 0 and at most 1 (a fraction, e.g. 0.9)", "storage.fraction"));
        }
    }

    /// <summary>√x in decimal: a double estimate refined by Newton steps, so results are deterministic to ~28 digits.</summary>
    internal static decimal SquareRoot(decimal x)
    {
        if (x == 0)
        {
            return 0;
        }

        var root = (decimal)Math.Sqrt((double)x);
        for (var i = 0; i < 3; i++)
        {
            root = (root + (x / root)) / 2;
        }

        return root;
    }
}
