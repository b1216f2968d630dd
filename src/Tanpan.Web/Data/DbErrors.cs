using Microsoft.EntityFrameworkCore;

namespace Tanpan.Web.Data;

public static class DbErrors
{
    /// <summary>True when a save failed on a unique index (SQLite constraint 2067, PostgreSQL 23505): a conflict
    /// with a concurrent or earlier write, answered as 409, never as 500.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
