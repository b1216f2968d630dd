using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Reduction;

/// <summary>What a measure does, after the levers of the 2050 net-zero pathway for manufacturing (process
/// improvement: efficient equipment, energy management, smart monitoring; energy transition: low-carbon fuels,
/// renewable power and certificates, storage).</summary>
public enum MeasureKind
{
    EquipmentEfficiency,
    EnergyManagementIso50001,
    SmartMonitoring,
    FuelSwitch,
    GreenPower,
    Storage,
    ProcessImprovement,
    Other,
}

/// <summary>The API codes of <see cref="MeasureKind"/> (<c>equipment-efficiency</c>, …).</summary>
public static class MeasureKinds
{
    private static readonly (MeasureKind Kind, string Code)[] Table =
    [
        (MeasureKind.EquipmentEfficiency, "equipment-efficiency"),
        (MeasureKind.EnergyManagementIso50001, "energy-management-iso50001"),
        (MeasureKind.SmartMonitoring, "smart-monitoring"),
        (MeasureKind.FuelSwitch, "fuel-switch"),
        (MeasureKind.GreenPower, "green-power"),
        (MeasureKind.Storage, "storage"),
        (MeasureKind.ProcessImprovement, "process-improvement"),
        (MeasureKind.Other, "other"),
    ];

    public static IReadOnlyList<string> Codes { get; } = [.. Table.Select(t => t.Code)];

    public static string Code(this MeasureKind kind) => Table.First(t => t.Kind == kind).Code;

    public static MeasureKind? Parse(string? code) => Table.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Code: not null } hit ? hit.Kind : null;
}

/// <summary>One measure of the reduction register. Money in NT$ a year except <see cref="CapexNtd"/> (once, at
/// the start); <see cref="AnnualOpexChangeNtd"/> is signed (more upkeep is positive); <see cref="AnnualSavingsNtd"/>
/// is the energy and fuel bill avoided. <see cref="AnnualAbatementTonnes"/> is the full-year abatement once ramped
/// up, in tCO2e. The measure runs from <see cref="StartYear"/> for <see cref="LifetimeYears"/> years; with
/// <see cref="RampYears"/> R ≥ 2 its abatement grows linearly to full in its R-th year (k/R in year k).</summary>
public sealed record ReductionMeasure(
    string Id, string Name, MeasureKind Kind, decimal CapexNtd, decimal AnnualOpexChangeNtd, decimal AnnualSavingsNtd, decimal AnnualAbatementTonnes,
    int StartYear, int LifetimeYears, int RampYears = 0)
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;
    public const int MaxLifetimeYears = 60;
    public const decimal MaxMoneyNtd = 1_000_000_000_000m;
    public const decimal MaxTonnes = 1_000_000_000m;

    /// <summary>The last year the measure runs.</summary>
    public int EndYear => StartYear + LifetimeYears - 1;

    /// <summary>Abatement in <paramref name="year"/>: zero outside its life, the ramp's share in its first years.</summary>
    public decimal AbatementIn(int year)
    {
        if (year < StartYear || year > EndYear)
        {
            return 0m;
        }

        var k = year - StartYear + 1;
        return RampYears >= 2 && k < RampYears ? AnnualAbatementTonnes * k / RampYears : AnnualAbatementTonnes;
    }

    /// <summary>Every field checked; paths are <paramref name="prefix"/> + the API's field names.</summary>
    public static IReadOnlyList<FieldError> Validate(ReductionMeasure m, string prefix = "")
    {
        var errors = new List<FieldError>();
        void Add(string field, string message, string code) => errors.Add(new(prefix + field, message, code));
        if (string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 200)
        {
            Add("name", "required: the measure's name, at most 200 characters", "reduction.name");
        }

        if (m.CapexNtd is < 0 or > MaxMoneyNtd)
        {
            Add("capexNtd", "from 0 to 1e12 (NT$, the investment at the start)", "reduction.capex");
        }

        if (Math.Abs(m.AnnualOpexChangeNtd) > MaxMoneyNtd)
        {
            Add("annualOpexChangeNtd", "from -1e12 to 1e12 (NT$ a year; more upkeep is positive, less is negative)", "reduction.opex");
        }

        if (m.AnnualSavingsNtd is < 0 or > MaxMoneyNtd)
        {
            Add("annualSavingsNtd", "from 0 to 1e12 (NT$ a year of energy and fuel bills avoided)", "reduction.savings");
        }

        if (m.AnnualAbatementTonnes is <= 0 or > MaxTonnes)
        {
            Add("annualAbatementTonnes", "greater than 0 and at most 1e9 (tCO2e a year): a measure that abates nothing has no cost per tonne", "reduction.abatement");
        }

        if (m.StartYear is < MinYear or > MaxYear)
        {
            Add("startYear", string.Create(CultureInfo.InvariantCulture, $"a year from {MinYear} to {MaxYear}"), "reduction.start-year");
        }

        if (m.LifetimeYears is < 1 or > MaxLifetimeYears)
        {
            Add("lifetimeYears", string.Create(CultureInfo.InvariantCulture, $"whole years from 1 to {MaxLifetimeYears}"), "reduction.lifetime");
        }

        if (m.RampYears < 0 || m.RampYears > Math.Max(1, m.LifetimeYears))
        {
            Add("rampYears", "whole years from 0 (full abatement at once) to the lifetime", "reduction.ramp");
        }

        return errors;
    }
}
