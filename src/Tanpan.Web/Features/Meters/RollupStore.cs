using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tanpan.Engine.Energy;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Meters;

/// <summary>Replaces a meter's roll-ups of one grain over a time range in bulk (a DELETE and one array INSERT on
/// PostgreSQL, a prepared INSERT on SQLite): a week of a minute meter is 700 quarter-hours, and a plant has hundreds.
/// The insert is an upsert, so two passes over one meter that overlap (a rare race between nodes) end with the later
/// one's figures instead of an error; both are computed from committed readings.</summary>
public static class RollupStore
{
    public static async Task ReplaceAsync(TanpanDb db, Guid companyId, Guid meterId, RollupGrainCode grain, DateTime fromUtc, DateTime toUtc, IReadOnlyList<Bucket> buckets, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction?.GetDbTransaction();
        var sqlite = connection is SqliteConnection;
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = """DELETE FROM "MeterRollups" WHERE "MeterId" = @m AND "Grain" = @g AND "StartUtc" >= @f AND "StartUtc" < @t""";
            ReadingWriter.Add(delete, "m", sqlite ? ReadingWriter.SqliteGuid(meterId) : meterId);
            ReadingWriter.Add(delete, "g", (int)grain);
            ReadingWriter.Add(delete, "f", sqlite ? ReadingWriter.SqliteTime(fromUtc) : fromUtc);
            ReadingWriter.Add(delete, "t", sqlite ? ReadingWriter.SqliteTime(toUtc) : toUtc);
            await delete.ExecuteNonQueryAsync(ct);
        }

        if (buckets.Count == 0)
        {
            return;
        }

        if (connection is NpgsqlConnection npgsql)
        {
            await using var insert = new NpgsqlCommand(
                """INSERT INTO "MeterRollups" ("MeterId", "Grain", "StartUtc", "Quantity", "CompanyId") SELECT @m, @g, s, q, @c FROM unnest(@s, @q) AS x(s, q) ON CONFLICT ("MeterId", "Grain", "StartUtc") DO UPDATE SET "Quantity" = EXCLUDED."Quantity" """,
                npgsql, (NpgsqlTransaction?)tx);
            insert.Parameters.AddWithValue("m", NpgsqlDbType.Uuid, meterId);
            insert.Parameters.AddWithValue("g", (int)grain);
            insert.Parameters.AddWithValue("c", NpgsqlDbType.Uuid, companyId);
            insert.Parameters.AddWithValue("s", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, buckets.Select(b => b.StartUtc).ToArray());
            insert.Parameters.AddWithValue("q", NpgsqlDbType.Array | NpgsqlDbType.Numeric, buckets.Select(b => b.Quantity).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
            return;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """INSERT OR REPLACE INTO "MeterRollups" ("MeterId", "Grain", "StartUtc", "Quantity", "CompanyId") VALUES ($m, $g, $s, $q, $c)""";
        ReadingWriter.Add(cmd, "$m", ReadingWriter.SqliteGuid(meterId));
        ReadingWriter.Add(cmd, "$g", (int)grain);
        ReadingWriter.Add(cmd, "$c", ReadingWriter.SqliteGuid(companyId));
        var s = cmd.CreateParameter();
        s.ParameterName = "$s";
        cmd.Parameters.Add(s);
        var q = cmd.CreateParameter();
        q.ParameterName = "$q";
        cmd.Parameters.Add(q);
        await cmd.PrepareAsync(ct);
        foreach (var b in buckets)
        {
            s.Value = ReadingWriter.SqliteTime(b.StartUtc);
            q.Value = b.Quantity.ToString(CultureInfo.InvariantCulture);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

}
