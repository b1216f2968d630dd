using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Json;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.Meters;

public sealed record MeterResponse(
    string Code, string Name, Guid FacilityId, string? ParentCode, string? Line, string Kind, string Carrier, string Unit, decimal Multiplier, string Semantics,
    int IntervalMinutes, decimal? CounterMax, decimal? MaxKw, string TimeZone, Guid? SourceId, string? Formula, decimal? AlarmKw, decimal? AlarmKgCo2ePerHour, string ReadingsTopic);

public sealed record IngestResponse(int Readings, int Inserted, int Repeated);

public sealed record BucketResponse(DateTimeOffset Start, decimal Quantity, decimal? KgCo2e);

public sealed record SeriesResponse(string Meter, string Grain, string Unit, string? Factor, IReadOnlyList<BucketResponse> Buckets);

public sealed record AnomalyResponse(string Kind, DateTimeOffset From, DateTimeOffset To, decimal Quantity, string Detail);

public sealed record QuarantineResponse(Guid Id, string Meter, string Channel, string Field, string Reason, DateTimeOffset ReceivedAt, DateTimeOffset? ReplayedAt, int PayloadBytes);

/// <summary>/api/v1/meters: meter definitions, readings by REST (JSON or CSV, the MQTT payload's shape), roll-up
/// series with CO2e, anomalies, and the quarantine.</summary>
public static class MeterEndpoints
{
    public const long ReadingsBodyBytes = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapMeters(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/meters").WithTags("Meters");
        group.MapGet("/", List).WithName("ListMeters").RequirePermission(Permission.MetersRead);
        group.MapPost("/", Create).WithName("CreateMeter").Accepts<MeterRequest>("application/json").RequirePermission(Permission.MetersWrite);
        group.MapGet("/live", LiveEnergy.Stream).WithName("LiveEnergy").RequirePermission(Permission.MetersRead);
        group.MapGet("/live/snapshot", async (TanpanDb db, MeterQueries queries, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(await LiveEnergy.SnapshotAsync(db, queries, clock, ct)))
            .WithName("LiveEnergySnapshot").RequirePermission(Permission.MetersRead);
        group.MapGet("/quarantine", Quarantine).WithName("ListQuarantine").RequirePermission(Permission.MetersRead);
        group.MapPost("/quarantine/{id:guid}/replay", Replay).WithName("ReplayQuarantine").RequirePermission(Permission.MetersWrite);
        group.MapGet("/{code}", Get).WithName("GetMeter").RequirePermission(Permission.MetersRead);
        group.MapPost("/{code}/readings", PostReadings).WithName("PostMeterReadings").DisableAntiforgery().RequireAntiforgeryForCookies().RequirePermission(Permission.MetersWrite);
        group.MapGet("/{code}/series", Series).WithName("GetMeterSeries").RequirePermission(Permission.MetersRead);
        group.MapGet("/{code}/anomalies", Anomalies).WithName("GetMeterAnomalies").RequirePermission(Permission.MetersRead);
        return api;
    }

    internal static async Task<Ok<List<MeterResponse>>> List(TanpanDb db, CancellationToken ct)
    {
        var (meters, key) = await MetersAndKeyAsync(db, ct);
        return TypedResults.Ok(meters.Select(m => Response(m, meters, key)).ToList());
    }

    internal static async Task<Results<Ok<MeterResponse>, ApiError>> Get(string code, TanpanDb db, CancellationToken ct)
    {
        var (meters, key) = await MetersAndKeyAsync(db, ct);
        return meters.FirstOrDefault(m => m.Code == code) is { } meter ? TypedResults.Ok(Response(meter, meters, key)) : MeterErrors.NotFound(code).ToApi();
    }

    /// <summary>The company's meters (a response names the parent by code) and its MQTT topic key.</summary>
    private static async Task<(List<Meter> Meters, string? Key)> MetersAndKeyAsync(TanpanDb db, CancellationToken ct) =>
        (await db.Meters.AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct), await db.MeterBrokerAccounts.AsNoTracking().Select(a => a.Key).FirstOrDefaultAsync(ct));

    internal static async Task<Results<Created<MeterResponse>, ApiError>> Create(HttpRequest http, TanpanDb db, ISiteRegister register, MeterIngestion ingestion, ApiJson json, TimeProvider clock, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<MeterRequest>(http, json.Options, Platform.Inputs.InputLimits.SmallBodyBytes, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi();
        }

        var saved = await SaveMeter.ExecuteAsync(body.Value, db, register, ingestion, clock, ct);
        if (!saved.Succeeded)
        {
            return saved.Error!.ToApi();
        }

        var (meters, key) = await MetersAndKeyAsync(db, ct);
        return TypedResults.Created($"/api/v1/meters/{saved.Value.Code}", Response(saved.Value, meters, key));
    }

    internal static async Task<Results<Ok<IngestResponse>, ApiError>> PostReadings(string code, HttpRequest http, TanpanDb db, TenantScope tenant, MeterIngestion ingestion, CancellationToken ct)
    {
        var type = http.ContentType ?? string.Empty;
        var csv = type.Contains("csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new Invalid([new("$", "send the readings as application/json ({\"readings\":[{\"t\":…,\"kwh\":…}]}) or text/csv (columns t and kwh or value)")]).ToApi();
        }

        var body = await JsonBody.ReadBytesAsync(http, ReadingsBodyBytes, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi();
        }

