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

        public Engine.Inventory.MeasurementKind? Measurement { get; set; }

        public Engine.Inventory.CalibrationKind? Calibration { get; set; }

        public decimal? ActivityUncertaintyPercent { get; set; }

        public decimal? FactorUncertaintyPercent { get; set; }
    }

    [BindProperty]
    public SourceForm Source { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        if (edit is { } id && Can.CanEdit && Sources.FirstOrDefault(x => x.Id == id) is { } source)
        {
            Editing = source;
            EditingLockedYears = [.. (await FrozenYearsAsync(id, ct)).Select(f => f.Year)];
            Source = new SourceForm
            {
                FacilityId = source.FacilityId, Category = source.Category, Activity = source.Activity, Use = source.Use, Technology = source.Technology, Description = source.Description,
                MeterNumber = source.MeterNumber, DataOwner = source.DataOwner, Measurement = source.Measurement, Calibration = source.Calibration,
                ActivityUncertaintyPercent = source.ActivityUncertaintyPercent, FactorUncertaintyPercent = source.FactorUncertaintyPercent,
            };
        }

        return Page();
    }

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

    /// <summary>The source being edited (<c>?edit=</c>); its form replaces the one that adds a source.</summary>
    public EmissionSource? Editing { get; private set; }

    /// <summary>Submitted or locked years that use the source being edited: only its statements may change.</summary>
    public IReadOnlyList<int> EditingLockedYears { get; private set; } = [];

    public async Task<IActionResult> OnPostUpdateSourceAsync(Guid sourceId, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Can.CanEdit)
        {
            return Forbid();
        }

        var source = await db.Sources.FirstOrDefaultAsync(x => x.Id == sourceId, ct);
        if (source is null)
        {
            return NotFound();
        }

        Editing = source;
        var frozen = await FrozenYearsAsync(sourceId, ct);
        if (frozen.Where(f => f.Status == InventoryStatus.Submitted).Select(f => f.Year).ToList() is { Count: > 0 } submitted)
        {
            return Refused(submitted, sourceId, deleting: false);
        }

        if (!await ValidateAsync(ct))
        {
            return Page();
        }

        // A locked year keeps its own copy of what it was approved with (entries, result and the data-quality
        // statements), so the statements may improve for later years; what identifies the source may not.
        var proposed = new EmissionSource { Id = source.Id, FacilityId = source.FacilityId, Category = string.Empty, Activity = string.Empty, Description = string.Empty };
        Apply(proposed, Source);
        if (frozen.Count > 0 && !SameIdentity(source, proposed))
        {
            return RefusedIdentity([.. frozen.Select(f => f.Year)]);
        }

        Apply(source, Source);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/inventory/register", "已更新排放源。", "The source was updated.");
    }

    public async Task<IActionResult> OnPostDeleteSourceAsync(Guid sourceId, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Can.CanEdit)
        {
            return Forbid();
        }

        var source = await db.Sources.FirstOrDefaultAsync(x => x.Id == sourceId, ct);
        if (source is null)
        {
            return NotFound();
        }

        if (await FrozenYearsAsync(sourceId, ct) is { Count: > 0 } years)
        {
            return Refused([.. years.Select(y => y.Year)], sourceId, deleting: true);
        }

        var entries = await db.Entries.CountAsync(e => e.SourceId == sourceId, ct);
        if (entries > 0)
        {
            AddError("source-" + sourceId, HttpContext.T($"此排放源還有 {entries} 筆活動數據；請先刪除或改登錄到其他排放源，再刪除排放源。", $"the source still has {entries} entries: delete them or move them to another source first."));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        db.Sources.Remove(source);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/inventory/register", $"已刪除排放源「{source.Description}」。", $"The source “{source.Description}” was deleted.");
    }

    /// <summary>Years of submitted or locked inventories with entries of the source: what they were reviewed or
    /// frozen with must not change underneath them.</summary>
    private async Task<List<(int Year, InventoryStatus Status)>> FrozenYearsAsync(Guid sourceId, CancellationToken ct) =>
        [.. (await db.Entries.Where(e => e.SourceId == sourceId)
            .Join(db.Inventories.Where(i => i.Status == InventoryStatus.Submitted || i.Status == InventoryStatus.Locked), e => e.InventoryId, i => i.Id, (e, i) => new { i.Year, i.Status })
            .Distinct().ToListAsync(ct)).OrderBy(y => y.Year).Select(y => (y.Year, y.Status))];

    private static bool SameIdentity(EmissionSource a, EmissionSource b) =>
        a.FacilityId == b.FacilityId && a.Category == b.Category && a.Activity == b.Activity && a.Use == b.Use && a.Technology == b.Technology && a.Description == b.Description;

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult RefusedIdentity(IReadOnlyList<int> years)
    {
        AddError("Source.Description", HttpContext.T(
            $"此排放源用於已鎖定的 {string.Join("、", years)} 年盤查：廠區、類別、活動、用途、技術與名稱不能修改（量測方式、儀器校正、不確定性、表號與負責人可以修改，已鎖定年度保留核准時的聲明）。",
            $"the source is used by the locked {string.Join(", ", years)} inventory: its facility, category, activity, use, technology and name cannot change (measurement, calibration, uncertainty, meter and owner can; a locked year keeps the statements it was approved with)."));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refused(IReadOnlyList<int> years, Guid sourceId, bool deleting)
    {
        var list = string.Join("、", years);
        AddError(deleting ? "source-" + sourceId : "Source.Description", HttpContext.T(
            $"此排放源用於已送審或已鎖定的 {list} 年盤查，不能{(deleting ? "刪除" : "修改")}；請先退回或解鎖該年度。",
            $"the source is used by the submitted or locked {string.Join(", ", years)} inventory: it cannot be {(deleting ? "deleted" : "changed")} until that year is returned or unlocked."));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public async Task<IActionResult> OnPostSourceAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Can.CanEdit)
        {
            return Forbid();
        }

        if (!await ValidateAsync(ct))
        {
            return Page();
        }

        var created = new EmissionSource { Id = Guid.NewGuid(), FacilityId = Source.FacilityId!.Value, Category = string.Empty, Activity = string.Empty, Description = string.Empty, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        Apply(created, Source);
        db.Sources.Add(created);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/inventory/register", "已新增排放源。", "The source was added.");
    }

    private static void Apply(EmissionSource target, SourceForm s)
    {
        target.FacilityId = s.FacilityId!.Value;
        target.Category = s.Category!.Trim();
        target.Activity = s.Activity!.Trim();
        target.Use = string.IsNullOrWhiteSpace(s.Use) ? null : s.Use;
        target.Technology = string.IsNullOrWhiteSpace(s.Technology) ? null : s.Technology;
        target.Description = s.Description!.Trim();
        target.MeterNumber = string.IsNullOrWhiteSpace(s.MeterNumber) ? null : s.MeterNumber.Trim();
        target.DataOwner = string.IsNullOrWhiteSpace(s.DataOwner) ? null : s.DataOwner.Trim();
        target.Measurement = s.Measurement;
        target.Calibration = s.Calibration;
        target.ActivityUncertaintyPercent = s.ActivityUncertaintyPercent;
        target.FactorUncertaintyPercent = s.FactorUncertaintyPercent;
    }

    /// <summary>Checks the source form (facility, category that fits the activity, a resolvable factor, a description).</summary>
    private async Task<bool> ValidateAsync(CancellationToken ct)
    {
        var s = Source;
        CollectBindingErrors(HttpContext.T("格式不正確", "invalid value"));
        foreach (var (field, value) in new[] { ("Source.ActivityUncertaintyPercent", s.ActivityUncertaintyPercent), ("Source.FactorUncertaintyPercent", s.FactorUncertaintyPercent) })
        {
            if (value is < 0 or > 1000)
            {
                AddError(field, HttpContext.T("不確定性須介於 0 與 1000 %", "uncertainty must be between 0 and 1000 %"));
            }
        }

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

        return Errors.Count == 0;
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
