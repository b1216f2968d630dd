using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Audit;

namespace Tanpan.Web.Data.Interceptors;

/// <summary>Writes an <see cref="AuditEntry"/> (who, when, before → after) for every change to a company's data,
/// in the same transaction as the change itself.</summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    // Readable Chinese in the log (not \uXXXX escapes); the log is shown as text, never as HTML without encoding.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var user = http.HttpContext?.User.Identity?.Name
            ?? (http.HttpContext?.Request.Headers.ContainsKey(Platform.Security.ApiKeyMiddleware.Header) == true ? "api-key" : "system");
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = context.ChangeTracker.Entries<ITenantOwned>()
            .Where(e => e.Entity is not AuditEntry && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var before = entry.State == EntityState.Added ? null : Snapshot(entry, original: true);
            var after = entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false);
            if (entry.State == EntityState.Modified && before == after)
            {
                continue;
            }

            context.Add(new AuditEntry
            {
                CompanyId = entry.Entity.CompanyId,
                AtUtc = now,
                User = user,
                Entity = entry.Metadata.ClrType.Name,
                EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                Action = entry.State.ToString(),
                Before = before,
                After = after,
            });
        }
    }

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            // Large frozen results are referenced, not copied, into the audit trail.
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[property.Metadata.Name] = property.Metadata.Name.EndsWith("Json", StringComparison.Ordinal) && value is string s ? $"({s.Length} chars)" : value;
        }

        return JsonSerializer.Serialize(values, Json);
    }
}
