using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>Readings of one meter from one payload, already parsed and checked.</summary>
public sealed record ReadingBatch(Guid CompanyId, Guid MeterId, IReadOnlyList<RawReading> Readings, IngestChannel Channel, string Actor);

/// <summary>Writes accepted batches, their audit rows and their dirty ranges in one transaction, or nothing.
/// PostgreSQL: one binary COPY of every reading into the partitioned table (the fast path: new data); when a
/// reading repeats a stored (meter, time) the COPY fails as a whole and each batch goes again through an upsert that
/// keeps identical repeats as no-ops and takes a changed value as a correction. SQLite: the upsert, prepared once.
/// Raw SQL rather than the change tracker: a batch of 10,000 readings must cost a COPY, not 10,000 entities.</summary>
public sealed class ReadingWriter(TimeProvider clock)
{
    private static readonly ConcurrentDictionary<string, bool> KnownPartitions = new();

    /// <summary>Ten parameters a batch: 500 stay far below either provider's limit on parameters per command.</summary>
    private const int BatchesPerCommand = 500;

    /// <summary>Returns how many readings of each batch were new, in batch order.</summary>
    public async Task<int[]> WriteAsync(TanpanDb db, IReadOnlyList<ReadingBatch> batches, IReadOnlyList<QuarantinedPayload> quarantined, CancellationToken ct)
    {
        if (batches.Count == 0 && quarantined.Count == 0)
        {
            return [];
        }

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return connection switch
        {
            NpgsqlConnection npgsql => await WritePostgresAsync(npgsql, batches, quarantined, ct),
            SqliteConnection sqlite => await WriteSqliteAsync(sqlite, batches, quarantined, ct),
            _ => throw new NotSupportedException("Unknown database provider."),
        };
    }

    private async Task<int[]> WritePostgresAsync(NpgsqlConnection connection, IReadOnlyList<ReadingBatch> batches, IReadOnlyList<QuarantinedPayload> quarantined, CancellationToken ct)
    {
        await EnsurePartitionsAsync(connection, batches, ct);
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            try
            {
                await using (var copy = await connection.BeginBinaryImportAsync("""COPY "MeterReadings" ("MeterId", "TUtc", "Value", "CompanyId") FROM STDIN (FORMAT BINARY)""", ct))
                {
                    foreach (var batch in batches)
                    {
                        foreach (var r in batch.Readings)
                        {
                            await copy.StartRowAsync(ct);
                            await copy.WriteAsync(batch.MeterId, NpgsqlDbType.Uuid, ct);
                            await copy.WriteAsync(r.TUtc, NpgsqlDbType.TimestampTz, ct);
                            await copy.WriteAsync(r.Value, NpgsqlDbType.Numeric, ct);
                            await copy.WriteAsync(batch.CompanyId, NpgsqlDbType.Uuid, ct);
                        }
                    }

                    await copy.CompleteAsync(ct);
                }

                var inserted = batches.Select(b => b.Readings.Count).ToArray();
                await WriteBookkeepingAsync(connection, tx, batches, inserted, quarantined, ct);
                await tx.CommitAsync(ct);
                return inserted;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await tx.RollbackAsync(ct);
                return await UpsertPostgresAsync(connection, batches, quarantined, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation && attempt == 0)
            {
                // "no partition of relation found": a partition this process believed in was dropped (retention, a
                // reset database); forget what it knew and create them again.
                await tx.RollbackAsync(ct);
                KnownPartitions.Clear();
                await EnsurePartitionsAsync(connection, batches, ct);
            }
        }
    }

