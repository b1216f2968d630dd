using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>The public check behind /verify/{id}: the code must be the certificate's, the stored certificate must
/// still hash to it, and the work order behind it must not have changed since issue. Content is returned only when
/// the code matches.</summary>
public static class VerifyCertificate
{
    public static async Task<CertificateCheck> CheckAsync(Guid id, string? hash, TanpanDb db, CancellationToken ct)
    {
        // Public by design: the certificate's holder (a customer) is not a member. The tenant filter is lifted for this lookup only.
        var row = await db.Certificates.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null || string.IsNullOrEmpty(hash) || hash.Length != 64
            || !(string.Equals(hash, row.Hash, StringComparison.OrdinalIgnoreCase) || string.Equals(hash, row.LegacyHash, StringComparison.OrdinalIgnoreCase)))
        {
            return new CertificateCheck(CertificateVerdict.CodeMismatch, null, null);
        }

        if (!CertificateRecords.TryRead(row, out var certificate))
        {
            return new CertificateCheck(CertificateVerdict.Altered, null, null);
        }

        var order = await db.WorkOrders.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.Id == row.WorkOrderId, ct);
        var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == row.CompanyId, ct);
        var (_, intact) = order is null ? (null, false) : WorkOrderRecords.Read(order);
        var current = order is not null && intact && order.ContentHash == certificate!.WorkOrderHash && order.CurrentCertificateId == row.Id;
        var sameCompany = company is not null && company.Name == certificate!.CompanyName;
        return new CertificateCheck(current && sameCompany ? CertificateVerdict.Valid : CertificateVerdict.Superseded, certificate, company?.Name);
    }
}
