using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Features.Accounts.Pages;

/// <summary>The company profile. Name and 統一編號 are what the operator approved, so they are shown, not edited.</summary>
[Authorize(Policy = PermissionNames.CompanyManage)]
public sealed class CompanyModel(TanpanDb db, TenantScope tenant) : FormPage
{
    public Company Profile { get; private set; } = null!;

    [BindProperty]
    public RegisterModel.Form Input { get; set; } = new();

    public bool Saved { get; private set; }

    /// <summary>The company declares that one person submits and approves its inventories.</summary>
    [BindProperty]
    public bool SinglePersonReview { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        SinglePersonReview = Profile.SinglePersonReview;
        Input = new RegisterModel.Form { ContactName = Profile.ContactName, Phone = Profile.Phone, Email = Profile.Email, Address = Profile.Address, Region = Profile.Region, Website = Profile.Website };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var i = Input;
        if (string.IsNullOrWhiteSpace(i.ContactName) || i.ContactName.Length > 100)
        {
            AddError(nameof(i.ContactName), HttpContext.T("請填聯絡人", "contact person is required"));
        }

        if (string.IsNullOrWhiteSpace(i.Phone) || i.Phone.Length > 40)
        {
            AddError(nameof(i.Phone), HttpContext.T("請填電話", "phone is required"));
        }

        if (string.IsNullOrWhiteSpace(i.Email) || !System.Net.Mail.MailAddress.TryCreate(i.Email.Trim(), out _))
        {
            AddError(nameof(i.Email), HttpContext.T("請填有效的電子郵件", "a valid e-mail address is required"));
        }

        if (string.IsNullOrWhiteSpace(i.Address) || i.Address.Length > 300)
        {
            AddError(nameof(i.Address), HttpContext.T("請填地址", "address is required"));
        }

        if (i.Region is not null && i.Region.Length > 0 && !RegisterModel.Regions.Contains(i.Region))
        {
            AddError(nameof(i.Region), HttpContext.T("請選擇縣市", "choose a county or city"));
        }

        if (!string.IsNullOrWhiteSpace(i.Website) && !Platform.Inputs.TextInputs.IsWebAddress(i.Website))
        {
            AddError(nameof(i.Website), HttpContext.T("網址需以 http:// 或 https:// 開頭", "website must start with http:// or https://"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var company = await db.Companies.FirstAsync(c => c.Id == tenant.CompanyId, ct);
        company.ContactName = i.ContactName!.Trim();
        company.Phone = i.Phone!.Trim();
        company.Email = i.Email!.Trim();
        company.Address = i.Address!.Trim();
        company.Region = string.IsNullOrEmpty(i.Region) ? null : i.Region;
        company.Website = string.IsNullOrWhiteSpace(i.Website) ? null : i.Website.Trim();
        // The one-person declaration lets the submitter approve inventories; the change is audited and printed in reports.
        company.SinglePersonReview = SinglePersonReview;
        await db.SaveChangesAsync(ct);
        Profile = company;
        Saved = true;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return false;
        }

        // The company comes from the signed-in user's claim, never from the request: nobody can name another company here.
        Profile = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == tenant.CompanyId, ct);
        return true;
    }
}
