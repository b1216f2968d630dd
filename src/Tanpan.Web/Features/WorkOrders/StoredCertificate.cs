using Tanpan.Web.Platform.Records;

namespace Tanpan.Web.Features.WorkOrders;

/// <summary>Everything a work-order certificate prints, frozen at issue: the company, the order's stored record
/// (data, method, result, factors) and its hash, the association's name and disclaimer, the seal by hash, and who
/// issued it when. The PDF and the verification page render from this alone.</summary>
public sealed record StoredCertificate(
    int SchemaVersion,
    Guid CertificateId,
    string CompanyName,
    string? CompanyTaxId,
    StoredWorkOrder WorkOrder,
    string WorkOrderHash,
    string? AssociationName,
    string Disclaimer,
    string? SealSha256,
    string? IssuedBy,
    DateTime IssuedAtUtc)
{
    public const int CurrentVersion = 1;
}

/// <summary>What a verification found.</summary>
public enum CertificateVerdict
{
    /// <summary>The code matches, the record is intact and the work order has not changed since issue.</summary>
    Valid,

    /// <summary>No such certificate, or the code does not match it: nothing is shown.</summary>
    CodeMismatch,

    /// <summary>The stored certificate no longer hashes to its code: it was altered behind the application's back.</summary>
    Altered,

    /// <summary>The certificate is intact, but its work order was recalculated or altered since.</summary>
    Superseded,
}

public sealed record CertificateCheck(CertificateVerdict Verdict, StoredCertificate? Certificate, string? CurrentCompanyName);

public static class CertificateRecords
{
    public static bool TryRead(WorkOrderCertificate row, out StoredCertificate? certificate) =>
        CanonicalJson.Verify(row.RecordJson, row.Hash, out certificate) && certificate is not null;
}
