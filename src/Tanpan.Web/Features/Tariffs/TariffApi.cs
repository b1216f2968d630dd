using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Tariffs;

/// <summary>GET /api/v1/tariffs and /api/v1/tariffs/{id}: the Taipower schedules studies bill on, shipped and
/// operator-added, with their provenance (no login).</summary>
public static class TariffApi
{
    public sealed record VersionSummary(string EffectiveFrom, string Origin, string Source, string Verification);

    public sealed record ScheduleSummary(string Id, string NameZh, string NameEn, string Voltage, string Structure, IReadOnlyList<VersionSummary> Versions);

    public sealed record ListResponse(IReadOnlyList<ScheduleSummary> Schedules);

    public sealed record EnergyPrice(string Season, string Period, decimal NtdPerKwh, string Source, string Verification);

    public sealed record BasicCharge(string Season, string Contract, decimal NtdPerKwMonth, string Source, string Verification);

    public sealed record Band(string Season, string DayType, string Period, string Start, string End);

    public sealed record ScheduleResponse(
        string Id, string NameZh, string NameEn, string Voltage, string Structure, string Date, string EffectiveFrom, string BandsEffectiveFrom, string Origin,
        string Source, string Verification, string SummerFrom, string SummerTo, decimal CustomerChargeNtdPerMonth, decimal OverContractWithinTenPercent,
        decimal OverContractAboveTenPercent, IReadOnlyList<EnergyPrice> EnergyCharges, IReadOnlyList<BasicCharge> BasicCharges, IReadOnlyList<Band> Bands);

    internal static async Task<Ok<ListResponse>> List(EffectiveTariffs tariffs, CancellationToken ct)
    {
        var library = await tariffs.LibraryAsync(ct);
        var schedules = library.Ids.Select(id =>
        {
            var versions = library.Versions(id);
            var (zh, en) = NameOf(id);
            return new ScheduleSummary(id, zh, en, TariffLabels.Of(versions[0].Voltage), TariffLabels.Of(versions[0].Structure),
                [.. versions.Select(v => new VersionSummary(Date(v.EffectiveFrom), Origin(v), MainSource(v), Weakest(v)))]);
        }).ToList();
        return TypedResults.Ok(new ListResponse(schedules));
    }

    internal static async Task<Results<Ok<ScheduleResponse>, ApiError>> Get(string id, string? date, EffectiveTariffs tariffs, TimeProvider clock, CancellationToken ct)
    {
        var library = await tariffs.LibraryAsync(ct);
        if (library.Versions(id).Count == 0)
        {
            return new NotFoundError("tariff.not-found", $"no Taipower schedule '{id}'; GET /api/v1/tariffs lists them ({string.Join(", ", library.Ids)})").ToApi();
        }

        DateOnly on;
        if (date is null)
        {
            on = DateOnly.FromDateTime(TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime));
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on) || on.Year is < 1912 or > 2100)
        {
            return new[] { new FieldError("date", "must be a date yyyy-MM-dd from 1912-01-01 to 2100-12-31 (default: today in Asia/Taipei)") }.ToApi();
        }

        if (library.Find(id, on) is not { } v)
        {
            return new[] { new FieldError("date", $"no version of {id} is in force on {Date(on)}; the first starts {Date(library.Versions(id)[0].EffectiveFrom)}") }.ToApi();
        }

        var (zh, en) = NameOf(id);
        var summer = v.Summer;
        return TypedResults.Ok(new ScheduleResponse(
            id, zh, en, TariffLabels.Of(v.Voltage), TariffLabels.Of(v.Structure), Date(on), Date(v.EffectiveFrom), Date(v.BandsEffectiveFrom), Origin(v), MainSource(v), Weakest(v),
            $"{summer.StartMonth:00}-{summer.StartDay:00}", $"{summer.EndMonth:00}-{summer.EndDay:00}", v.CustomerChargeNtdPerMonth, v.SurchargeWithinTenPercent, v.SurchargeAboveTenPercent,
            [.. v.Rows.Where(r => r.Component == TariffLabels.EnergyCharge).Select(r => new EnergyPrice(r.Season, r.Period, r.Value, r.Source, r.Verification))],
            [.. v.Rows.Where(r => r.Component == TariffLabels.BasicCharge).Select(r => new BasicCharge(r.Season, r.Period, r.Value, r.Source, r.Verification))],
            [.. v.Bands.OrderBy(b => b.Season).ThenBy(b => b.DayType).ThenBy(b => b.StartMinute)
                .Select(b => new Band(TariffLabels.Of(b.Season), TariffLabels.Of(b.DayType), TariffLabels.Of(b.Period), Time(b.StartMinute), Time(b.EndMinute)))]));
    }

    /// <summary>The schedule's names from the catalogue (both languages; the id when it has none).</summary>
    public static (string Zh, string En) NameOf(string id) => Names.Find(Names.Tariff, id) ?? (id, id);

    public static string Origin(TariffSchedule v) => v.OperatorAdded ? "operator" : "shipped";

    /// <summary>The source most of the version's rows cite.</summary>
    public static string MainSource(TariffSchedule v) =>
        v.Rows.GroupBy(r => r.Source, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? string.Empty;

    /// <summary>The weakest verification among the version's rows: a version is only as verified as its least row.</summary>
    public static string Weakest(TariffSchedule v) =>
        v.Rows.Any(r => r.Verification == "UNVERIFIED") ? "UNVERIFIED" : v.Rows.Any(r => r.Verification == "secondary") ? "secondary" : "verified";

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}
