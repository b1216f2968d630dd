using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quick;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.QuickCalculator;

/// <summary>The quick calculator's input, shared by the API (JSON) and the page (form binding).</summary>
public sealed class QuickRequestDto
{
    public int? Year { get; set; }

    public List<BillDto> Bills { get; set; } = [];

    public decimal? AnnualKwh { get; set; }

    public List<FuelDto> Fuels { get; set; } = [];
}

public sealed class BillDto
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public decimal? PeakKwh { get; set; }

    public decimal? SemiPeakKwh { get; set; }

    public decimal? SaturdaySemiPeakKwh { get; set; }

    public decimal? OffPeakKwh { get; set; }

    public decimal? ContractCapacityKw { get; set; }

    internal bool IsBlank => From is null && To is null && PeakKwh is null && SemiPeakKwh is null && SaturdaySemiPeakKwh is null && OffPeakKwh is null && ContractCapacityKw is null;
}

public sealed class FuelDto
{
    public string? Activity { get; set; }

    public string? Use { get; set; }

    public string? Technology { get; set; }

    public decimal? Quantity { get; set; }

    public string? Unit { get; set; }
}

public sealed record QuickPartResponse(decimal KgCo2e, decimal TCo2e, decimal Share);

public sealed record QuickLineResponse(string Id, string Category, string Activity, decimal Quantity, decimal IncludedQuantity, string Unit, bool Estimated, decimal KgCo2e, FactorRefResponse Factor);

public sealed record QuickResponse(
    int Year,
    decimal TotalKgCo2e,
    decimal TotalTCo2e,
    QuickPartResponse Stationary,
    QuickPartResponse Mobile,
    QuickPartResponse EnergyIndirect,
    decimal EstimatedShare,
    IReadOnlyList<QuickLineResponse> Lines,
    IReadOnlyList<WarningResponse> Warnings);

