using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Tenancy;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>POST /api/v1/work-orders/{id}/certify (and the detail page's button): issues the certificate of the
/// order's current result — a frozen, hashed record of everything it prints. Issuing twice returns the same one.</summary>
public static class CertifyWorkOrder
{
    public const string DefaultDisclaimerZh = "本證明依會員填報之工單活動數據與主管機關公告排放係數計算，僅供供應鏈溝通參考，並非經第三方查證之產品碳足跡（ISO 14067）。";

    public const string DefaultDisclaimerEn = "This certificate is calculated from the member's work-order data and published emission factors for supply-chain communication; it is not a verified product carbon footprint (ISO 14067).";

    public const string DefaultDisclaimer = DefaultDisclaimerZh + DefaultDisclaimerEn;

    internal static async Task<Results<Ok<CertificateResponse>, ApiError>> Handle(Guid id, HttpRequest http, TanpanDb db, TenantScope tenant, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var issued = await ExecuteAsync(id, db, tenant, configuration, clock, ct);
        return issued.Succeeded ? TypedResults.Ok(CertificateLinks.Response(issued.Value, http, configuration)) : issued.Error!.ToApi();
    }

    public static async Task<Result<WorkOrderCertificate>> ExecuteAsync(Guid id, TanpanDb db, TenantScope tenant, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.WorkOrders.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (order is null)
        {
            return WorkOrderErrors.NotFound(id);
        }

        if (order.CurrentCertificateId is { } existing && await db.Certificates.FirstOrDefaultAsync(c => c.Id == existing, ct) is { } current)
        {
            return current;
        }

        var (record, intact) = WorkOrderRecords.Read(order);
        if (record is null || !intact)
        {
            return WorkOrderErrors.Altered(id);
        }

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == order.CompanyId, ct);
        var settings = await db.CertificateSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var sealHash = await KeepSealAsync(db, settings, clock, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var certificateId = Guid.NewGuid();
        var certificate = new StoredCertificate(
            StoredCertificate.CurrentVersion, certificateId, company.Name, company.TaxId, record, order.ContentHash,
            settings?.AssociationName, settings?.Disclaimer ?? configuration["Certificate:Disclaimer"] ?? DefaultDisclaimer, sealHash, tenant.Actor, now);
        var (json, hash) = CanonicalJson.Seal(certificate);
        var row = new WorkOrderCertificate { Id = certificateId, CompanyId = order.CompanyId, WorkOrderId = order.Id, SchemaVersion = certificate.SchemaVersion, RecordJson = json, Hash = hash, IssuedAtUtc = now };
        db.Certificates.Add(row);
        order.CertifiedAtUtc = now;
        order.CurrentCertificateId = certificateId;
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>Keeps the seal being printed under its hash, so the certificate can print it later whatever the
    /// operator uploads next.</summary>
    private static async Task<string?> KeepSealAsync(TanpanDb db, CertificateSettings? settings, TimeProvider clock, CancellationToken ct)
    {
        if (settings?.SealImage is not { Length: > 0 } image)
        {
            return null;
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(image));
        if (!await db.CertificateSeals.AnyAsync(s => s.Sha256 == sha, ct))
        {
            db.CertificateSeals.Add(new CertificateSeal { Sha256 = sha, Image = image, ContentType = settings.SealContentType ?? "image/png", AddedAtUtc = clock.GetUtcNow().UtcDateTime });
        }

        return sha;
    }
}

public static class CertificateLinks
{
    public static CertificateResponse Response(WorkOrderCertificate row, HttpRequest http, IConfiguration configuration) =>
        new(row.Id, row.Hash, VerificationUrl(row, http, configuration), row.IssuedAtUtc);

    /// <summary>The public verification link printed on the certificate and in its QR code.</summary>
    public static string VerificationUrl(WorkOrderCertificate row, HttpRequest http, IConfiguration configuration)
    {
        var origin = configuration["Certificate:PublicBaseUrl"]?.TrimEnd('/') ?? $"{http.Scheme}://{http.Host}";
        return $"{origin}/verify/{row.Id}?hash={row.Hash}";
    }
}
