using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Records;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Products.Pages;

/// <summary>The operator's PCR versions: every PCR with its versions (shipped and added), each downloadable as its
/// document; a new version (a new edition, or a PCR for another category) is uploaded as the same JSON, checked
/// field by field, and from then on is the version products follow. Versions are never replaced: locked footprints
/// keep the version they followed.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorPcrsModel(TanpanDb db, PcrCatalogs pcrs, TimeProvider clock) : FormPage
{
    private const int MaxDocumentBytes = 200_000;

    public PcrCatalog Catalog { get; private set; } = PcrLibrary.Shipped;

    public IReadOnlyList<PcrVersion> Added { get; private set; } = [];

    public IReadOnlyList<Engine.Common.FieldError> DocumentErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>A version's document (the template for the next one).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(string id, string version, CancellationToken ct)
    {
        await LoadAsync(ct);
        return Catalog.Find(id, version) is { } pcr
            ? File(System.Text.Encoding.UTF8.GetBytes(PcrLibrary.Write(pcr)), "application/json", $"{pcr.Id}-{pcr.Version}.json")
            : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (file is null || file.Length == 0 || file.Length > MaxDocumentBytes)
        {
            AddError("file", HttpContext.T("請上傳 PCR 文件（JSON，200 KB 以內）", "upload a PCR document (JSON, up to 200 KB)"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        string json;
        using (var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(ct);
        }

        var parsed = PcrLibrary.Validate(json);
        if (!parsed.Succeeded)
        {
            DocumentErrors = parsed.Errors;
            AddError("file", HttpContext.T("文件未通過檢查，未新增。", "The document did not pass its checks; nothing was added."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var pcr = parsed.Value;
        if (Catalog.Find(pcr.Id, pcr.Version) is not null)
        {
            AddError("file", HttpContext.T($"「{pcr.Id}」第 {pcr.Version} 版已存在；版本不可取代，請以新版本號上傳。", $"“{pcr.Id}” version {pcr.Version} exists; versions are not replaced, upload it under a new version number."));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (Catalog.Latest(pcr.Id) is { } current && pcr.Published < current.Published)
        {
            AddError("file", HttpContext.T($"發布日須不早於目前版本（{current.Version}，{current.Published:yyyy-MM-dd}）。", $"the publication date must not be before the current version's ({current.Version}, {current.Published:yyyy-MM-dd})."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Set<PcrVersion>().Add(new PcrVersion
        {
            Id = Guid.NewGuid(), PcrId = pcr.Id, Version = pcr.Version, Json = json, Hash = CanonicalJson.Hash(json), AddedBy = User.Identity?.Name, AddedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            AddError("file", HttpContext.T("此版本剛被新增。", "This version was just added."));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectDone("/operator/pcrs", $"已新增「{pcr.NameZh}」第 {pcr.Version} 版；產品自即刻起依此版本檢核。", $"“{pcr.NameEn}” version {pcr.Version} was added; products follow it from now on.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Catalog = await pcrs.GetAsync(ct);
        Added = await db.Set<PcrVersion>().AsNoTracking().OrderByDescending(v => v.AddedAtUtc).ToListAsync(ct);
    }
}
