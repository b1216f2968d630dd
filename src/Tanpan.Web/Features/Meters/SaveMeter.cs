using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Energy;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;

namespace Tanpan.Web.Features.Meters;

/// <summary>A meter as the API and the form send it. Enumerations are their names (<c>"Counter"</c>, <c>"Electricity"</c>).</summary>
public sealed record MeterRequest(
    string? Code, string? Name, Guid? FacilityId, string? Kind, string? Carrier, string? Unit, string? Semantics, int? IntervalMinutes, string? TimeZone,
    decimal? Multiplier = null, string? ParentCode = null, string? Line = null, decimal? CounterMax = null, decimal? MaxKw = null, Guid? SourceId = null,
    string? Formula = null, decimal? AlarmKgCo2ePerHour = null, decimal? AlarmKw = null);

/// <summary>Creates a meter (POST /api/v1/meters and the meter form): every field checked, the facility, parent,
/// source and a virtual meter's terms checked against the company's own rows.</summary>
public static partial class SaveMeter
{
    public static readonly IReadOnlyDictionary<EnergyCarrier, string[]> UnitsByCarrier = new Dictionary<EnergyCarrier, string[]>
    {
        [EnergyCarrier.Electricity] = ["kWh", "MWh"],
        [EnergyCarrier.NaturalGas] = ["m3", "1000m3"],
        [EnergyCarrier.Fuel] = ["L", "kL", "kg", "t"],
        [EnergyCarrier.Steam] = ["t", "kg", "GJ"],
        [EnergyCarrier.Water] = ["m3"],
    };

    /// <summary>Interval lengths (and counter cadences) a meter can have: sub-hour divisors of 15 min and the hour, a day, a month.</summary>
    public static readonly int[] IntervalChoices = [1, 5, 15, 30, 60, 1440, 43200];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex CodePattern();

    public static async Task<Result<Meter>> ExecuteAsync(MeterRequest r, TanpanDb db, ISiteRegister register, MeterIngestion ingestion, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var code = r.Code?.Trim();
        if (string.IsNullOrEmpty(code) || !CodePattern().IsMatch(code))
        {
            errors.Add(new("code", "required: 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit (it is the meter id in the MQTT topic and the API path)", "meter.code"));
        }

        var name = r.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add(new("name", "required: the meter's name, at most 200 characters", "meter.name"));
        }

        var kind = Parse<MeterKind>(r.Kind, "kind", errors);
        var carrier = Parse<EnergyCarrier>(r.Carrier, "carrier", errors);
        var semantics = Parse<MeterSemantics>(r.Semantics, "semantics", errors);
        string? unit = null;
        if (carrier is { } c)
        {
            var allowed = UnitsByCarrier[c];
            unit = allowed.FirstOrDefault(u => Units.TryParse(r.Unit, out var parsed) && parsed.Code == Units.Parse(u).Code);
            if (unit is null)
            {
                errors.Add(new("unit", $"required: one of {string.Join(", ", allowed)} for {c}", "meter.unit"));
            }
        }

