using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data.Interceptors;

namespace Tanpan.Web.Data;

public static class DataServices
{
    /// <summary>One switch on the provider: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, else a SQLite file.</summary>
    public static IHostApplicationBuilder AddTanpanData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TenantStampInterceptor>();
        builder.Services.AddScoped<AuditInterceptor>();
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddDbContext<PostgresTanpanDb>((sp, o) => o
                .UseNpgsql(postgres, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations"))
                .AddInterceptors(sp.GetRequiredService<TenantStampInterceptor>(), sp.GetRequiredService<AuditInterceptor>()));
            builder.Services.AddScoped<TanpanDb>(sp => sp.GetRequiredService<PostgresTanpanDb>());
        }
        else
        {
            var sqlite = builder.Configuration.GetConnectionString("Sqlite");
            if (string.IsNullOrWhiteSpace(sqlite))
            {
                sqlite = $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "tanpan.db")}";
            }

            builder.Services.AddDbContext<SqliteTanpanDb>((sp, o) => o
                .UseSqlite(sqlite, s => s.MigrationsHistoryTable("__ef_migrations"))
                .AddInterceptors(sp.GetRequiredService<TenantStampInterceptor>(), sp.GetRequiredService<AuditInterceptor>()));
            builder.Services.AddScoped<TanpanDb>(sp => sp.GetRequiredService<SqliteTanpanDb>());
        }

        return builder;
    }
}
