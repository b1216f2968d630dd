using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;

namespace Tanpan.Web.Features.Tariffs;

public enum StoredTariffState
{
    InUse,
    Withdrawn,
    Rejected,
}

/// <summary>One stored upload, what it adds (schedule, effective date) and whether it is used; a rejected one says why.</summary>
public sealed record StoredTariff(TariffVersion Row, StoredTariffState State, IReadOnlyList<(string ScheduleId, DateOnly EffectiveFrom)> Adds, IReadOnlyList<FieldError> Problems);

/// <summary>The effective library and how each stored upload fared.</summary>
public sealed record EffectiveTariffReport(TariffLibrary Library, IReadOnlyList<StoredTariff> Stored)
{
    /// <summary>The upload a version of the library came from; null for a shipped version.</summary>
    public StoredTariff? UploadOf(TariffSchedule version) => version.OperatorAdded
        ? Stored.FirstOrDefault(s => s.State == StoredTariffState.InUse && s.Adds.Contains((version.Id, version.EffectiveFrom)))
        : null;
}

/// <summary>The last library built, by a key of the stored rows' ids, hashes and states: each request still reads
/// the rows (so an upload on another node, or a text changed behind the application, is seen at once) but the CSV
/// is parsed again only when something changed.</summary>
public sealed class TariffLibraryCache
{
    private readonly Lock _gate = new();
    private (string Key, EffectiveTariffReport Report)? _last;

    internal EffectiveTariffReport GetOrBuild(string key, Func<EffectiveTariffReport> build)
    {
        lock (_gate)
        {
            if (_last is { } last && last.Key == key)
            {
                return last.Report;
            }
        }

        var report = build();
        lock (_gate)
        {
            _last = (key, report);
        }

        return report;
    }
}

/// <summary>Shipped + every stored, non-withdrawn operator version in upload order. A stored version that no longer
/// validates against the library before it, or whose text does not match its hash, is left out and reported — a
/// study never fails (or bills on altered prices) because of it.</summary>
public sealed class EffectiveTariffs(TanpanDb db, TariffLibraryCache cache) : IEffectiveTariffs
{
    private EffectiveTariffReport? _report;

    public async Task<TariffLibrary> LibraryAsync(CancellationToken ct) => (await ReportAsync(ct)).Library;

    public async Task<EffectiveTariffReport> ReportAsync(CancellationToken ct)
    {
        if (_report is not null)
        {
            return _report;
        }

        var rows = await db.TariffVersions.AsNoTracking().OrderBy(v => v.UploadedAtUtc).ThenBy(v => v.Id).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return _report = new EffectiveTariffReport(TariffLibrary.Shipped, []);
        }

        var computed = rows.Select(r => TariffVersion.HashOf(r.PricesCsv)).ToList();
        var key = string.Join(";", rows.Select((r, i) => $"{r.Id}:{r.Hash}:{computed[i]}:{r.WithdrawnAtUtc is not null}"));
        _report = cache.GetOrBuild(key, () => Build(rows, computed));
        return _report;
    }

    /// <summary>After an upload or a withdrawal in this request.</summary>
    public void Forget() => _report = null;

    private static EffectiveTariffReport Build(List<TariffVersion> rows, List<string> computed)
    {
        var library = TariffLibrary.Shipped;
        var stored = new List<StoredTariff>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!string.Equals(computed[i], row.Hash, StringComparison.Ordinal))
            {
                stored.Add(new(row, StoredTariffState.Rejected, [], [new("PricesCsv", "the stored text does not match its SHA-256; it was changed outside the application and is not used", "tariff.altered")]));
                continue;
            }

            var next = library.WithOperatorVersions(row.PricesCsv, row.FileName);
            if (row.WithdrawnAtUtc is not null)
            {
                stored.Add(new(row, StoredTariffState.Withdrawn, next.Succeeded ? Adds(library, next.Value) : [], []));
            }
            else if (!next.Succeeded)
            {
                stored.Add(new(row, StoredTariffState.Rejected, [], next.Errors));
            }
            else
            {
                stored.Add(new(row, StoredTariffState.InUse, Adds(library, next.Value), []));
                library = next.Value;
            }
        }

        return new EffectiveTariffReport(library, stored);
    }

    /// <summary>The versions <paramref name="after"/> has that <paramref name="before"/> had not (its added rows).</summary>
    public static IReadOnlyList<(string ScheduleId, DateOnly EffectiveFrom)> Adds(TariffLibrary before, TariffLibrary after) =>
        [.. after.PriceRows.Skip(before.PriceRows.Count).Where(r => r.Component != TariffLabels.DemandResponseCredit).Select(r => (r.ScheduleId, r.EffectiveFrom)).Distinct()];
}
