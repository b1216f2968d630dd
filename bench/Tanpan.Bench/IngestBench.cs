using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Npgsql;
using NpgsqlTypes;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Bench;

/// <summary>Meter ingestion through the app's own path, against a bare COPY of the same rows, and over MQTT.
/// Usage: ingest --postgres CONNSTR [--readings 1000000] [--mqtt-readings 2000000] [--soak-seconds S]
/// [--soak-rate 100000] [--meters 100] [--group 20] [--workers 2] [--rounds 5] [--publishers 4] [--in-flight 100].
/// Creates a fresh database in the given server (dropped at the end), starts mosquitto (dynamic security, no
/// persistence) on a free port of 127.0.0.1 and the app in-process (its migrations, its hosted services); logs go to
/// stderr, one JSON object to stdout.</summary>
internal static class IngestBench
{
    private const int PerPayload = 1_000;
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int IntArg(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var server = Arg("--postgres") ?? throw new ArgumentException("--postgres CONNSTR is required");
        var readings = IntArg("--readings", 1_000_000);
        var mqttReadings = IntArg("--mqtt-readings", 2_000_000);
        var soakSeconds = Arg("--soak-seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : (int?)null;
        var soakRate = IntArg("--soak-rate", 100_000);
        var meterCount = IntArg("--meters", 100);
        var groupSize = IntArg("--group", 20);
        var workers = IntArg("--workers", 2);
        var rounds = IntArg("--rounds", 5);
        var publishers = IntArg("--publishers", 4);
        var inFlight = IntArg("--in-flight", 100);
        if (readings % (meterCount * PerPayload) != 0 || mqttReadings % (meterCount * PerPayload) != 0)
        {
            throw new ArgumentException($"--readings and --mqtt-readings must be multiples of meters × {PerPayload}");
        }

        var database = "tanpan_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        // WebApplicationFactory looks for the app's content root (wwwroot) by this setting before guessing.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "src", "Tanpan.Web", "Tanpan.Web.csproj")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TANPAN_WEB", Path.Combine(root?.FullName ?? ".", "src", "Tanpan.Web"));
        var result = new Dictionary<string, object?>();
        try
        {
            await using var broker = await Mosquitto.StartAsync();
            await using var app = new BenchApp(connectionString, broker);
            await RunPhasesAsync(app, connectionString, result, readings, mqttReadings, soakSeconds, soakRate, meterCount, groupSize, workers, rounds, publishers, inFlight);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss.fff}] {message}");

