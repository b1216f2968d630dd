using System.Globalization;
using System.Text.Json;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Platform.Audit;

/// <summary>An audit entry as a person reads it: "修改 活動數據 · 數量 120 → 130", with field names, enum values,
/// activities and units by their names and times in Taipei. The stored JSON stays the evidence; this is its view.</summary>
public static class AuditText
{
    // Keys, stamps and frozen payloads say nothing to a reader; the record's hash is checked elsewhere.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "Id", "CompanyId", "CreatedAtUtc", "ContentHash", "KeyHash", "Hash", "LegacyHash", "LockedRecordHash", "LockedResultJson", "RecordJson", "ResultJson",
        "InputsJson", "SchemaVersion", "CurrentCertificateId", "ConcurrencyStamp", "SecurityStamp", "SecretHash", "CallbackSecretProtected",
        "SecretProtected", "TokenHash",
    };

    private static readonly string[] EnumKinds = ["InventoryStatus", "BoundaryApproach", "EntryKind", "CompanyStatus", "AnnouncementKind", "MeasureKind", "PlanBoundary"];

    public sealed record Line(string Action, string What, IReadOnlyList<string> Changes);

    public static Line Describe(HttpContext context, AuditEntry entry)
    {
        var entity = context.Name("entity", entry.Entity);
        var batch = entry.Action.EndsWith(" (batch)", StringComparison.Ordinal);
        var action = context.Name("audit-action", batch ? entry.Action[..^" (batch)".Length] : entry.Action);
        if (batch)
        {
            var count = Read(entry.After)?.GetValueOrDefault("count").ToString() ?? "?";
            return new Line($"{action} {entity}", context.T($"批次 {count} 筆", $"a batch of {count}"), []);
        }

        var before = Read(entry.Before);
        var after = Read(entry.After);
        var changes = new List<string>();
        var fields = (after ?? before ?? []).Keys.Where(k => !Hidden.Contains(k) && !k.EndsWith("Id", StringComparison.Ordinal)).ToList();
        foreach (var field in fields)
        {
            var label = context.Name("field", field);
            if (before is not null && after is not null)
            {
                var was = before.GetValueOrDefault(field);
                var now = after.GetValueOrDefault(field);
                if (!JsonElement.DeepEquals(was, now))
                {
                    changes.Add($"{label} {Value(context, field, was)} → {Value(context, field, now)}");
                }
            }
            else if ((after ?? before)!.GetValueOrDefault(field) is { ValueKind: not JsonValueKind.Null } value && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                changes.Add($"{label}{context.T("：", ": ")}{Value(context, field, value)}");
            }
        }

        return new Line($"{action} {entity}", WhatOf(context, entry.Entity, after ?? before), changes);
    }

    private static string WhatOf(HttpContext context, string entity, Dictionary<string, JsonElement>? values)
    {
        string? Text(string key) => values?.GetValueOrDefault(key) is { ValueKind: JsonValueKind.String or JsonValueKind.Number } v ? v.ToString() : null;
        return entity switch
        {
            "InventoryRecord" => Text("Year") is { } year ? context.T($"{year} 年盤查", $"{year} inventory") : string.Empty,
            "ActivityEntry" => $"{Text("PeriodFrom")} – {Text("PeriodTo")} {Text("Reference")}".Trim(),
            "EmissionSource" => Text("Description") ?? string.Empty,
            "WorkOrder" => Text("WorkOrderNo") ?? string.Empty,
            "SignificanceAssessment" => Text("Category") ?? string.Empty,
            _ => Text("Name") ?? Text("Code") ?? string.Empty,
        };
    }

    private static string Value(HttpContext context, string field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "—";
            case JsonValueKind.True:
                return context.T("是", "yes");
            case JsonValueKind.False:
                return context.T("否", "no");
            case JsonValueKind.Number:
                // A year is not a quantity: 2025, not 2,025.
                return value.GetDecimal().ToString(field.EndsWith("Year", StringComparison.Ordinal) ? "0" : "#,0.##########", CultureInfo.InvariantCulture);
            case JsonValueKind.String:
                break;
            default:
                return value.ToString();
        }

        var text = value.GetString()!;
        if (field.EndsWith("Json", StringComparison.Ordinal))
        {
            return context.T("（凍結紀錄）", "(frozen record)");
        }

        if (field.EndsWith("AtUtc", StringComparison.Ordinal) && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return TaipeiTime.Format(at);
        }

        return field switch
        {
            "Activity" => context.ActivityName(text),
            "Unit" or "PerUnit" or "QuantityUnit" => context.UnitNameOf(text),
            "Use" => context.Name(Names.Use, text),
            "Technology" => context.Name(Names.Technology, text),
            "EnergyMethod" => context.Name(Names.EnergyMethod, text),
            "Region" => context.Name("region", text),
            "Scopes" => string.Join(context.T("、", ", "), text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(scope => context.Name(Names.Scope, scope))),
            "Category" => Engine.Activities.IsoCategory.Find(text) is { } c ? $"{c.Code} {context.T(c.NameZh, c.NameEn)}" : text,
            _ => EnumKinds.Select(kind => Names.Find(kind, text)).FirstOrDefault(n => n is not null) is { } name ? context.T(name.Zh, name.En) : text,
        };
    }

    private static Dictionary<string, JsonElement>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
