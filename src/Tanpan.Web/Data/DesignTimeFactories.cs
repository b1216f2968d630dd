using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tanpan.Web.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTanpanDb>
{
    public SqliteTanpanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTanpanDb>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations")).Options, new Tanpan.Web.Platform.Tenancy.TenantScope());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTanpanDb>
{
    public PostgresTanpanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTanpanDb>().UseNpgsql("Host=127.0.0.1;Database=design", n => n.MigrationsHistoryTable("__ef_migrations")).Options, new Tanpan.Web.Platform.Tenancy.TenantScope());
}
