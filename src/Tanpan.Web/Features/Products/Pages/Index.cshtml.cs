using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Products.Pages;

/// <summary>The company's products under their PCRs; add one with its model, PCR and declaration (B2B / B2C).</summary>
[Authorize(Policy = PermissionNames.ProductsRead)]
public sealed class IndexModel(TanpanDb db, TenantScope tenant, TimeProvider clock, Data.PcrCatalogs pcrs) : FormPage
{
    public PcrCatalog Catalog { get; private set; } = PcrLibrary.Shipped;

    public IReadOnlyList<Product> Products { get; private set; } = [];

    public bool CanEdit { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Model { get; set; }

    [BindProperty]
    public string? PcrId { get; set; }

    [BindProperty]
    public string? Boundary { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        if (!CanEdit)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200)
        {
            AddError(nameof(Name), HttpContext.T("請填產品名稱（200 字以內）", "the product's name is required (up to 200 characters)"));
        }

        if (Model?.Trim().Length > 200)
        {
            AddError(nameof(Model), HttpContext.T("型號 200 字以內", "the model is up to 200 characters"));
        }

        if (PcrId is null || Catalog.Latest(PcrId) is null)
        {
            AddError(nameof(PcrId), HttpContext.T("請選擇產品類別規則", "choose a product category rule"));
        }

        if (!LifeStages.TryParseBoundary(Boundary, out _))
        {
            AddError(nameof(Boundary), HttpContext.T("請選擇 B2B（搖籃到大門）或 B2C（搖籃到墳墓）", "choose B2B (cradle to gate) or B2C (cradle to grave)"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var product = new Product { Id = Guid.NewGuid(), Name = Name!.Trim(), Model = string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(), PcrId = PcrId!, Boundary = Boundary!, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return RedirectDone($"/products/{product.Id}", $"已新增產品「{product.Name}」。", $"The product “{product.Name}” was added.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanEdit = PermissionHandler.Holds(User, Permission.ProductsWrite);
        Catalog = await pcrs.GetAsync(ct);
        Products = await db.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
    }
}
