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
                factors[r.Code] = new CustomFactor(r.Code, r.KgCo2ePerUnit, unit, r.Source, r.Version, r.Year);
            }
        }

        return new CompanyFactorSource(factors);
    }
}

/// <summary><see cref="ICompanyFactors"/> over the request's database (tenant-filtered).</summary>
public sealed class CompanyFactors(TanpanDb db) : ICompanyFactors
{
    public async Task<ICustomFactorSource> LoadAsync(CancellationToken ct) => await CompanyFactorSource.LoadAsync(db, ct);

    public async Task<IReadOnlyList<string>> CodesAsync(CancellationToken ct) =>
        await db.CustomFactors.AsNoTracking().OrderBy(f => f.Code).Select(f => f.Code).ToListAsync(ct);
}
