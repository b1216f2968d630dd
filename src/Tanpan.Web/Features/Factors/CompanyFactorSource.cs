using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Factors;

namespace Tanpan.Web.Features.Factors;

/// <summary>The signed-in company's custom factors as an engine factor source.</summary>
public sealed class CompanyFactorSource(IReadOnlyDictionary<string, CustomFactor> factors) : ICustomFactorSource
{
    public CustomFactor? Find(string code) => factors.GetValueOrDefault(code);

    public static async Task<CompanyFactorSource> LoadAsync(TanpanDb db, CancellationToken ct)
    {
        var rows = await db.CustomFactors.AsNoTracking().ToListAsync(ct);
        var factors = new Dictionary<string, CustomFactor>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            // A row whose unit no longer parses (edited behind the application) is left out, not a 500.
            if (Units.TryParse(r.PerUnit, out var unit))
            {
                factors[r.Code] = Engine(r, unit);
            }
        }

        return new CompanyFactorSource(factors);
    }

    /// <summary>The factor as the engine traces it: a supplier's declaration names the supplier in its source and its
    /// reference period in its version; its year is the period's end unless one was stated.</summary>
    internal static CustomFactor Engine(CompanyFactor r, Unit unit)
    {
        var period = r.ReferenceFrom is { } from && r.ReferenceTo is { } to ? $"reference period {from:yyyy-MM-dd}~{to:yyyy-MM-dd}" : null;
        var version = string.Join(" · ", new[] { r.Version, period }.Where(v => !string.IsNullOrWhiteSpace(v)));
        return new CustomFactor(r.Code, r.KgCo2ePerUnit, unit, r.Supplier is null ? r.Source : $"{r.Supplier}: {r.Source}", version.Length == 0 ? null : version, r.Year ?? r.ReferenceTo?.Year);
    }
}

/// <summary><see cref="ICompanyFactors"/> over the request's database (tenant-filtered).</summary>
public sealed class CompanyFactors(TanpanDb db, TimeProvider clock) : ICompanyFactors
{
    public async Task<IReadOnlyList<Engine.Common.FieldError>> AddAsync(CompanyFactorDraft draft, CancellationToken ct)
    {
        var built = await CustomFactorEndpoints.BuildAsync(
            new CustomFactorEndpoints.Request(draft.Code, draft.Name, draft.KgCo2ePerUnit, draft.PerUnit, draft.Source, draft.Version, null, draft.Supplier, draft.ReferenceFrom, draft.ReferenceTo),
            db, clock.GetUtcNow().UtcDateTime, ct);
        if (!built.Succeeded)
        {
            return built.Errors;
        }

        if (new[] { draft.TechnologicalDqr, draft.TemporalDqr, draft.GeographicalDqr }.Any(d => d is < 1 or > 5))
        {
            return [new Engine.Common.FieldError("dqr", "data quality ratings are 1 (very good) to 5 (poor)", "bom.dqr")];
        }

        (built.Value.TechnologicalDqr, built.Value.TemporalDqr, built.Value.GeographicalDqr) = (draft.TechnologicalDqr, draft.TemporalDqr, draft.GeographicalDqr);
        db.CustomFactors.Add(built.Value);
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<ICustomFactorSource> LoadAsync(CancellationToken ct) => await CompanyFactorSource.LoadAsync(db, ct);

    public async Task<IReadOnlyList<string>> CodesAsync(CancellationToken ct) =>
        await db.CustomFactors.AsNoTracking().OrderBy(f => f.Code).Select(f => f.Code).ToListAsync(ct);

    public async Task<IReadOnlyList<CompanyFactorInfo>> ListAsync(CancellationToken ct) =>
        (await db.CustomFactors.AsNoTracking().OrderBy(f => f.Code).ToListAsync(ct))
            .Select(f => new CompanyFactorInfo("custom." + f.Code, f.Name, f.KgCo2ePerUnit, f.PerUnit, f.Supplier, f.ReferenceFrom, f.ReferenceTo, f.TechnologicalDqr, f.TemporalDqr, f.GeographicalDqr)).ToList();
}
