using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>A payload as it arrived, for one company's meter: JSON (<c>{"readings":[…]}</c>) or CSV.</summary>
public sealed record IncomingPayload(Guid CompanyId, string MeterCode, IngestChannel Channel, string Actor, ReadOnlyMemory<byte> Body, bool IsCsv);

/// <summary>What became of one payload: accepted (how many readings, how many new) or refused with its errors
/// (and, where nobody is there to be told — MQTT — kept in quarantine).</summary>
public sealed record IngestOutcome(int Readings, int Inserted, IReadOnlyList<FieldError> Errors, Guid? QuarantineId)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>The one ingestion path of every channel (MQTT, REST, upload, replay): parse and check each payload
/// against its meter, then write all accepted readings, their batch audit and the quarantined rest in one
/// transaction. A caller acknowledges (PUBACK, 202) only after this returns, so an acknowledged reading is stored.</summary>
public sealed class MeterIngestion(ReadingWriter writer, TimeProvider clock, ILogger<MeterIngestion> logger)
{
    public const int MaxReadingsPerPayload = 50_000;
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<(Guid Company, string Code), (MeterInfo? Meter, DateTime At)> meters = new();
    private int inFlight;

    /// <summary>Calls writing readings on this node right now (the roll-up worker lets them have the cores first).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Signalled after readings are stored, so the roll-up worker of this node starts at once.</summary>
    public event Action? Stored;

    private sealed record MeterInfo(Guid Id, MeterKind Kind);

    /// <summary>Forget a meter's cached identity (it was created, renamed or removed).</summary>
    public void Forget(Guid companyId, string code) => meters.TryRemove((companyId, code), out _);

    /// <summary>Checks and stores payloads; with <c>quarantine</c>, refused ones are kept (MQTT: nobody is on the line to be told).</summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(TanpanDb db, IReadOnlyList<IncomingPayload> payloads, bool quarantine, CancellationToken ct)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            return await CheckAndWriteAsync(db, payloads, quarantine, ct);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task<IReadOnlyList<IngestOutcome>> CheckAndWriteAsync(TanpanDb db, IReadOnlyList<IncomingPayload> payloads, bool quarantine, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var outcomes = new IngestOutcome[payloads.Count];
        var batches = new List<ReadingBatch>(payloads.Count);
        var batchOf = new int[payloads.Count];
        var held = new List<QuarantinedPayload>();
        for (var i = 0; i < payloads.Count; i++)
        {
            var p = payloads[i];
            batchOf[i] = -1;
            var errors = await CheckAsync(db, p, now, ct);
            if (errors.Errors.Count > 0)
            {
                Guid? quarantineId = null;
                if (quarantine)
                {
                    var row = Quarantined(p, errors.Errors[0], now);
                    held.Add(row);
                    quarantineId = row.Id;
                }

                outcomes[i] = new IngestOutcome(0, 0, errors.Errors, quarantineId);
                continue;
            }

            batchOf[i] = batches.Count;
            batches.Add(new ReadingBatch(p.CompanyId, errors.MeterId, errors.Readings!, p.Channel, p.Actor));
        }

        var inserted = await writer.WriteAsync(db, batches, held, ct);
        for (var i = 0; i < payloads.Count; i++)
        {
            if (batchOf[i] >= 0)
            {
                outcomes[i] = new IngestOutcome(batches[batchOf[i]].Readings.Count, inserted[batchOf[i]], [], null);
            }
        }

        if (batches.Count > 0)
        {
            Stored?.Invoke();
        }

        if (held.Count > 0 && logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("{Count} meter payload(s) quarantined; first: {Meter}: {Reason}", held.Count, held[0].MeterCode, held[0].Reason);
        }

        return outcomes;
    }

    private async Task<(IReadOnlyList<FieldError> Errors, Guid MeterId, IReadOnlyList<RawReading>? Readings)> CheckAsync(TanpanDb db, IncomingPayload p, DateTime now, CancellationToken ct)
    {
        var meter = await FindAsync(db, p.CompanyId, p.MeterCode, now, ct);
        if (meter is null)
        {
            return ([new FieldError("meter", $"no meter '{Clip(p.MeterCode, 60)}' in this company; create it (or correct the meter id in the topic or path), then replay", "meter.unknown")], Guid.Empty, null);
        }

        if (meter.Kind == MeterKind.Virtual)
        {
            return ([new FieldError("meter", $"'{p.MeterCode}' is a virtual meter: it is computed from other meters and takes no readings", "meter.virtual")], Guid.Empty, null);
        }

        var parsed = p.IsCsv
            ? MeterCsv.Parse(DecodeText(p.Body.Span), now, MaxReadingsPerPayload)
            : MeterPayload.Parse(p.Body.Span, now, MaxReadingsPerPayload);
        return parsed.Succeeded ? ([], meter.Id, parsed.Value.Readings) : (parsed.Errors, Guid.Empty, null);
    }

    private async Task<MeterInfo?> FindAsync(TanpanDb db, Guid companyId, string code, DateTime now, CancellationToken ct)
    {
        if (meters.TryGetValue((companyId, code), out var cached) && cached.Meter is not null && now - cached.At < CacheFor)
        {
            return cached.Meter;
        }

        // The MQTT consumer serves many companies from one scope, so the company is named here, not taken from
        // the scope; a REST caller's company is its own (the endpoint passes the tenant's id).
        var found = await db.Meters.IgnoreQueryFilters().Where(m => m.CompanyId == companyId && m.Code == code)
            .Select(m => new MeterInfo(m.Id, m.Kind)).FirstOrDefaultAsync(ct);
        if (found is not null)
        {
            meters[(companyId, code)] = (found, now);
        }

        return found;
    }

    private static QuarantinedPayload Quarantined(IncomingPayload p, FieldError first, DateTime now)
    {
        const int maxChars = 1_000_000;
        var text = DecodeText(p.Body.Span);
        return new QuarantinedPayload
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = p.CompanyId,
            MeterCode = Clip(p.MeterCode, 200),
            Channel = p.Channel,
            ContentType = p.IsCsv ? "text/csv" : "application/json",
            Payload = text.Length > maxChars ? text[..maxChars] : text,
            Field = Clip(first.Path, 200),
            Reason = Clip(first.Message, 1000),
            ReceivedAtUtc = now,
        };
    }

    private static string DecodeText(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body);

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}
