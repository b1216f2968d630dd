using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.Factors;

/// <summary>The signed-in company's custom factors as an engine factor source.</summary>
public sealed class CompanyFactorSource(IReadOnlyDictionary<string, Engine.Factors.CustomFactor> factors) : ICustomFactorSource
{
    public Engine.Factors.CustomFactor? Find(string code) => factors.GetValueOrDefault(code);

    public static async Task<CompanyFactorSource> LoadAsync(TanpanDb db, CancellationToken ct)
    {
        var rows = await db.CustomFactors.AsNoTracking().ToListAsync(ct);
        return new CompanyFactorSource(rows.ToDictionary(
            r => r.Code,
            r => new Engine.Factors.CustomFactor(r.Code, r.KgCo2ePerUnit, Units.Parse(r.PerUnit), r.Source, r.Version, r.Year),
            StringComparer.OrdinalIgnoreCase));
    }
}

