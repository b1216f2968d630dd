using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Footprint;

/// <summary>A transport leg: <paramref name="Mass"/> carried <paramref name="DistanceKm"/> by a freight activity
/// (<c>transport.*</c>, per t·km); the leg becomes an input of mass × distance in t·km.</summary>
public sealed record TransportLeg(string Id, string Activity, Quantity Mass, decimal DistanceKm, LifeStage Stage);

/// <summary>One operating mode of the use phase (the PCR's 持續開機正常工作 / 暖機及待機 / 其他功能模式): hours per
/// day at a mean electrical power.</summary>
public sealed record UseMode(string Name, decimal HoursPerDay, decimal PowerKw);

/// <summary>The use-phase scenario: modes × days per year × years of the warranty period (the PCR's 使用階段).</summary>
public sealed record UseScenario(IReadOnlyList<UseMode> Modes, decimal DaysPerYear, decimal Years, string GridActivity);

/// <summary>One end-of-life route: a share of the product's mass to a waste activity, with its transport.</summary>
public sealed record EndOfLifeRoute(string Id, decimal Share, string WasteActivity, string? TransportActivity = null, decimal TransportKm = 0);

/// <summary>One supplier's declared footprint of a material and how much of it that supplier supplies.</summary>
public sealed record SupplierDeclaration(string Supplier, decimal SuppliedQuantity, decimal KgCo2ePerUnit, string Source);

/// <summary>A supply-weighted average of the suppliers that reported, applied to 100 % of the material, and the
/// share of supply it covers (10.2.3-2).</summary>
public sealed record SupplierAverage(CustomFactor Factor, decimal CoveredShare);

/// <summary>Turns the PCR's scenarios into footprint inputs with their arithmetic visible in the input ids' trace.
/// Pure functions; the product layer decides where they are attached.</summary>
public static class Scenarios
{
    public static Outcome<FootprintInput> Transport(TransportLeg leg, string path)
    {
        var errors = new List<FieldError>();
        if (Activities.ActivityId.KindOf(leg.Activity) != Activities.ActivityKind.Transport)
        {
            errors.Add(new(path + ".activity", $"'{leg.Activity}' is not a freight activity; use transport.* (per t·km)", "footprint.transport.activity"));
        }

        if (leg.Mass.Unit.Dimension != Dimension.Mass || leg.Mass.Value < 0)
        {
            errors.Add(new(path + ".mass", "a mass ≥ 0 (kg or t)"));
        }

        if (leg.DistanceKm is < 0 or > 40_000)
        {
            errors.Add(new(path + ".distanceKm", "from 0 to 40000 km"));
        }

        return errors.Count > 0
            ? Outcome<FootprintInput>.Failure(errors)
            : Outcome<FootprintInput>.Success(new FootprintInput(leg.Id, null, leg.Activity, leg.Mass.Unit.Convert(leg.Mass.Value, Units.Tonne) * leg.DistanceKm, Units.TonneKilometre, leg.Stage));
    }

