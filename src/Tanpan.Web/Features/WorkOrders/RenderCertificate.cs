using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>GET /api/v1/work-orders/{id}/certificate.pdf: the PDF of the certificate issued for the current result,
/// rendered from its stored record only. Reading it changes nothing; issuing is <see cref="CertifyWorkOrder"/>.</summary>
public static class RenderCertificate
{
    internal static async Task<Results<FileContentHttpResult, ApiError>> Handle(Guid id, HttpRequest http, TanpanDb db, IConfiguration configuration, CancellationToken ct)
    {
        var pdf = await RenderAsync(id, db, http, configuration, ct);
        return pdf.Succeeded ? TypedResults.File(pdf.Value.Pdf, "application/pdf", $"tanpan-certificate-{pdf.Value.WorkOrderNo}.pdf") : pdf.Error!.ToApi();
    }

    public static async Task<Result<(byte[] Pdf, string WorkOrderNo)>> RenderAsync(Guid id, TanpanDb db, HttpRequest http, IConfiguration configuration, CancellationToken ct)
    {
        var order = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return WorkOrderErrors.NotFound(id);
        }

        var row = order.CurrentCertificateId is { } certificateId ? await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId, ct) : null;
        if (row is null)
        {
            return WorkOrderErrors.NotCertified(id);
        }

        if (!CertificateRecords.TryRead(row, out var certificate))
        {
            return new ConflictError("certificate.altered", "The stored certificate does not match its verification code; it cannot be printed.");
        }

        var seal = await SealAsync(db, certificate!.SealSha256, ct);
        return (WorkOrderCertificatePdf.Render(certificate, row.Hash, CertificateLinks.VerificationUrl(row, http, configuration), seal, Language.Of(http.HttpContext)), certificate.WorkOrder.WorkOrderNo);
    }

    public static async Task<byte[]?> SealAsync(TanpanDb db, string? sha, CancellationToken ct)
    {
        if (sha is null)
        {
            return null;
        }

        var seal = await db.CertificateSeals.AsNoTracking().FirstOrDefaultAsync(s => s.Sha256 == sha, ct);
        // A seal whose bytes no longer hash to its key is not printed rather than printed wrong.
        return seal is not null && Convert.ToHexStringLower(SHA256.HashData(seal.Image)) == sha ? seal.Image : null;
    }
}