    private async Task<int[]> UpsertPostgresAsync(NpgsqlConnection connection, IReadOnlyList<ReadingBatch> batches, IReadOnlyList<QuarantinedPayload> quarantined, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var inserted = new int[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            // RETURNING of system columns (xmax) is not allowed on a partitioned table, so new and changed rows are
            // told apart by two statements in one: the UPDATE sees the snapshot before the INSERT.
            await using var cmd = new NpgsqlCommand(
                """
                WITH incoming AS (SELECT * FROM unnest(@t, @v) AS x(t, v)),
                ins AS (
                    INSERT INTO "MeterReadings" ("MeterId", "TUtc", "Value", "CompanyId")
                    SELECT @m, t, v, @c FROM incoming
                    ON CONFLICT ("MeterId", "TUtc") DO NOTHING
                    RETURNING 1),
                upd AS (
                    UPDATE "MeterReadings" r SET "Value" = i.v FROM incoming i
                    WHERE r."MeterId" = @m AND r."TUtc" = i.t AND r."Value" <> i.v
                    RETURNING 1)
                SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM upd)
                """, connection, tx);
            cmd.Parameters.AddWithValue("m", NpgsqlDbType.Uuid, batch.MeterId);
            cmd.Parameters.AddWithValue("c", NpgsqlDbType.Uuid, batch.CompanyId);
            cmd.Parameters.AddWithValue("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, batch.Readings.Select(r => r.TUtc).ToArray());
            cmd.Parameters.AddWithValue("v", NpgsqlDbType.Array | NpgsqlDbType.Numeric, batch.Readings.Select(r => r.Value).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            inserted[i] = (int)reader.GetInt64(0);
        }

        await WriteBookkeepingAsync(connection, tx, batches, inserted, quarantined, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    private async Task<int[]> WriteSqliteAsync(SqliteConnection connection, IReadOnlyList<ReadingBatch> batches, IReadOnlyList<QuarantinedPayload> quarantined, CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        // Insert-or-ignore tells a new reading from a repeat; only a repeat with another value is then updated (a
        // correction). Decimals are TEXT in EF's SQLite mapping: the same invariant text here, read back exactly.
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """INSERT OR IGNORE INTO "MeterReadings" ("MeterId", "TUtc", "Value", "CompanyId") VALUES ($m, $t, $v, $c)""";
        await using var update = connection.CreateCommand();
        update.Transaction = tx;
        update.CommandText = """UPDATE "MeterReadings" SET "Value" = $v WHERE "MeterId" = $m AND "TUtc" = $t AND "Value" <> $v""";
        var parameters = new[] { insert, update }.Select(cmd => (
            M: cmd.Parameters.Add("$m", SqliteType.Text), T: cmd.Parameters.Add("$t", SqliteType.Text),
            V: cmd.Parameters.Add("$v", SqliteType.Text), C: cmd.Parameters.Add("$c", SqliteType.Text))).ToArray();
        await insert.PrepareAsync(ct);
        await update.PrepareAsync(ct);
        var inserted = new int[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            foreach (var p in parameters)
            {
                p.M.Value = SqliteGuid(batch.MeterId);
                p.C.Value = SqliteGuid(batch.CompanyId);
            }

            foreach (var r in batch.Readings)
            {
                var time = SqliteTime(r.TUtc);
                var value = r.Value.ToString(CultureInfo.InvariantCulture);
                foreach (var p in parameters)
                {
                    p.T.Value = time;
                    p.V.Value = value;
                }

                if (await insert.ExecuteNonQueryAsync(ct) == 1)
                {
                    inserted[i]++;
                }
                else
                {
                    await update.ExecuteNonQueryAsync(ct);
                }
            }
        }

        await WriteBookkeepingAsync(connection, tx, batches, inserted, quarantined, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    /// <summary>The audit row per batch and the range whose roll-ups are now stale.</summary>
    private async Task WriteBookkeepingAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<ReadingBatch> batches, int[] inserted, IReadOnlyList<QuarantinedPayload> quarantined, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sqlite = connection is SqliteConnection;
        foreach (var q in quarantined)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO "MeterQuarantine" ("Id", "CompanyId", "MeterCode", "Channel", "ContentType", "Payload", "Field", "Reason", "ReceivedAtUtc")
                VALUES (@id, @c, @code, @ch, @type, @payload, @field, @reason, @now)
                """;
            Add(cmd, "id", sqlite ? SqliteGuid(q.Id) : q.Id);
            Add(cmd, "c", sqlite ? SqliteGuid(q.CompanyId) : q.CompanyId);
            Add(cmd, "code", q.MeterCode);
            Add(cmd, "ch", q.Channel.ToString());
            Add(cmd, "type", q.ContentType);
            Add(cmd, "payload", q.Payload);
            Add(cmd, "field", q.Field);
            Add(cmd, "reason", q.Reason);
            Add(cmd, "now", sqlite ? SqliteTime(q.ReceivedAtUtc) : q.ReceivedAtUtc);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        // Every batch's audit row and dirty range in one command (one round trip: a call carries dozens of payloads),
        // numbered parameters per batch; both providers run a command of several statements.
        for (var start = 0; start < batches.Count; start += BatchesPerCommand)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            var sql = new System.Text.StringBuilder();
            for (var i = start; i < Math.Min(batches.Count, start + BatchesPerCommand); i++)
            {
                var b = batches[i];
                if (b.Readings.Count == 0)
                {
                    continue;
                }

                var first = b.Readings[0].TUtc;
                var last = b.Readings[^1].TUtc;
                sql.Append(CultureInfo.InvariantCulture, $"""
                    INSERT INTO "MeterBatches" ("Id", "CompanyId", "MeterId", "Channel", "Readings", "Inserted", "FirstUtc", "LastUtc", "Actor", "ReceivedAtUtc")
                    VALUES (@id{i}, @c{i}, @m{i}, @ch{i}, @n{i}, @ins{i}, @f{i}, @l{i}, @a{i}, @now{i});
                    INSERT INTO "MeterDirtyRanges" ("MeterId", "FromUtc", "ToUtc", "CompanyId") VALUES (@m{i}, @f{i}, @l{i}, @c{i});

                    """);
                Add(cmd, $"id{i}", sqlite ? SqliteGuid(Guid.CreateVersion7(now)) : Guid.CreateVersion7(now));
                Add(cmd, $"c{i}", sqlite ? SqliteGuid(b.CompanyId) : b.CompanyId);
                Add(cmd, $"m{i}", sqlite ? SqliteGuid(b.MeterId) : b.MeterId);
                Add(cmd, $"ch{i}", b.Channel.ToString());
                Add(cmd, $"n{i}", b.Readings.Count);
                Add(cmd, $"ins{i}", inserted[i]);
                Add(cmd, $"f{i}", sqlite ? SqliteTime(first) : first);
                Add(cmd, $"l{i}", sqlite ? SqliteTime(last) : last);
                Add(cmd, $"a{i}", b.Actor.Length > 256 ? b.Actor[..256] : b.Actor);
                Add(cmd, $"now{i}", sqlite ? SqliteTime(now) : now);
            }

            if (sql.Length > 0)
            {
                cmd.CommandText = sql.ToString();
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
    }

    internal static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>EF Core's SQLite text forms, so rows written here read back through the model unchanged.</summary>
    internal static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    internal static string SqliteTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<ReadingBatch> batches, CancellationToken ct)
    {
        // A payload's readings are mostly in order: the month is looked at again only when it changes.
        var months = new List<DateTime>();
        foreach (var b in batches)
        {
            var last = DateTime.MinValue;
            foreach (var r in b.Readings)
            {
                if (r.TUtc.Year == last.Year && r.TUtc.Month == last.Month)
                {
                    continue;
                }

                last = new DateTime(r.TUtc.Year, r.TUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                if (!months.Contains(last))
                {
                    months.Add(last);
                }
            }
        }

        months.Sort();
        foreach (var month in months)
        {
            await ReadingPartitions.EnsureAsync(connection, month, KnownPartitions, ct);
        }
    }
}
