using Tanpan.Engine.Activities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>Facilities and the emission-source register (category, activity, use/technology, meter, data owner).</summary>
[Authorize(Policy = PermissionNames.InventoryRead)]
public sealed class RegisterModel(TanpanDb db, TenantScope tenant, FactorResolver resolver, ICompanyFactors companyFactors, TimeProvider clock) : FormPage
{
    public IReadOnlyList<Facility> Facilities { get; private set; } = [];

    public IReadOnlyList<EmissionSource> Sources { get; private set; } = [];

    public IReadOnlyList<string> Activities { get; private set; } = [];

    public InventoryPermissions Can { get; private set; } = new(false, false, false, false);

    [BindProperty]
    public string? FacilityName { get; set; }

    [BindProperty]
    public string? FacilityAddress { get; set; }

    public sealed class SourceForm
    {
        public Guid? FacilityId { get; set; }

        public string? Category { get; set; }

        public string? Activity { get; set; }

        public string? Use { get; set; }

        public string? Technology { get; set; }

        public string? Description { get; set; }

        public string? MeterNumber { get; set; }

        public string? DataOwner { get; set; }
    }

    [BindProperty]
    public SourceForm Source { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostFacilityAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Can.CanEdit)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(FacilityName) || FacilityName.Trim().Length > 200)
        {
            AddError(nameof(FacilityName), HttpContext.T("請填廠區名稱（200 字以內）", "facility name is required (up to 200 characters)"));
            return Page();
        }

        db.Facilities.Add(new Facility { Id = Guid.NewGuid(), Name = FacilityName.Trim(), Address = FacilityAddress?.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return RedirectDone("/inventory/register", "已新增廠區。", "The facility was added.");
    }

    public async Task<IActionResult> OnPostSourceAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Can.CanEdit)
        {
            return Forbid();
        }

        var s = Source;
        if (s.FacilityId is not { } facilityId || Facilities.All(f => f.Id != facilityId))
        {
            AddError("Source.FacilityId", HttpContext.T("請選擇廠區", "choose a facility"));
        }

        if (!IsoCategory.TryParse(s.Category, out var category))
        {
            AddError("Source.Category", HttpContext.T("請選擇類別", "choose a category") + $" ({string.Join(", ", IsoCategory.Codes)})");
        }

        if (string.IsNullOrWhiteSpace(s.Description) || s.Description.Length > 300)
        {
            AddError("Source.Description", HttpContext.T("請描述排放源（設備、用途）", "describe the source (equipment, purpose)"));
        }

        if (string.IsNullOrWhiteSpace(s.Activity))
        {
            AddError("Source.Activity", HttpContext.T("請選擇活動", "choose an activity"));
        }
        else
        {
            var use = s.Use switch { "mobile" => CombustionUse.Mobile, "stationary" => (CombustionUse?)CombustionUse.Stationary, _ => null };
            var check = new FactorResolver(resolver.Library, await companyFactors.LoadAsync(ct))
                .Resolve(new FactorQuery(s.Activity, GwpSet.Ar5, clock.GetUtcNow().Year - 1, use, string.IsNullOrWhiteSpace(s.Technology) ? null : s.Technology));
            foreach (var error in check.Errors)
            {
                AddError("Source." + char.ToUpperInvariant(error.Path[0]) + error.Path[1..], ErrorText.For(HttpContext, error));
            }

            if (category is not null && ActivityId.TryParse(s.Activity, out var activity) && !CategoryFit.Fits(activity.Value.Kind, category))
            {
                var allowed = string.Join(HttpContext.T("、", ", "), CategoryFit.AllowedFor(activity.Value.Kind).Select(c => $"{c.Code} {HttpContext.T(c.NameZh, c.NameEn)}"));
                AddError("Source.Category", HttpContext.T(
                    $"類別 {category.Code} {category.NameZh} 不適用於{KindName(activity.Value.Kind, zh: true)}（{HttpContext.ActivityName(s.Activity)}）；可選：{allowed}",
                    $"category {category.Code} {category.NameEn} does not fit {KindName(activity.Value.Kind, zh: false)} ({HttpContext.ActivityName(s.Activity)}); allowed: {allowed}"));
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        db.Sources.Add(new EmissionSource
        {
            Id = Guid.NewGuid(),
            FacilityId = s.FacilityId!.Value,
            Category = s.Category!.Trim(),
            Activity = s.Activity!.Trim(),
            Use = string.IsNullOrWhiteSpace(s.Use) ? null : s.Use,
            Technology = string.IsNullOrWhiteSpace(s.Technology) ? null : s.Technology,
            Description = s.Description!.Trim(),
            MeterNumber = s.MeterNumber?.Trim(),
            DataOwner = s.DataOwner?.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return RedirectDone("/inventory/register", "已新增排放源。", "The source was added.");
    }

    /// <summary>" — 已查證" after a scope-3 activity: its verification level, which users weigh when choosing.</summary>
    public string LevelOf(string activity) =>
        resolver.Library.FindSecondary(activity) is { } row ? " — " + HttpContext.VerificationLevel(row.Verification) : string.Empty;

    public static string KindName(ActivityKind kind, bool zh) => kind switch
    {
        ActivityKind.Grid => zh ? "外購電力" : "purchased electricity",
        ActivityKind.Fuel => zh ? "燃料燃燒" : "fuel combustion",
        ActivityKind.Refrigerant => zh ? "冷媒逸散" : "a refrigerant",
        ActivityKind.Gas => zh ? "溫室氣體排放" : "a greenhouse gas",
        ActivityKind.Material => zh ? "原物料" : "a material",
        ActivityKind.Transport => zh ? "運輸" : "transport",
        ActivityKind.Waste => zh ? "廢棄物處理" : "waste treatment",
        _ => zh ? "自訂係數" : "a company factor",
    };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return false;
        }

        Can = InventoryPermissions.For(User);
        Facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        Sources = await db.Sources.AsNoTracking().OrderBy(x => x.Category).ThenBy(x => x.Description).ToListAsync(ct);
        var custom = (await companyFactors.CodesAsync(ct)).Select(code => new ActivityId(ActivityKind.Custom, code).ToString());
        // The register lists what a source can be: library activities and the company's own factors, not the
        // inline "custom" form (it needs a factor in the request) nor bare gases (refrigerants stand for them).
        Activities = [.. resolver.Library.ActivityIds.Where(a => ActivityId.TryParse(a, out var id) && id.Value is { IsInlineCustom: false, Kind: not ActivityKind.Gas }), .. custom];
        return true;
    }
}
