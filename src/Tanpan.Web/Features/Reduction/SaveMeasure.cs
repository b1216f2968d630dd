using Tanpan.Engine.Common;
using Tanpan.Engine.Reduction;

namespace Tanpan.Web.Features.Reduction;

/// <summary>A measure as the API and the page submit it. Every number is required except the opex change (0 when
/// absent: most measures change no upkeep) and the ramp (0 = full abatement from the first year).</summary>
public sealed record MeasureRequest(
    string? Name, string? Kind, decimal? CapexNtd, decimal? AnnualOpexChangeNtd, decimal? AnnualSavingsNtd, decimal? AnnualAbatementTonnes,
    int? StartYear, int? LifetimeYears, int? RampYears = null, string? Basis = null);

/// <summary>Validates a measure with the engine's rules (field paths as the API names them) and writes it onto a
/// row, new or existing.</summary>
public static class SaveMeasure
{
    public const int MaxMeasures = 500;

    public static Outcome<ReductionMeasure> Validate(MeasureRequest request)
    {
        var errors = new List<FieldError>();
        var kind = MeasureKinds.Parse(request.Kind);
        if (kind is null)
        {
            errors.Add(new("kind", "required: one of " + string.Join(", ", MeasureKinds.Codes), "reduction.kind"));
        }

        void Require(object? value, string field, string what, string code)
        {
            if (value is null)
            {
                errors.Add(new(field, "required: " + what, code));
            }
        }

        Require(request.CapexNtd, "capexNtd", "the investment in NT$ (0 when none)", "reduction.capex");
        Require(request.AnnualSavingsNtd, "annualSavingsNtd", "NT$ a year of energy and fuel bills avoided (0 when none)", "reduction.savings");
        Require(request.AnnualAbatementTonnes, "annualAbatementTonnes", "tCO2e a year the measure avoids once running", "reduction.abatement");
        Require(request.StartYear, "startYear", "the first year the measure runs", "reduction.start-year");
        Require(request.LifetimeYears, "lifetimeYears", "how many years the measure runs", "reduction.lifetime");
        if (request.Basis?.Length > 1000)
        {
            errors.Add(new("basis", "at most 1000 characters", "reduction.basis"));
        }

        var measure = new ReductionMeasure(
            string.Empty, request.Name?.Trim() ?? string.Empty, kind ?? MeasureKind.Other, request.CapexNtd ?? 0m, request.AnnualOpexChangeNtd ?? 0m,
            request.AnnualSavingsNtd ?? 0m, request.AnnualAbatementTonnes ?? 1m, request.StartYear ?? ReductionMeasure.MinYear, request.LifetimeYears ?? 1, request.RampYears ?? 0);
        var present = new HashSet<string>(errors.Select(e => e.Path), StringComparer.Ordinal);
        errors.AddRange(ReductionMeasure.Validate(measure).Where(e => !present.Contains(e.Path)));
        return errors.Count > 0 ? Outcome<ReductionMeasure>.Failure(errors) : Outcome<ReductionMeasure>.Success(measure);
    }

    public static void Apply(ReductionMeasureRecord row, ReductionMeasure m, string? basis, DateTime nowUtc)
    {
        row.Name = m.Name;
        row.Kind = m.Kind;
        row.CapexNtd = m.CapexNtd;
        row.AnnualOpexChangeNtd = m.AnnualOpexChangeNtd;
        row.AnnualSavingsNtd = m.AnnualSavingsNtd;
        row.AnnualAbatementTonnes = m.AnnualAbatementTonnes;
        row.StartYear = m.StartYear;
        row.LifetimeYears = m.LifetimeYears;
        row.RampYears = m.RampYears;
        row.Basis = string.IsNullOrWhiteSpace(basis) ? null : basis.Trim();
        row.UpdatedAtUtc = nowUtc;
    }
}