    /// <summary>kWh = Σ hours/day × kW × days/year × years, as one use-stage input of grid electricity.</summary>
    public static Outcome<FootprintInput> Use(UseScenario scenario, string path)
    {
        var errors = new List<FieldError>();
        if (scenario.Modes.Count == 0)
        {
            errors.Add(new(path + ".modes", "at least one mode (run, warm-up / standby, other)"));
        }

        for (var i = 0; i < scenario.Modes.Count; i++)
        {
            var mode = scenario.Modes[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.modes[{i}]");
            if (mode.HoursPerDay is < 0 or > 24)
            {
                errors.Add(new(at + ".hoursPerDay", "from 0 to 24"));
            }

            if (mode.PowerKw is < 0 or > 100_000)
            {
                errors.Add(new(at + ".powerKw", "from 0 to 100000 kW"));
            }
        }

        if (scenario.Modes.Sum(m => m.HoursPerDay) > 24)
        {
            errors.Add(new(path + ".modes", "the modes' hours add up to more than 24 a day"));
        }

        if (scenario.DaysPerYear is < 0 or > 366)
        {
            errors.Add(new(path + ".daysPerYear", "from 0 to 366"));
        }

        if (scenario.Years is < 0 or > 100)
        {
            errors.Add(new(path + ".years", "from 0 to 100 (the warranty period the PCR sets as the product's use)"));
        }

        if (Activities.ActivityId.KindOf(scenario.GridActivity) != Activities.ActivityKind.Grid)
        {
            errors.Add(new(path + ".gridActivity", "an electricity activity, e.g. electricity.grid.tw"));
        }

        if (errors.Count > 0)
        {
            return Outcome<FootprintInput>.Failure(errors);
        }

        var kwh = scenario.Modes.Sum(m => m.HoursPerDay * m.PowerKw) * scenario.DaysPerYear * scenario.Years;
        return Outcome<FootprintInput>.Success(new FootprintInput("use-electricity", null, scenario.GridActivity, kwh, Units.KilowattHour, LifeStage.Use));
    }

    /// <summary>Each route's share of the product's mass to its waste activity, and its transport in t·km. The shares
    /// must add up to 100 %.</summary>
    public static Outcome<IReadOnlyList<FootprintInput>> EndOfLife(Quantity productMass, IReadOnlyList<EndOfLifeRoute> routes, string path)
    {
        var errors = new List<FieldError>();
        if (productMass.Unit.Dimension != Dimension.Mass || productMass.Value <= 0)
        {
            errors.Add(new(path + ".mass", "the product's mass, > 0 kg"));
        }

        if (routes.Count == 0 || routes.Sum(r => r.Share) != 1m)
        {
            errors.Add(new(path + ".routes", $"the shares recycled / incinerated / landfilled must add up to 100 % (now {(routes.Sum(r => r.Share) * 100m).ToString("0.##", CultureInfo.InvariantCulture)} %)", "footprint.eol.shares"));
        }

        var inputs = new List<FootprintInput>();
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.routes[{i}]");
            if (route.Share is < 0 or > 1)
            {
                errors.Add(new(at + ".share", "from 0 to 1"));
                continue;
            }

            if (Activities.ActivityId.KindOf(route.WasteActivity) != Activities.ActivityKind.Waste)
            {
                errors.Add(new(at + ".wasteActivity", "a waste activity (waste.*)"));
                continue;
            }

            var tonnes = productMass.Unit.Dimension == Dimension.Mass ? productMass.Unit.Convert(productMass.Value, Units.Tonne) * route.Share : 0;
            inputs.Add(new FootprintInput(route.Id, null, route.WasteActivity, tonnes, Units.Tonne, LifeStage.EndOfLife));
            if (route.TransportActivity is { } transport && route.TransportKm > 0)
            {
                var leg = Transport(new TransportLeg(route.Id + "-transport", transport, new Quantity(tonnes, Units.Tonne), route.TransportKm, LifeStage.EndOfLife), at);
                if (leg.Succeeded)
                {
                    inputs.Add(leg.Value);
                }
                else
                {
                    errors.AddRange(leg.Errors);
                }
            }
        }

        return errors.Count > 0 ? Outcome<IReadOnlyList<FootprintInput>>.Failure(errors) : Outcome<IReadOnlyList<FootprintInput>>.Success(inputs);
    }

    /// <summary>10.2.3-2: the suppliers that reported, averaged by the quantity each supplies, extended to 100 % of
    /// the material; the covered share of supply is reported next to it.</summary>
    public static Outcome<SupplierAverage> WeightedAverage(string material, IReadOnlyList<SupplierDeclaration> declarations, decimal totalSupplied, Unit unit, string path)
    {
        var errors = new List<FieldError>();
        var reported = declarations.Sum(d => d.SuppliedQuantity);
        if (declarations.Count == 0 || reported <= 0)
        {
            errors.Add(new(path + ".suppliers", "at least one supplier with a quantity supplied > 0"));
        }

        if (declarations.Any(d => d.SuppliedQuantity < 0 || d.KgCo2ePerUnit < 0))
        {
            errors.Add(new(path + ".suppliers", "quantities and footprints must be ≥ 0"));
        }

        if (totalSupplied < reported)
        {
            errors.Add(new(path + ".totalSupplied", "the total supplied is less than what the reporting suppliers supply"));
        }

        if (errors.Count > 0)
        {
            return Outcome<SupplierAverage>.Failure(errors);
        }

        var average = declarations.Sum(d => d.SuppliedQuantity * d.KgCo2ePerUnit) / reported;
        var source = $"supply-weighted average of {declarations.Count} supplier(s) for {material}: "
            + string.Join("; ", declarations.Select(d => $"{d.Supplier} {d.SuppliedQuantity.ToString(CultureInfo.InvariantCulture)} {unit.Code} × {d.KgCo2ePerUnit.ToString(CultureInfo.InvariantCulture)} ({d.Source})"));
        return Outcome<SupplierAverage>.Success(new SupplierAverage(new CustomFactor(material, average, unit, source, null, null), reported / totalSupplied));
    }
}
