using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tanpan.Web.Platform.Audit;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Data.Interceptors;

/// <summary>Writes an <see cref="AuditEntry"/> (who, when, before → after) for every change to an entity type that
/// declares <see cref="AuditedAttribute"/>, in the same transaction as the change itself. Who is the
/// <see cref="TenantScope"/>'s actor, so workers are audited like requests.</summary>
public sealed class AuditInterceptor(TenantScope tenant, TimeProvider clock) : SaveChangesInterceptor
{
    // Readable Chinese in the log (not \uXXXX escapes); the log is shown as text, never as HTML without encoding.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };
    private static readonly ConcurrentDictionary<Type, AuditedAttribute?> Declared = new();

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

    public static AuditedAttribute? DeclaredFor(Type type) => Declared.GetOrAdd(type, t => t.GetCustomAttribute<AuditedAttribute>());

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = context.ChangeTracker.Entries()
            .Where(e => (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && CompanyOf(e) is not null)
            .Select(e => (Entry: e, Audit: DeclaredFor(e.Metadata.ClrType)))
            .Where(x => x.Audit is not null)
            .ToList();
        foreach (var group in changed.GroupBy(x => (x.Entry.Metadata.ClrType, x.Entry.State, CompanyId: CompanyOf(x.Entry)!.Value)))
        {
            var audit = group.First().Audit!;
            var count = group.Count();
            if (count > audit.BatchAbove)
            {
                context.Add(new AuditEntry
                {
                    CompanyId = group.Key.CompanyId,
                    AtUtc = now,
                    User = tenant.Actor,
                    Entity = group.Key.ClrType.Name,
                    EntityId = $"{count} rows",
                    Action = group.Key.State + " (batch)",
                    After = JsonSerializer.Serialize(new { count, first = Key(group.First().Entry), last = Key(group.Last().Entry) }, Json),
                });
                continue;
            }

            foreach (var (entry, _) in group)
            {
                var before = entry.State == EntityState.Added ? null : Snapshot(entry, original: true);
                var after = entry.State == EntityState.Deleted ? null : Snapshot(entry, original: false);
                if (entry.State == EntityState.Modified && before == after)
                {
                    continue;
                }

                context.Add(new AuditEntry
                {
                    CompanyId = group.Key.CompanyId,
                    AtUtc = now,
                    User = tenant.Actor,
                    Entity = entry.Metadata.ClrType.Name,
                    EntityId = Key(entry),
                    Action = entry.State.ToString(),
                    Before = before,
                    After = after,
                });
            }
        }
    }

    // A company's own row is audited in its own trail; other audited rows belong to their tenant; audited platform
    // data (operator-added tariff and PCR versions, portal content) goes to the platform trail, which no company sees.
    private static Guid? CompanyOf(EntityEntry entry) => entry.Entity switch
    {
        ITenantOwned owned and not AuditEntry => owned.CompanyId,
        Company company => company.Id,
        AuditEntry => null,
        _ when DeclaredFor(entry.Metadata.ClrType) is not null => AuditEntry.PlatformTrail,
        _ => null,
    };

    private static string Key(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            // Large frozen records are referenced, not copied, into the audit trail.
            var value = original ? property.OriginalValue : property.CurrentValue;
            // Enums by name ("Locked", not 3): the trail reads the same after an enum gains a member.
            values[property.Metadata.Name] = (property.Metadata.Name.EndsWith("Json", StringComparison.Ordinal) || property.Metadata.Name.EndsWith("Csv", StringComparison.Ordinal)) && value is string s ? $"({s.Length} chars)"
                : value is Enum e ? e.ToString()
                : value;
        }

        return JsonSerializer.Serialize(values, Json);
    }
}
