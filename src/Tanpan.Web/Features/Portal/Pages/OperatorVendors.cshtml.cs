using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/operator/portal/vendors: the association keeps the vendor directory. A vendor with requests is never
/// deleted (the requests point to it); taking it off the list hides it from members.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorVendorsModel(TanpanDb db, TimeProvider clock) : PortalFormPage
{
    public sealed class VendorInput
    {
        public Guid? Id { get; set; }

        public string? NameZh { get; set; }

        public string? NameEn { get; set; }

        public List<VendorCategory> Categories { get; set; } = [];

        public string? ContactName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Website { get; set; }

        public string? DescriptionZh { get; set; }

        public string? DescriptionEn { get; set; }

        public bool Listed { get; set; } = true;
    }

    public IReadOnlyList<TechVendor> Vendors { get; private set; } = [];

    [BindProperty]
    public VendorInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        if (edit is { } id)
        {
            if (await db.PortalVendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) is not { } v)
            {
                return NotFound();
            }

            Input = new VendorInput
            {
                Id = v.Id, NameZh = v.NameZh, NameEn = v.NameEn, Categories = [.. v.CategoryList], ContactName = v.ContactName, Email = v.Email, Phone = v.Phone, Website = v.Website,
                DescriptionZh = v.DescriptionZh, DescriptionEn = v.DescriptionEn, Listed = v.Listed,
            };
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var row = Input.Id is { } id ? await db.PortalVendors.FirstOrDefaultAsync(v => v.Id == id, ct) : null;
        if (Input.Id is not null && row is null)
        {
            return NotFound();
        }

        var nameZh = Text(nameof(VendorInput.NameZh), Input.NameZh, PortalLimits.Name, "中文名稱", "Chinese name");
        var nameEn = Text(nameof(VendorInput.NameEn), Input.NameEn, PortalLimits.Name, "英文名稱", "English name");
        var categories = Input.Categories.Where(Enum.IsDefined).Distinct().ToList();
        if (ModelState.Keys.Any(k => k.StartsWith("Input.Categories", StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0) || categories.Count == 0 || Input.Categories.Any(c => !Enum.IsDefined(c)))
        {
            var allowed = string.Join(T("、", ", "), Enum.GetValues<VendorCategory>().Select(c => HttpContext.Name(c)));
            AddError(nameof(VendorInput.Categories), T($"請勾選至少一個技術類別：{allowed}", $"tick at least one category: {allowed}"));
        }

        var contact = Text(nameof(VendorInput.ContactName), Input.ContactName, PortalLimits.Short, "聯絡窗口", "Contact person");
        var email = Text(nameof(VendorInput.Email), Input.Email, 256, "電子郵件", "E-mail", required: false);
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            AddError(nameof(VendorInput.Email), T("電子郵件須像 name@example.com", "the e-mail must look like name@example.com"));
        }

        var phone = Text(nameof(VendorInput.Phone), Input.Phone, 40, "電話", "Phone", required: false);
        var website = Link(nameof(VendorInput.Website), Input.Website, "網站", "Website");
        var descriptionZh = Text(nameof(VendorInput.DescriptionZh), Input.DescriptionZh, PortalLimits.Body, "中文介紹", "Chinese description");
        var descriptionEn = Text(nameof(VendorInput.DescriptionEn), Input.DescriptionEn, PortalLimits.Body, "英文介紹", "English description");
        RestUnbound();
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (row is null)
        {
            row = new TechVendor { Id = Guid.NewGuid(), NameZh = nameZh!, NameEn = nameEn!, Categories = "", ContactName = contact!, DescriptionZh = descriptionZh!, DescriptionEn = descriptionEn!, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
            db.PortalVendors.Add(row);
        }

        (row.NameZh, row.NameEn, row.Categories, row.ContactName, row.Email, row.Phone) = (nameZh!, nameEn!, TechVendor.Join(categories), contact!, email, phone);
        (row.Website, row.DescriptionZh, row.DescriptionEn, row.Listed) = (website, descriptionZh!, descriptionEn!, Input.Listed);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/operator/portal/vendors", "廠商已儲存。", "Vendor saved.");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Vendors = (await db.PortalVendors.AsNoTracking().ToListAsync(ct)).OrderBy(v => v.NameZh, StringComparer.Ordinal).ToList();
}