    private static async Task RunPhasesAsync(BenchApp app, string connectionString, Dictionary<string, object?> result, int readings, int mqttReadings,
        int? soakSeconds, int soakRate, int meterCount, int groupSize, int workers, int rounds, int publishers, int inFlight)
    {
        var services = app.Services; // starts the app: migrations, hosted services, the MQTT consumer
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        result["synchronous_commit"] = await ScalarAsync<string>(dataSource, "SHOW synchronous_commit");
        result["cores"] = Environment.ProcessorCount;

        var rest = await SetUpCompanyAsync(services, "Bench REST", (meterCount * rounds) + 1);
        var mqtt = await SetUpCompanyAsync(services, "Bench MQTT", meterCount);
        var ingestion = services.GetRequiredService<MeterIngestion>();

        // Warm-up (JIT, connection pool, partitions) on a meter of its own, before timing: the app's path, then the
        // floor's table and COPY.
        var warmMeter = rest.Meters[^1];
        var warmItems = Build([warmMeter], 20, 0, rest.CompanyId);
        await IngestAsync(services, ingestion, warmItems.Chunk(groupSize).Select(g => g.Select(p => p.Payload).ToArray()).ToArray(), workers, null);
        await WaitRollupsAsync(dataSource, TimeSpan.FromMinutes(5));
        // Every round's meters read minute after minute from Start: the months their readings span.
        var lastReadingUtc = Start.UtcDateTime.AddMinutes((readings / meterCount) - 1);
        var months = new List<DateTime>();
        for (var m = new DateTime(Start.UtcDateTime.Year, Start.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc); m <= lastReadingUtc; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        await CreateFloorTableAsync(dataSource, [.. months]);
        await CopyAsync(dataSource, [.. warmItems.Chunk(groupSize).Select(g => g.SelectMany(p => p.Rows()).ToArray())], workers, rest.CompanyId);

        // ---- ingest against the floor, in rounds: this VM's speed drifts by ±30 % within minutes, so each round
        // times the app's path and then the bare COPY of the same number of rows back to back, each round on meters
        // of its own (both tables grow alike), and the ratio is taken per round. ----
        // The app's path: MeterIngestion.IngestAsync, groups of payloads, concurrent workers, roll-ups drained before
        // each round starts. The floor: the same rows (as values) by bare binary COPY into an identical table.
        var ingestRuns = new List<double>();
        var floorRuns = new List<double>();
        var drainRuns = new List<double>();
        var sw = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var roundMeters = rest.Meters[(round * meterCount)..((round + 1) * meterCount)];
            Log($"round {round + 1}: building {readings:N0} readings as {readings / PerPayload:N0} payloads of {PerPayload:N0}");
            var payloads = Build(roundMeters, readings / meterCount / PerPayload, 0, rest.CompanyId);
            var groups = payloads.Chunk(groupSize).ToArray();
            await ExecAsync(dataSource, "CHECKPOINT");
            var stages = new StageClock();
            sw.Restart();
            await IngestAsync(services, ingestion, groups.Select(g => g.Select(p => p.Payload).ToArray()).ToArray(), workers, stages);
            var ingestS = sw.Elapsed.TotalSeconds;
            var ids = string.Join(",", roundMeters.Select(m => $"'{m.Id}'"));
            var stored = await ScalarAsync<long>(dataSource, $"""SELECT count(*) FROM "MeterReadings" WHERE "MeterId" IN ({ids})""");
            if (stored != readings)
            {
                throw new InvalidOperationException($"ingest stored {stored:N0} readings, expected {readings:N0}");
            }

            sw.Restart();
            await WaitRollupsAsync(dataSource, TimeSpan.FromMinutes(10));
            drainRuns.Add(sw.Elapsed.TotalSeconds);
            if (round == 0)
            {
                // Parsing alone (the engine's MeterPayload.Parse, same payloads, same workers): the CPU floor of the app path.
                result["parse_only_s"] = Math.Round(ParseOnly(payloads.Select(p => p.Payload.Body).ToArray(), workers), 3);
            }

            var rows = groups.Select(g => g.SelectMany(p => p.Rows()).ToArray()).ToArray();
            payloads = null;
            groups = null;
            await ExecAsync(dataSource, "CHECKPOINT");
            sw.Restart();
            await CopyAsync(dataSource, rows, workers, rest.CompanyId);
            var copyS = sw.Elapsed.TotalSeconds;
            Log($"round {round + 1}: ingest {ingestS:F2} s ({readings / ingestS:N0} readings/s; {stages}), roll-ups drained {drainRuns[^1]:F2} s later; copy floor {copyS:F2} s; ratio {copyS / ingestS:F3}");
            ingestRuns.Add(ingestS);
            floorRuns.Add(copyS);
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var ratios = floorRuns.Zip(ingestRuns, (f, i) => f / i).ToArray();
        result["readings"] = readings;
        result["rounds"] = rounds;
        result["ingest_s"] = Math.Round(Median(ingestRuns), 3);
        result["ingest_readings_per_s"] = Math.Round(readings / Median(ingestRuns));
        result["ingest_rollup_drain_s"] = Math.Round(Median(drainRuns), 3);
        result["copy_floor_s"] = Math.Round(Median(floorRuns), 3);
        result["ingest_vs_copy"] = Math.Round(Median(ratios), 3);
        result["ingest_runs_s"] = ingestRuns.Select(x => Math.Round(x, 3)).ToArray();
        result["copy_floor_runs_s"] = floorRuns.Select(x => Math.Round(x, 3)).ToArray();
        result["ingest_vs_copy_runs"] = ratios.Select(x => Math.Round(x, 3)).ToArray();
        await ExecAsync(dataSource, "DROP TABLE bench_floor");

        // ---- MQTT: company credentials, publishers at QoS 1 with pipelined publishes, until all are stored ----
        var consumer = services.GetRequiredService<MqttIngestion>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!consumer.Connected)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the app did not connect to mosquitto in 30 s");
            }