/// <summary>POST /api/v1/calculations/quick and the mapping the calculator page shares.</summary>
public static class QuickCalculation
{
    /// <summary>Maps the input; blank bill rows (from the page's fixed table) are skipped, their numbering kept.</summary>
    public static Outcome<QuickRequest> Map(QuickRequestDto dto)
    {
        var errors = new List<FieldError>();
        Normalize(dto, errors);
        // Without a year, the year of the bills is taken (the one holding most of their days): a bill of last year
        // is never dropped because the year defaulted to today's.
        var year = dto.Year ?? YearOfBills(dto.Bills);
        if (year is null)
        {
            errors.Add(new("year", "required: the calendar year to calculate (or enter a bill, whose period gives it)", "year.required"));
        }
        else if (!InputLimits.IsYear(year))
        {
            errors.Add(new("year", "must be a year " + InputLimits.YearRange, "year.range"));
        }

        var bills = new List<TaipowerBill>();
        for (var i = 0; i < dto.Bills.Count; i++)
        {
            var b = dto.Bills[i];
            if (b.IsBlank)
            {
                continue;
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"bills[{i}]");
            if (b.From is null)
            {
                errors.Add(new(path + ".from", "required: first day of the billing period (yyyy-MM-dd)"));
            }

            if (b.To is null)
            {
                errors.Add(new(path + ".to", "required: last day of the billing period (yyyy-MM-dd)"));
            }

            if (b.PeakKwh is null && b.SemiPeakKwh is null && b.SaturdaySemiPeakKwh is null && b.OffPeakKwh is null)
            {
                errors.Add(new(path + ".peakKwh", "enter at least one of 尖峰 / 半尖峰 / 週六半尖峰 / 離峰 kWh"));
            }

            var before = errors.Count;
            ActivityInputs.Date(b.From, path + ".from", errors, required: false);
            ActivityInputs.Date(b.To, path + ".to", errors, required: false);
            ActivityInputs.Quantity(b.PeakKwh, path + ".peakKwh", errors, required: false);
            ActivityInputs.Quantity(b.SemiPeakKwh, path + ".semiPeakKwh", errors, required: false);
            ActivityInputs.Quantity(b.SaturdaySemiPeakKwh, path + ".saturdaySemiPeakKwh", errors, required: false);
            ActivityInputs.Quantity(b.OffPeakKwh, path + ".offPeakKwh", errors, required: false);
            ActivityInputs.Quantity(b.ContractCapacityKw, path + ".contractCapacityKw", errors, required: false);
            if (errors.Count == before && b.From is { } first && b.To is { } last && year is { } y && InputLimits.IsYear(y) && last >= first
                && new ActivityPeriod(first, last).InclusiveDaysIn(y) == 0)
            {
                errors.Add(new(path + ".from", string.Create(CultureInfo.InvariantCulture, $"the billing period {first:yyyy-MM-dd}–{last:yyyy-MM-dd} lies outside {y}: choose the year {first.Year} or correct the dates"), "quick.bill-outside-year",
                    ActivityInputs.Args("year", y.ToString(CultureInfo.InvariantCulture), "billYear", first.Year.ToString(CultureInfo.InvariantCulture))));
            }

            if (errors.Count == before && b.From is { } from && b.To is { } to)
            {
                var bill = new TaipowerBill(new ActivityPeriod(from, to), b.PeakKwh ?? 0, b.SemiPeakKwh ?? 0, b.SaturdaySemiPeakKwh ?? 0, b.OffPeakKwh ?? 0, b.ContractCapacityKw);
                errors.AddRange(bill.Validate().Select(e => e with { Path = $"{path}.{e.Path}" }));
                bills.Add(bill);
            }
        }

        ActivityInputs.Quantity(dto.AnnualKwh, "annualKwh", errors, required: false);
        if (dto.Bills.Count > 100 || dto.Fuels.Count > 100)
        {
            errors.Add(new(dto.Bills.Count > 100 ? "bills" : "fuels", "at most 100 rows", "rows.too-many"));
            return Outcome<QuickRequest>.Failure(errors);
        }

        var fuels = new List<QuickFuel>();
        for (var i = 0; i < dto.Fuels.Count; i++)
        {
            var f = dto.Fuels[i];
            if (f.Quantity is null && string.IsNullOrWhiteSpace(f.Activity))
            {
                continue;
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"fuels[{i}]");
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(f.Activity))
            {
                errors.Add(new(path + ".activity", "required, e.g. fuel.diesel"));
            }

            ActivityInputs.Quantity(f.Quantity, path + ".quantity", errors);
            if (f.Activity?.Length > 100 || f.Technology?.Length > 40)
            {
                errors.Add(new(path + (f.Activity?.Length > 100 ? ".activity" : ".technology"), "too long: at most 100 characters for an activity, 40 for a technology", "text.too-long"));
            }

            var use = f.Use?.Trim().ToLowerInvariant() switch
            {
                null or "" or "stationary" => CombustionUse.Stationary,
                "mobile" => (CombustionUse?)CombustionUse.Mobile,
                _ => null,
            };
            if (use is null)
            {
                errors.Add(new(path + ".use", $"'{ActivityInputs.Shorten(f.Use)}' is not allowed; allowed: stationary, mobile"));
            }

            if (!Units.TryParse(f.Unit, out var unit))
            {
                errors.Add(new(path + ".unit", $"'{ActivityInputs.Shorten(f.Unit)}' is not a known unit, e.g. L, 公升, 公秉, m3, 千立方公尺, kg"));
            }

            if (errors.Count == before)
            {
                fuels.Add(new QuickFuel(f.Activity!.Trim(), use!.Value, f.Quantity!.Value, unit!, string.IsNullOrWhiteSpace(f.Technology) ? null : f.Technology));
            }
        }

