using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Pact.Pages;

/// <summary>/operator/exchange: the association sees which members can exchange footprints — only members whose admin
/// consented, and only counts (published footprints, customer systems, supplier connections), never a footprint.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorExchangeModel(TanpanDb db) : FormPage
{
    public sealed record Member(string Name, string? TaxId, DateTime ListedAtUtc, int ActiveFootprints, int Clients, int Suppliers);

    public IReadOnlyList<Member> Members { get; private set; } = [];

    public int NotListed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Across members, on purpose and only for those who consented: the operator has no tenant of its own.
        var listed = await db.Companies.AsNoTracking().Where(c => c.Status == Platform.Tenancy.CompanyStatus.Approved && c.ExchangeListedAtUtc != null)
            .Select(c => new { c.Id, c.Name, c.TaxId, c.ExchangeListedAtUtc }).ToListAsync(ct);
        var ids = listed.Select(c => c.Id).ToList();
        var footprints = await db.PactFootprints.IgnoreQueryFilters().Where(f => ids.Contains(f.CompanyId) && f.Status == PactFootprintStatus.Active).GroupBy(f => f.CompanyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var clients = await db.PactClients.IgnoreQueryFilters().Where(c => ids.Contains(c.CompanyId) && c.RevokedAtUtc == null).GroupBy(c => c.CompanyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var suppliers = await db.SupplierConnections.IgnoreQueryFilters().Where(s => ids.Contains(s.CompanyId)).GroupBy(s => s.CompanyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Members = listed.Select(c => new Member(c.Name, c.TaxId, c.ExchangeListedAtUtc!.Value, footprints.GetValueOrDefault(c.Id), clients.GetValueOrDefault(c.Id), suppliers.GetValueOrDefault(c.Id)))
            .OrderByDescending(m => m.ActiveFootprints).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        NotListed = await db.Companies.CountAsync(c => c.Status == Platform.Tenancy.CompanyStatus.Approved && c.ExchangeListedAtUtc == null, ct);
    }
}