            await Task.Delay(50);
        }

        var credentials = await CredentialsAsync(services, mqtt.CompanyId);
        var perMeterPayloads = mqttReadings / meterCount / PerPayload;
        Log($"mqtt: building {mqttReadings:N0} readings as {mqttReadings / PerPayload:N0} messages");
        var mqttPayloads = Build(mqtt.Meters, perMeterPayloads, 0, mqtt.CompanyId);
        var clients = new List<IMqttClient>();
        for (var c = 0; c < publishers; c++)
        {
            clients.Add(await app.Broker.ConnectAsync(credentials.Username, credentials.Password, $"bench-gw-{c}"));
        }

        // Each publisher serves a fixed subset of meters, so a meter's payloads go in order over one connection.
        var messages = Enumerable.Range(0, publishers).Select(c => mqttPayloads.Where(p => p.MeterIndex % publishers == c)
            .Select(p => Message(credentials.Key, p.Code, p.Payload.Body)).ToArray()).ToArray();
        var baseline = await StoredAsync(dataSource, mqtt.CompanyId);
        Log("mqtt: timing");
        sw.Restart();
        var publishing = Task.WhenAll(clients.Select((client, c) => PublishAllAsync(client, messages[c], inFlight, null, CancellationToken.None)));
        var published = TimeSpan.Zero;
        while (await StoredAsync(dataSource, mqtt.CompanyId) - baseline < mqttReadings)
        {
            if (publishing.IsFaulted)
            {
                await publishing;
            }

            if (publishing.IsCompleted && published == TimeSpan.Zero)
            {
                published = sw.Elapsed;
            }

            if (sw.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"MQTT readings not all stored in 10 min ({await StoredAsync(dataSource, mqtt.CompanyId) - baseline:N0} of {mqttReadings:N0})");
            }

            await Task.Delay(50);
        }

        var mqttS = sw.Elapsed.TotalSeconds;
        var allStoredAt = sw.Elapsed;
        await publishing;
        if (published == TimeSpan.Zero)
        {
            published = sw.Elapsed;
        }

        Log($"mqtt: {mqttS:F2} s ({mqttReadings / mqttS:N0} readings/s), publishers done at {published.TotalSeconds:F2} s");
        result["mqtt_readings"] = mqttReadings;
        result["mqtt_s"] = Math.Round(mqttS, 3);
        result["mqtt_readings_per_s"] = Math.Round(mqttReadings / mqttS);
        result["mqtt_publish_s"] = Math.Round(published.TotalSeconds, 3);

        // ---- roll-up lag: from "all stored" to the last reading's hour rolled up and no dirty range left ----
        var lastMeter = mqtt.Meters[^1];
        var lastUtc = mqttPayloads.Where(p => p.MeterIndex == meterCount - 1).Max(p => p.LastUtc);
        var lastHour = new DateTime(lastUtc.Year, lastUtc.Month, lastUtc.Day, lastUtc.Hour, 0, 0, DateTimeKind.Utc);
        while (true)
        {
            var done = await ScalarAsync<bool>(dataSource, $"""
                SELECT EXISTS (SELECT 1 FROM "MeterRollups" WHERE "MeterId" = '{lastMeter.Id}' AND "Grain" = 60 AND "StartUtc" = '{lastHour:yyyy-MM-dd HH:mm:ss}+00')
                   AND NOT EXISTS (SELECT 1 FROM "MeterDirtyRanges")
                """);
            if (done)
            {
                break;
            }

            if (sw.Elapsed - allStoredAt > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("roll-ups not done 10 min after the last reading was stored");
            }

            await Task.Delay(50);
        }

        var lagS = (sw.Elapsed - allStoredAt).TotalSeconds;
        Log($"rollup lag: {lagS:F2} s");
        result["rollup_lag_s"] = Math.Round(lagS, 3);
        var counted = await ScalarAsync<long>(dataSource, $"""SELECT count(*) FROM "MeterReadings" WHERE "CompanyId" = '{mqtt.CompanyId}'""");
        if (counted != mqttReadings)
        {
            throw new InvalidOperationException($"MeterReadings holds {counted:N0} MQTT readings, expected {mqttReadings:N0}");
        }

        messages = null;

        // ---- soak: a steady rate for S seconds; the process's resident set at start and end ----
        if (soakSeconds is { } seconds)
        {
            var perPublisher = (double)soakRate / PerPayload / publishers; // messages a second per publisher
            var before = await StoredAsync(dataSource, mqtt.CompanyId);
            result["soak_rss_mib_start"] = RssMiB();
            result["soak_rate"] = soakRate;
            Log($"soak: {soakRate:N0} readings/s for {seconds} s; RSS {result["soak_rss_mib_start"]} MiB");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var staleness = StalenessAsync(dataSource, stop.Token);
            // The resident set every 5 s: "flat" is judged on the whole soak, not on its two ends.
            var rss = Task.Run(async () =>
            {
                var samples = new List<long>();
                while (!stop.IsCancellationRequested)
                {
                    samples.Add(RssMiB());
                    await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
                }

                return samples;
            });
            var soak = clients.Select((client, c) => SoakAsync(client, credentials.Key, mqtt.Meters, c, publishers, perMeterPayloads, perPublisher, inFlight, stop.Token)).ToArray();
            var sent = (await Task.WhenAll(soak)).Sum();
            var stale = await staleness;
            var rssSamples = await rss;
            var half = rssSamples.Count / 2;
            result["soak_rss_mib_max"] = rssSamples.Max();
            result["soak_rss_mib_max_first_half"] = rssSamples.Take(Math.Max(1, half)).Max();
            result["soak_rss_mib_max_second_half"] = rssSamples.Skip(half).DefaultIfEmpty(0).Max();
            result["soak_rollup_staleness_p50_s"] = stale.P50;
            result["soak_rollup_staleness_max_s"] = stale.Max;
            result["soak_rss_mib_end"] = RssMiB();
            var soakUntil = DateTime.UtcNow.AddMinutes(2);
            while (await StoredAsync(dataSource, mqtt.CompanyId) - before < sent && DateTime.UtcNow < soakUntil)
            {
                await Task.Delay(50);
            }

            var soakStored = await StoredAsync(dataSource, mqtt.CompanyId) - before;
            Log($"soak: {sent:N0} readings published, {soakStored:N0} stored; RSS {result["soak_rss_mib_end"]} MiB");
            result["soak_readings"] = soakStored;
            result["soak_readings_published"] = sent;
        }

        foreach (var client in clients)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            client.Dispose();
        }
    }

    private sealed record BenchMeter(Guid Id, string Code);

    private sealed record BenchCompany(Guid CompanyId, BenchMeter[] Meters);

    /// <summary>One payload of one meter: readings <c>First … First + 999</c> minutes after <see cref="Start"/>.</summary>
    private sealed record Item(IncomingPayload Payload, int MeterIndex, string Code, Guid MeterId, int First, DateTime FirstUtc, DateTime LastUtc)
    {
        public IEnumerable<FloorRow> Rows()
        {
            for (var i = First; i < First + PerPayload; i++)
            {
                yield return new FloorRow(MeterId, Start.UtcDateTime.AddMinutes(i), Value(MeterIndex, i));
            }
        }
    }

    private readonly record struct FloorRow(Guid MeterId, DateTime TUtc, decimal Value);

    private static decimal Value(int meter, int minute) => 1000m + meter + (minute * 0.25m);

    /// <summary>Payloads for <paramref name="meters"/>, <paramref name="perMeter"/> each from payload
    /// <paramref name="fromPayload"/> on: in order per meter, the meters interleaved.</summary>
    private static Item[] Build(BenchMeter[] meters, int perMeter, int fromPayload, Guid companyId)
    {
        var items = new Item[meters.Length * perMeter];
        Parallel.For(0, items.Length, n =>
        {
            var k = fromPayload + (n / meters.Length);
            var m = n % meters.Length;
            items[n] = MakeItem(meters[m], m, k, companyId);
        });
        return items;
    }

    private static Item MakeItem(BenchMeter meter, int m, int k, Guid companyId)
    {
        var sb = new StringBuilder(PerPayload * 48);
        sb.Append("{\"readings\":[");
        var first = k * PerPayload;
        for (var i = first; i < first + PerPayload; i++)
        {
            if (i > first)
            {
                sb.Append(',');
            }

            sb.Append("{\"t\":\"").Append(Start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
                .Append("\",\"kwh\":").Append(Value(m, i).ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        sb.Append("]}");
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return new Item(new IncomingPayload(companyId, meter.Code, IngestChannel.Rest, "bench", body, IsCsv: false), m, meter.Code, meter.Id,
            first, Start.UtcDateTime.AddMinutes(first), Start.UtcDateTime.AddMinutes(first + PerPayload - 1));
    }

    private static async Task<BenchCompany> SetUpCompanyAsync(IServiceProvider services, string name, int meters)
    {
        var companyId = Guid.NewGuid();
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            db.Companies.Add(new Company { Id = companyId, Name = name, Status = CompanyStatus.Approved, CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        using var tenantScope = services.CreateScope();
        tenantScope.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "bench", PrincipalKind.System);
        var tdb = tenantScope.ServiceProvider.GetRequiredService<TanpanDb>();
        var facility = new Facility { Id = Guid.NewGuid(), Name = "一廠", CreatedAtUtc = DateTime.UtcNow };
        tdb.Facilities.Add(facility);
        var list = new List<BenchMeter>();
        for (var m = 0; m < meters; m++)
        {
            var meter = new Meter
            {
                Id = Guid.NewGuid(), FacilityId = facility.Id, Code = $"M{m:D3}", Name = $"M{m:D3} 電表", Kind = MeterKind.Physical, Carrier = EnergyCarrier.Electricity,
                Unit = "kWh", Semantics = MeterSemantics.Counter, IntervalMinutes = 1, TimeZone = "Asia/Taipei", CreatedAtUtc = DateTime.UtcNow,
            };
            tdb.Meters.Add(meter);
            list.Add(new BenchMeter(meter.Id, meter.Code));
        }

        await tdb.SaveChangesAsync();
        return new BenchCompany(companyId, [.. list]);
    }

    private static async Task<BrokerCredentials> CredentialsAsync(IServiceProvider services, Guid companyId)
    {
        using var scope = services.CreateScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantScope>();
        tenant.Enter(companyId, "bench", PrincipalKind.User);
        var result = await SetUpBrokerAccount.ExecuteAsync(scope.ServiceProvider.GetRequiredService<TanpanDb>(), tenant, scope.ServiceProvider.GetService<BrokerAccounts>(),
            scope.ServiceProvider.GetRequiredService<IOptions<MqttOptions>>().Value, TimeProvider.System, CancellationToken.None);
        return result.Value;
    }

    /// <summary>Groups of payloads into the app's ingestion, <paramref name="workers"/> at a time, each call in a
    /// scope of its own (as the MQTT consumer does).</summary>
    private static async Task IngestAsync(IServiceProvider services, MeterIngestion ingestion, IncomingPayload[][] groups, int workers, StageClock? stages)
    {
        var next = -1;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) is var g && g < groups.Length)
            {
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
                                var started = Stopwatch.GetTimestamp();
                var outcomes = await ingestion.IngestAsync(db, groups[g], quarantine: false, CancellationToken.None);
                stages?.Add(Stopwatch.GetElapsedTime(started));
                if (outcomes.FirstOrDefault(o => !o.Accepted || o.Inserted != o.Readings) is { } bad)
                {
                    throw new InvalidOperationException($"payload refused or not new: {bad}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
    }

    private static double ParseOnly(ReadOnlyMemory<byte>[] bodies, int workers)
    {
        var now = DateTime.UtcNow;
        foreach (var b in bodies.Take(50))
        {
            MeterPayload.Parse(b.Span, now, MeterIngestion.MaxReadingsPerPayload);
        }

        var sw = Stopwatch.StartNew();
        Parallel.For(0, bodies.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
        {
            if (!MeterPayload.Parse(bodies[i].Span, now, MeterIngestion.MaxReadingsPerPayload).Succeeded)
            {
                throw new InvalidOperationException("parse failed");
            }
        });
        return sw.Elapsed.TotalSeconds;
    }

    private static async Task CreateFloorTableAsync(NpgsqlDataSource dataSource, DateTime[] months)
    {
        // The DDL of the app's migration for "MeterReadings", under another name.
        await ExecAsync(dataSource, """
            CREATE TABLE bench_floor (
                "MeterId" uuid NOT NULL,
                "TUtc" timestamp with time zone NOT NULL,
                "Value" numeric(24,9) NOT NULL,
                "CompanyId" uuid NOT NULL,
                CONSTRAINT "PK_bench_floor" PRIMARY KEY ("MeterId", "TUtc")
            ) PARTITION BY RANGE ("TUtc")
            """);
        foreach (var month in months)
        {
            await ExecAsync(dataSource, string.Create(CultureInfo.InvariantCulture,
                $"""CREATE TABLE "bench_floor_p{month:yyyyMM}" PARTITION OF bench_floor FOR VALUES FROM ('{month:yyyy-MM-dd} 00:00:00+00') TO ('{month.AddMonths(1):yyyy-MM-dd} 00:00:00+00')"""));
        }
    }

    /// <summary>One binary COPY (its own transaction) per group's rows, <paramref name="workers"/> at a time.</summary>
    private static async Task CopyAsync(NpgsqlDataSource dataSource, FloorRow[][] chunks, int workers, Guid companyId)
    {
        var next = -1;
        async Task Worker()
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            while (Interlocked.Increment(ref next) is var g && g < chunks.Length)
            {
                await using var copy = await connection.BeginBinaryImportAsync("""COPY bench_floor ("MeterId", "TUtc", "Value", "CompanyId") FROM STDIN (FORMAT BINARY)""");
                foreach (var r in chunks[g])
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.MeterId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.TUtc, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.Value, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(companyId, NpgsqlDbType.Uuid);
                }

                await copy.CompleteAsync();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
    }

    private static MqttApplicationMessage Message(string key, string code, ReadOnlyMemory<byte> body) =>
        new MqttApplicationMessageBuilder().WithTopic($"tanpan/{key}/meters/{code}/readings").WithPayload(body.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>Publishes in order with up to <paramref name="inFlight"/> unacknowledged at a time.</summary>
    private static async Task PublishAllAsync(IMqttClient client, IEnumerable<MqttApplicationMessage> messages, int inFlight, Func<int, Task>? pace, CancellationToken ct)
    {
        using var window = new SemaphoreSlim(inFlight);
        var pending = new List<Task>();
        var n = 0;
        foreach (var message in messages)
        {
            if (pace is not null)
            {
                await pace(n);
            }

            if (ct.IsCancellationRequested)
            {
                break;
            }

            await window.WaitAsync(CancellationToken.None);
            pending.Add(PublishOneAsync(client, message, window));
            n++;
            if (pending.Count >= 4 * inFlight)
            {
                pending.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }

        await Task.WhenAll(pending);
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim window)
    {
        try
        {
            var result = await client.PublishAsync(message, CancellationToken.None);
            if (result.ReasonCode != MqttClientPublishReasonCode.Success)
            {
                throw new InvalidOperationException($"publish refused: {result.ReasonCode} {result.ReasonString}");
            }
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>Steady publishing until <paramref name="ct"/>: this publisher's meters, payloads continuing after the
    /// timed run; returns the readings published.</summary>
    private static async Task<long> SoakAsync(IMqttClient client, string key, BenchMeter[] meters, int c, int publishers, int fromPayload, double perSecond, int inFlight, CancellationToken ct)
    {
        var mine = Enumerable.Range(0, meters.Length).Where(m => m % publishers == c).ToArray();
        long sent = 0;
        IEnumerable<MqttApplicationMessage> Messages()
        {
            for (var k = fromPayload; ; k++)
            {
                foreach (var m in mine)
                {
                    var item = MakeItem(meters[m], m, k, Guid.Empty);
                    sent += PerPayload;
                    yield return Message(key, item.Code, item.Payload.Body);
                }
            }
        }

        var sw = Stopwatch.StartNew();
        async Task Pace(int n)
        {
            var due = TimeSpan.FromSeconds(n / perSecond) - sw.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, ct);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        await PublishAllAsync(client, Messages(), inFlight, Pace, ct);
        return sent - PerPayload; // the last message built was not sent (the clock ran out while it waited)
    }

    private static async Task<long> StoredAsync(NpgsqlDataSource dataSource, Guid companyId) =>
        // The batch rows are written in the same transaction as their readings: their sum is the readings stored,
        // at a fraction of the cost of counting millions of rows every 50 ms (checked by a count(*) at the end).
        await ScalarAsync<long>(dataSource, $"""SELECT coalesce(sum("Inserted"), 0)::bigint FROM "MeterBatches" WHERE "CompanyId" = '{companyId}'""");

    /// <summary>How stale the roll-ups get under a steady stream: every 250 ms the newest dirty range is noted; the
    /// sample is done when no range up to it is left (its readings are in every grain), its staleness the time between.
    /// Sampling stops with <paramref name="stop"/>; the samples taken are then waited for.</summary>
    private static async Task<(double P50, double Max)> StalenessAsync(NpgsqlDataSource dataSource, CancellationToken stop)
    {
        var pending = new Queue<(TimeSpan At, long Id)>();
        var stale = new List<double>();
        var clock = Stopwatch.StartNew();
        var nextSample = TimeSpan.Zero;
        var giveUp = TimeSpan.MaxValue;
        while (clock.Elapsed < giveUp)
        {
            if (!stop.IsCancellationRequested && clock.Elapsed >= nextSample)
            {
                var newest = await ScalarAsync<long>(dataSource, """SELECT coalesce(max("Id"), 0) FROM "MeterDirtyRanges" """);
                pending.Enqueue((clock.Elapsed, newest));
                nextSample += TimeSpan.FromMilliseconds(250);
            }
            else if (stop.IsCancellationRequested && giveUp == TimeSpan.MaxValue)
            {
                giveUp = clock.Elapsed + TimeSpan.FromMinutes(2);
            }

            var oldest = await ScalarAsync<long>(dataSource, """SELECT coalesce(min("Id"), 9223372036854775807) FROM "MeterDirtyRanges" """);
            while (pending.Count > 0 && pending.Peek().Id < oldest)
            {
                var (at, _) = pending.Dequeue();
                var seconds = (clock.Elapsed - at).TotalSeconds;
                stale.Add(seconds);
                if (seconds > 3)
                {
                    // When, so a stall can be matched with the server's log (checkpoints, lock waits).
                    Log($"soak: roll-ups {seconds:F1} s behind for the readings noted at {DateTime.Now - (clock.Elapsed - at):HH:mm:ss.fff}");
                }
            }

            if (stop.IsCancellationRequested && pending.Count == 0)
            {
                break;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        stale.Sort();
        return stale.Count == 0 ? (0, 0) : (Math.Round(stale[stale.Count / 2], 3), Math.Round(stale[^1], 3));
    }

    private static async Task WaitRollupsAsync(NpgsqlDataSource dataSource, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (await ScalarAsync<bool>(dataSource, """SELECT EXISTS (SELECT 1 FROM "MeterDirtyRanges")"""))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("roll-ups still pending");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }

    private static long RssMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Times of the ingestion calls (count, mean, max), to see where the wall time goes.</summary>
    private sealed class StageClock
    {
        private readonly List<TimeSpan> _calls = [];

        public void Add(TimeSpan t)
        {
            lock (_calls)
            {
                _calls.Add(t);
            }
        }

        public override string ToString()
        {
            lock (_calls)
            {
                return _calls.Count == 0 ? "no calls" : $"{_calls.Count} calls, mean {_calls.Average(c => c.TotalMilliseconds):F0} ms, max {_calls.Max(c => c.TotalMilliseconds):F0} ms";
            }
        }
    }

    /// <summary>The real app over the bench database, with the broker's settings; logs at Warning to stderr.</summary>
    private sealed class BenchApp(string connectionString, Mosquitto broker) : WebApplicationFactory<MeterIngestion>
    {
        public Mosquitto Broker => broker;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Demo:Data", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Mqtt:Host", broker.Host);
            builder.UseSetting("Mqtt:Port", broker.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Mqtt:Username", "tanpan-app");
            builder.UseSetting("Mqtt:Password", broker.AppPassword);
            builder.UseSetting("Mqtt:AdminUsername", broker.AdminUsername);
            builder.UseSetting("Mqtt:AdminPassword", broker.AdminPassword);
            builder.UseSetting("Mqtt:ClientId", "tanpan-bench-node");
            builder.ConfigureTestServices(services => services.AddLogging(l =>
            {
                l.ClearProviders();
                l.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }));
        }
    }

    /// <summary>A throwaway mosquitto (Debian package) with the dynamic-security plugin, no persistence, on a free
    /// port of 127.0.0.1; killed and its directory deleted on dispose.</summary>
    private sealed class Mosquitto : IAsyncDisposable
    {
        private const string DynsecPlugin = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";
        private readonly string _directory;
        private readonly Process _process;

        private Mosquitto(string directory, int port, Process process) => (_directory, Port, _process) = (directory, port, process);

        public string Host => "127.0.0.1";

        public int Port { get; }

        public string AdminUsername => "admin";

        public required string AdminPassword { get; init; }

        public string AppPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

        public static async Task<Mosquitto> StartAsync()
        {
            var directory = Directory.CreateTempSubdirectory("tanpan-bench-mosquitto-").FullName;
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            var dynsec = Path.Combine(directory, "dynsec.json");
            using (var init = Process.Start(new ProcessStartInfo("/usr/bin/mosquitto_ctrl") { ArgumentList = { "dynsec", "init", dynsec, "admin", adminPassword }, RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                await init.WaitForExitAsync();
                if (init.ExitCode != 0)
                {
                    throw new InvalidOperationException("mosquitto_ctrl dynsec init failed: " + await init.StandardError.ReadToEndAsync());
                }
            }

            var config = Path.Combine(directory, "mosquitto.conf");
            // "user root": run as root, mosquitto would switch to the user 'mosquitto', which cannot read the temp dir.
            // max_queued_messages: the default 1000 (beyond the 500 in flight to the app) silently drops QoS 1
            // messages when publishers outrun the consumer, which a burst of 2,000 messages does.
            await File.WriteAllTextAsync(config, $"""
                user root
                listener {port} 127.0.0.1
                allow_anonymous false
                log_dest stderr
                log_type error
                log_type warning
                persistence false
                max_queued_messages 100000
                plugin {DynsecPlugin}
                plugin_opt_config_file {dynsec}

                """);
            var process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto") { ArgumentList = { "-c", config }, WorkingDirectory = directory, RedirectStandardOutput = false, RedirectStandardError = false })!;
            var broker = new Mosquitto(directory, port, process) { AdminPassword = adminPassword };
            var until = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return broker;
                }
                catch (SocketException) when (DateTime.UtcNow < until && !process.HasExited)
                {
                    await Task.Delay(50);
                }
            }
        }

        public async Task<IMqttClient> ConnectAsync(string username, string password, string clientId)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Host, Port).WithProtocolVersion(MqttProtocolVersion.V500)
                .WithClientId(clientId).WithCredentials(username, password).WithCleanStart(true).Build());
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"publisher {clientId} refused: {result.ResultCode}");
            }

            return client;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