        return errors.Count > 0
            ? Outcome<QuickRequest>.Failure(errors)
            : Outcome<QuickRequest>.Success(new QuickRequest(year!.Value, bills, dto.AnnualKwh, fuels));
    }

    /// <summary>The calendar year holding most days of the entered bills, or null without a dated bill.</summary>
    internal static int? YearOfBills(IReadOnlyList<BillDto> bills)
    {
        var days = new Dictionary<int, int>();
        foreach (var b in bills)
        {
            if (b.From is { } from && b.To is { } to && to >= from && InputLimits.IsDate(from) && InputLimits.IsDate(to))
            {
                for (var year = from.Year; year <= to.Year; year++)
                {
                    days[year] = days.GetValueOrDefault(year) + new ActivityPeriod(from, to).InclusiveDaysIn(year);
                }
            }
        }

        return days.Count == 0 ? null : days.OrderByDescending(d => d.Value).ThenByDescending(d => d.Key).First().Key;
    }

    /// <summary>JSON may send null for a list or an item: a missing list is empty, a null item is an error by its index.</summary>
    private static void Normalize(QuickRequestDto dto, List<FieldError> errors)
    {
        dto.Bills ??= [];
        dto.Fuels ??= [];
        for (var i = 0; i < dto.Bills.Count; i++)
        {
            if (dto.Bills[i] is null)
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"bills[{i}]"), "must be an object { from, to, peakKwh, … }, not null", "object.null"));
                dto.Bills[i] = new BillDto();
            }
        }

        for (var i = 0; i < dto.Fuels.Count; i++)
        {
            if (dto.Fuels[i] is null)
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"fuels[{i}]"), "must be an object { activity, quantity, unit }, not null", "object.null"));
                dto.Fuels[i] = new FuelDto();
            }
        }
    }

    /// <summary>Map and calculate; engine paths for skipped blank rows keep the form's numbering.</summary>
    public static Outcome<QuickResult> Run(QuickRequestDto dto, Engine.Quick.QuickCalculator calculator)
    {
        var mapped = Map(dto);
        if (!mapped.Succeeded)
        {
            return Outcome<QuickResult>.Failure(mapped.Errors);
        }

        var outcome = calculator.Calculate(mapped.Value);
        if (outcome.Succeeded)
        {
            return outcome;
        }

        // The engine numbers only the rows it received; translate back to the rows the user filled in.
        var billRows = dto.Bills.Select((b, i) => (b, i)).Where(x => !x.b.IsBlank).Select(x => x.i).ToArray();
        var fuelRows = dto.Fuels.Select((f, i) => (f, i)).Where(x => x.f.Quantity is not null || !string.IsNullOrWhiteSpace(x.f.Activity)).Select(x => x.i).ToArray();
        return Outcome<QuickResult>.Failure(outcome.Errors.Select(e => e.Reindex("bills", k => string.Create(CultureInfo.InvariantCulture, $"bills[{billRows[k]}]")).Reindex("fuels", k => string.Create(CultureInfo.InvariantCulture, $"fuels[{fuelRows[k]}]"))).ToArray());
    }

    internal static async Task<Results<Ok<QuickResponse>, ApiError>> Handle(HttpRequest http, Engine.Quick.QuickCalculator calculator, ApiJson json, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<QuickRequestDto>(http, json.Options, InputLimits.SmallBodyBytes * 4, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToProblem("The request body is not valid JSON for this endpoint");
        }

        var outcome = Run(body.Value, calculator);
        return outcome.Succeeded ? TypedResults.Ok(ToResponse(outcome.Value)) : outcome.Errors.ToProblem();
    }

    public static QuickResponse ToResponse(QuickResult r)
    {
        static QuickPartResponse Part(QuickPart p) => new(p.KgCo2e, Units.TonnesFromKg(p.KgCo2e), p.Share);
        return new QuickResponse(
            r.Detail.ReportingYear,
            r.TotalKgCo2e,
            Units.TonnesFromKg(r.TotalKgCo2e),
            Part(r.Stationary),
            Part(r.Mobile),
            Part(r.EnergyIndirect),
            r.Detail.EstimatedShare,
            r.Detail.Lines.Select(l => new QuickLineResponse(l.Line.Id, l.Line.Category.Code, l.Line.Activity, l.Line.Quantity, l.IncludedQuantity, l.Line.Unit.Code, l.Estimated, l.KgCo2e, FactorTrace.Reference(l.Factor))).ToArray(),
            r.Detail.Warnings.Select(w => new WarningResponse(w.Path, w.Message)).ToArray());
    }
}
