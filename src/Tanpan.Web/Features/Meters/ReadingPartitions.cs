using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Tanpan.Web.Features.Meters;

/// <summary>PostgreSQL's monthly partitions of <c>MeterReadings</c> (UTC months): created before a write needs them,
/// dropped whole by retention (a DROP, not a DELETE of millions of rows). There is no default partition, so a
/// month can always be attached later.</summary>
public static class ReadingPartitions
{
    public static string NameOf(DateTime monthUtc) => string.Create(CultureInfo.InvariantCulture, $"MeterReadings_p{monthUtc:yyyyMM}");

    public static async Task EnsureAsync(NpgsqlConnection connection, DateTime monthUtc, ConcurrentDictionary<string, bool> known, CancellationToken ct)
    {
        var name = NameOf(monthUtc);
        if (known.ContainsKey(name))
        {
            return;
        }

        var from = monthUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = monthUtc.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var cmd = new NpgsqlCommand($"""CREATE TABLE IF NOT EXISTS "{name}" PARTITION OF "MeterReadings" FOR VALUES FROM ('{from} 00:00:00+00') TO ('{to} 00:00:00+00')""", connection);
        try
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it between our check and our create.
        }

        known[name] = true;
    }

    /// <summary>Drops the partitions wholly before <paramref name="cutoffUtc"/>; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> DropBeforeAsync(NpgsqlConnection connection, DateTime cutoffUtc, ConcurrentDictionary<string, bool> known, CancellationToken ct)
    {
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("""SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'MeterReadings'""", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        var dropped = new List<string>();
        foreach (var name in names)
        {
            if (name.Length == "MeterReadings_p".Length + 6
                && DateTime.TryParseExact(name[^6..], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month)
                && month.AddMonths(1) <= cutoffUtc)
            {
                await using var drop = new NpgsqlCommand($"""DROP TABLE IF EXISTS "{name}" """, connection);
                await drop.ExecuteNonQueryAsync(ct);
                known.TryRemove(name, out _);
                dropped.Add(name);
            }
        }

        return dropped;
    }
}