        var outcome = (await ingestion.IngestAsync(db, [new IncomingPayload(tenant.CompanyId, code, IngestChannel.Rest, tenant.Actor, body.Value, csv)], quarantine: false, ct))[0];
        if (!outcome.Accepted)
        {
            return outcome.Errors[0].Code == "meter.unknown" ? MeterErrors.NotFound(code).ToApi() : outcome.Errors.ToApi();
        }

        return TypedResults.Ok(new IngestResponse(outcome.Readings, outcome.Inserted, outcome.Readings - outcome.Inserted));
    }

    internal static async Task<Results<Ok<SeriesResponse>, ApiError>> Series(string code, string? grain, DateTimeOffset? from, DateTimeOffset? to, MeterQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var meter = await queries.FindAsync(code, ct);
        if (meter is null)
        {
            return MeterErrors.NotFound(code).ToApi();
        }

        var errors = new List<Engine.Common.FieldError>();
        RollupGrainCode? g = grain?.ToLowerInvariant() switch
        {
            "15min" or "quarter" or "quarterhour" => RollupGrainCode.QuarterHour,
            "hour" or null => RollupGrainCode.Hour,
            "day" => RollupGrainCode.Day,
            "month" => RollupGrainCode.Month,
            _ => null,
        };
        if (g is null)
        {
            errors.Add(new("grain", "one of 15min, hour, day, month", "meter.grain"));
        }

        var toUtc = (to ?? clock.GetUtcNow()).UtcDateTime;
        var fromUtc = (from ?? (to ?? clock.GetUtcNow()).AddDays(-1)).UtcDateTime;
        if (fromUtc >= toUtc || toUtc - fromUtc > TimeSpan.FromDays(3700))
        {
            errors.Add(new("from", "must be before to, and the range at most ten years", "meter.range"));
        }

        if (errors.Count > 0)
        {
            return errors.ToApi();
        }

        var series = await queries.SeriesAsync(meter, g!.Value, fromUtc, toUtc, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
        var factorText = series.FactorByYear.Values.FirstOrDefault(f => f is not null) is { } f0 ? $"{f0.Id} ({f0.Provenance.Source} {f0.Provenance.Version})" : null;
        var buckets = series.Buckets.Select(b =>
        {
            var local = Local(b.StartUtc, zone);
            var factor = series.FactorByYear.GetValueOrDefault(local.Year);
            return new BucketResponse(local, b.Quantity, factor is null ? null : MeterQueries.KgCo2e(meter, b.Quantity, factor));
        }).ToList();
        return TypedResults.Ok(new SeriesResponse(meter.Code, GrainName(g.Value), meter.Unit, factorText, buckets));
    }

    internal static async Task<Results<Ok<List<AnomalyResponse>>, ApiError>> Anomalies(string code, MeterQueries queries, TanpanDb db, CancellationToken ct)
    {
        var meter = await queries.FindAsync(code, ct);
        if (meter is null)
        {
            return MeterErrors.NotFound(code).ToApi();
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(meter.TimeZone);
        var rows = await db.MeterAnomalies.AsNoTracking().Where(a => a.MeterId == meter.Id).OrderByDescending(a => a.FromUtc).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(a => new AnomalyResponse(a.Kind.ToString(), Local(a.FromUtc, zone), Local(a.ToUtc, zone), a.Quantity, a.Detail)).ToList());
    }

    internal static async Task<Ok<List<QuarantineResponse>>> Quarantine(TanpanDb db, CancellationToken ct)
    {
        var rows = await db.MeterQuarantine.AsNoTracking().OrderByDescending(q => q.ReceivedAtUtc).Take(500)
            .Select(q => new { q.Id, q.MeterCode, q.Channel, q.Field, q.Reason, q.ReceivedAtUtc, q.ReplayedAtUtc, q.Payload.Length }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(q => new QuarantineResponse(q.Id, q.MeterCode, q.Channel.ToString(), q.Field, q.Reason, Taipei(q.ReceivedAtUtc),
            q.ReplayedAtUtc is { } r ? Taipei(r) : null, q.Length)).ToList());
    }

    internal static async Task<Results<Ok<IngestResponse>, ApiError>> Replay(Guid id, TanpanDb db, TenantScope tenant, MeterIngestion ingestion, TimeProvider clock, CancellationToken ct)
    {
        var result = await ReplayQuarantined.ExecuteAsync(id, db, tenant, ingestion, clock, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.Error!.ToApi();
    }

    internal static MeterResponse Response(Meter m, IReadOnlyList<Meter> all, string? companyKey) => new(
        m.Code, m.Name, m.FacilityId, all.FirstOrDefault(p => p.Id == m.ParentId)?.Code, m.Line, m.Kind.ToString(), m.Carrier.ToString(), m.Unit, m.Multiplier,
        m.Semantics.ToString(), m.IntervalMinutes, m.CounterMax, m.MaxKw, m.TimeZone, m.SourceId, m.Formula, m.AlarmKw, m.AlarmKgCo2ePerHour,
        $"tanpan/{companyKey ?? "{companyKey}"}/meters/{m.Code}/readings");

    public static string GrainName(RollupGrainCode grain) => grain switch
    {
        RollupGrainCode.QuarterHour => "15min",
        RollupGrainCode.Hour => "hour",
        RollupGrainCode.Day => "day",
        _ => "month",
    };

    internal static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private static DateTimeOffset Taipei(DateTime utc) => Local(utc, Platform.Localization.TaipeiTime.Zone);

}