        if (r.IntervalMinutes is not { } interval || !IntervalChoices.Contains(interval))
        {
            errors.Add(new("intervalMinutes", $"required: one of {string.Join(", ", IntervalChoices)} (minutes: the interval of an interval meter, the reading cadence of a counter)", "meter.interval"));
        }

        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(r.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out zone) || !r.TimeZone.Contains('/', StringComparison.Ordinal))
        {
            errors.Add(new("timeZone", "required: an IANA time zone such as Asia/Taipei (days and months roll up on its calendar)", "meter.time-zone"));
        }

        var multiplier = r.Multiplier ?? 1m;
        if (multiplier is <= 0 or > 1_000_000)
        {
            errors.Add(new("multiplier", "must be greater than 0 and at most 1,000,000 (the CT/PT ratio the readings are multiplied by)", "meter.multiplier"));
        }

        if (r.CounterMax is { } max && max <= 0)
        {
            errors.Add(new("counterMax", "must be greater than 0 (the register's top value before it rolls over)", "meter.counter-max"));
        }

        Positive(r.MaxKw, "maxKw", errors);
        Positive(r.AlarmKw, "alarmKw", errors);
        Positive(r.AlarmKgCo2ePerHour, "alarmKgCo2ePerHour", errors);
        if (r.Line is { Length: > 100 })
        {
            errors.Add(new("line", "at most 100 characters", "meter.line"));
        }

        if (r.FacilityId is not { } facilityId || (await register.FacilitiesAsync(ct)).All(f => f.Id != facilityId))
        {
            errors.Add(new("facilityId", "required: one of your company's facilities (GET the inventory's facilities)", "meter.facility"));
        }

        if (r.SourceId is { } sourceId && (await register.SourcesAsync(ct)).All(s => s.Id != sourceId))
        {
            errors.Add(new("sourceId", "not one of your company's emission sources", "meter.source"));
        }

        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(r.ParentCode))
        {
            parentId = await db.Meters.Where(m => m.Code == r.ParentCode).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            if (parentId is null)
            {
                errors.Add(new("parentCode", $"no meter '{Clip(r.ParentCode)}' in your company", "meter.parent"));
            }
        }

        if (kind == MeterKind.Virtual)
        {
            if (MeterFormula.Check(r.Formula) is { } problem)
            {
                errors.Add(new("formula", problem, "meter.formula"));
            }
            else
            {
                var known = await db.Meters.Select(m => new { m.Code, m.Formula, m.Kind }).ToDictionaryAsync(m => m.Code, ct);
                foreach (var (_, term) in MeterFormula.Terms(r.Formula))
                {
                    if (!known.ContainsKey(term))
                    {
                        errors.Add(new("formula", $"no meter '{term}' in your company", "meter.formula"));
                        break;
                    }
                }

                if (errors.Count == 0 && Depth(r.Formula, known.ToDictionary(k => k.Key, k => k.Value.Formula), 1) > MeterFormula.MaxDepth)
                {
                    errors.Add(new("formula", $"virtual meters may build on virtual meters at most {MeterFormula.MaxDepth} levels deep", "meter.formula"));
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(r.Formula))
        {
            errors.Add(new("formula", "only a virtual meter has a formula", "meter.formula"));
        }

        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        if (await db.Meters.AnyAsync(m => m.Code == code, ct))
        {
            return MeterErrors.DuplicateCode(code!);
        }

        var meter = new Meter
        {
            Id = Guid.NewGuid(), Code = code!, Name = name!, FacilityId = r.FacilityId!.Value, ParentId = parentId, Line = string.IsNullOrWhiteSpace(r.Line) ? null : r.Line.Trim(),
            Kind = kind!.Value, Carrier = carrier!.Value, Unit = unit!, Multiplier = multiplier, Semantics = semantics!.Value, IntervalMinutes = r.IntervalMinutes!.Value,
            CounterMax = r.CounterMax, MaxKw = r.MaxKw, TimeZone = zone!.Id, SourceId = r.SourceId, Formula = kind == MeterKind.Virtual ? string.Join(' ', MeterFormula.Terms(r.Formula).Select(t => (t.Sign < 0 ? "-" : "+") + t.Code)) : null,
            AlarmKw = r.AlarmKw, AlarmKgCo2ePerHour = r.AlarmKgCo2ePerHour, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Meters.Add(meter);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(meter).State = EntityState.Detached;
            return MeterErrors.DuplicateCode(code!);
        }

        ingestion.Forget(meter.CompanyId, meter.Code);
        return meter;
    }

    /// <summary>How deep a formula reaches through virtual meters; a cycle counts as too deep.</summary>
    private static int Depth(string? formula, IReadOnlyDictionary<string, string?> formulas, int level)
    {
        if (level > MeterFormula.MaxDepth)
        {
            return level;
        }

        var deepest = level;
        foreach (var (_, code) in MeterFormula.Terms(formula))
        {
            if (formulas.TryGetValue(code, out var inner) && inner is not null)
            {
                deepest = Math.Max(deepest, Depth(inner, formulas, level + 1));
            }
        }

        return deepest;
    }

    private static T? Parse<T>(string? value, string field, List<FieldError> errors)
        where T : struct, Enum
    {
        if (value is not null && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }

        errors.Add(new(field, $"required: one of {string.Join(", ", Enum.GetNames<T>())}", "meter." + field));
        return null;
    }

    private static void Positive(decimal? value, string field, List<FieldError> errors)
    {
        if (value is <= 0 or > 1_000_000_000)
        {
            errors.Add(new(field, "must be greater than 0 and at most 1e9", "meter." + field));
        }
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] : s;
}

public static class MeterErrors
{
    public static Error NotFound(string code) => new NotFoundError("meter.not-found", $"No meter '{(code.Length > 60 ? code[..60] : code)}' in your company.");

    public static Error DuplicateCode(string code) => new ConflictError("meter.duplicate-code", $"Meter id '{code}' is already used in your company; meter ids are unique.");

    public static Error QuarantineNotFound(Guid id) => new NotFoundError("meter.quarantine.not-found", string.Create(CultureInfo.InvariantCulture, $"No quarantined payload {id}."));
}
