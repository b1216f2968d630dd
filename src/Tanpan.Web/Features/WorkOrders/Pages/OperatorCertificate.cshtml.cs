using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>The association's seal image and disclaimer, printed on every work-order certificate.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorCertificateModel(TanpanDb db, TimeProvider clock) : FormPage
{
    public const int MaxSealBytes = 1024 * 1024;

    [BindProperty]
    public string? AssociationName { get; set; }

    [BindProperty]
    public string? Disclaimer { get; set; }

    public bool HasSeal { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await db.CertificateSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        AssociationName = settings?.AssociationName;
        Disclaimer = settings?.Disclaimer ?? CertifyWorkOrder.DefaultDisclaimer;
        HasSeal = settings?.SealImage is not null;
    }

    public async Task<IActionResult> OnGetSealAsync(CancellationToken ct) =>
        await db.CertificateSettings.AsNoTracking().FirstOrDefaultAsync(ct) is { SealImage: { } image } settings
            ? File(image, settings.SealContentType ?? "image/png")
            : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? seal, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Disclaimer) || Disclaimer.Length > 2000)
        {
            AddError(nameof(Disclaimer), HttpContext.T("請填聲明文字（2000 字以內）", "the disclaimer is required (up to 2000 characters)"));
        }

        if (AssociationName?.Length > 200)
        {
            AddError(nameof(AssociationName), HttpContext.T("名稱 200 字以內", "up to 200 characters"));
        }

        byte[]? image = null;
        if (seal is { Length: > 0 })
        {
            await using var stream = new MemoryStream();
            await seal.CopyToAsync(stream, ct);
            image = stream.ToArray();
            // Only PNG or JPEG that Skia can decode is accepted, so a certificate can never fail to render.
            var isPngOrJpeg = image.Length > 4 && ((image[0] == 0x89 && image[1] == 0x50) || (image[0] == 0xFF && image[1] == 0xD8));
            if (seal.Length > MaxSealBytes || !isPngOrJpeg || SkiaSharp.SKImage.FromEncodedData(image) is null)
            {
                AddError("seal", HttpContext.T("印章圖檔須為 PNG 或 JPEG，1 MB 以內", "the seal must be a PNG or JPEG of at most 1 MB"));
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var settings = await db.CertificateSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new CertificateSettings { Id = 1 };
            db.CertificateSettings.Add(settings);
        }

        settings.AssociationName = string.IsNullOrWhiteSpace(AssociationName) ? null : AssociationName.Trim();
        settings.Disclaimer = Disclaimer!.Trim();
        if (image is not null)
        {
            settings.SealImage = image;
            settings.SealContentType = image[0] == 0x89 ? "image/png" : "image/jpeg";
        }

        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        HasSeal = settings.SealImage is not null;
        Saved = true;
        return Page();
    }
}
