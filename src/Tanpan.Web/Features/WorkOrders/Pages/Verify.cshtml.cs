using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tanpan.Web.Data;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>Public verification of a work-order certificate. Content is shown only for the matching code; the
/// verdict also says when the stored certificate was altered or its work order changed since issue.</summary>
public sealed class VerifyModel(TanpanDb db) : PageModel
{
    public CertificateCheck Check { get; private set; } = new(CertificateVerdict.CodeMismatch, null, null);

    public async Task<IActionResult> OnGetAsync(Guid id, string? hash, CancellationToken ct)
    {
        Check = await VerifyCertificate.CheckAsync(id, hash, db, ct);
        return Page();
    }
}
