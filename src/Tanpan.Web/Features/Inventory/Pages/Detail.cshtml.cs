using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Inventory;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Factors;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Features.Calculations;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>What the results section shows, live or frozen at lock time.</summary>
public sealed record InventorySnapshot(
    InventoryResponse Result,
    IReadOnlyDictionary<string, decimal> ByFacility,
    decimal[] ByMonth,
    IReadOnlyDictionary<string, string> SourceByLine);

/// <summary>One inventory year: activity data (incl. Taipower bills), results with traces, and review/lock.</summary>
[Authorize(Policy = PermissionNames.InventoryRead)]
public sealed class DetailModel(TanpanDb db, TenantScope tenant, FactorResolver resolver, TimeProvider clock) : FormPage
{
    public static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    public InventoryRecord Inventory { get; private set; } = null!;

    public IReadOnlyList<ActivityEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<Guid, EmissionSource> Sources { get; private set; } = new Dictionary<Guid, EmissionSource>();

    public InventorySnapshot? Results { get; private set; }

    public decimal? BaseYearTotalKgCo2e { get; private set; }

    public InventoryPermissions Can { get; private set; } = new(false, false, false, false);

    public bool Editable => Inventory.Status is InventoryStatus.Draft or InventoryStatus.Returned;

    public sealed class EntryForm
    {
        public Guid? SourceId { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public decimal? Quantity { get; set; }

        public string? Unit { get; set; }

        public string? Reference { get; set; }

        public decimal? PeakKwh { get; set; }

        public decimal? SemiPeakKwh { get; set; }

        public decimal? SaturdaySemiPeakKwh { get; set; }

        public decimal? OffPeakKwh { get; set; }

        public decimal? ContractCapacityKw { get; set; }
    }

    [BindProperty]
    public EntryForm Entry { get; set; } = new();

    [BindProperty]
    public string? Comment { get; set; }

    public IReadOnlyList<Engine.Common.FieldError> ImportErrors { get; private set; } = [];

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetTemplateAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? File(InventoryExcel.Template(Sources.Values.ToArray()), XlsxType, "tanpan-activity-template.xlsx") : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Results is null)
        {
            return Page();
        }

        var facilities = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        return File(InventoryExcel.Export(Inventory.Year, Results.Result, Results.SourceByLine, Entries, Sources, facilities), XlsxType, $"tanpan-inventory-{Inventory.Year}.xlsx");
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Results is null)
        {
            return Page();
        }

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == Inventory.CompanyId, ct);
        var facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        var pdf = InventoryReportPdf.Render(company, Inventory, facilities, Results.Result, Results.ByFacility, Results.ByMonth, Results.SourceByLine, BaseYearTotalKgCo2e, clock.GetUtcNow().UtcDateTime);
        return File(pdf, "application/pdf", $"tanpan-inventory-report-{Inventory.Year}.pdf");
    }

    /// <summary>All-or-nothing import of activity data; every error names its sheet, row and column.</summary>
    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!Can.CanEdit)
        {
            return Forbid();
        }

        if (!Editable)
        {
            return Locked();
        }

        if (file is null || file.Length == 0)
        {
            ImportErrors = [new("file", HttpContext.T("請選擇 .xlsx 或 .csv 檔案", "choose an .xlsx or .csv file"))];
            return Page();
        }

        if (file.Length > 10 * 1024 * 1024)
        {
            ImportErrors = [new("file", HttpContext.T("檔案超過 10 MB", "the file is larger than 10 MB"))];
            return Page();
        }

        var custom = await CompanyFactorSource.LoadAsync(db, ct);
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var year = Inventory.Year;
        var outcome = InventoryExcel.Import(stream, file.FileName, Sources.Values.ToArray(), (source, quantity, unit, period) => InventoryWorkbook.Validate(source, year, quantity, unit, period, resolver, custom), clock.GetUtcNow().UtcDateTime);
        if (!outcome.Succeeded)
        {
            ImportErrors = outcome.Errors;
            return Page();
        }

        foreach (var entry in outcome.Value)
        {
            entry.InventoryId = id;
            db.Entries.Add(entry);
        }

        await db.SaveChangesAsync(ct);
        return Redirect($"/inventory/{id}");
    }

    public async Task<IActionResult> OnPostEntryAsync(Guid id, CancellationToken ct) => await AddEntryAsync(id, bill: false, ct);

    public async Task<IActionResult> OnPostBillAsync(Guid id, CancellationToken ct) => await AddEntryAsync(id, bill: true, ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid entryId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!Can.CanEdit)
        {
            return Forbid();
        }

        if (!Editable)
        {
            return Locked();
        }

        var entry = await db.Entries.FirstOrDefaultAsync(e => e.Id == entryId && e.InventoryId == id, ct);
        if (entry is null)
        {
            return NotFound();
        }

        db.Entries.Remove(entry);
        await db.SaveChangesAsync(ct);
        return Redirect($"/inventory/{id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        await TransitionAsync(id, Can => Can.CanEdit, [InventoryStatus.Draft, InventoryStatus.Returned], InventoryStatus.Submitted, needsComment: false, ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await TransitionAsync(id, Can => Can.CanReview, [InventoryStatus.Submitted], InventoryStatus.Locked, needsComment: false, ct);

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        await TransitionAsync(id, Can => Can.CanReview, [InventoryStatus.Submitted], InventoryStatus.Returned, needsComment: true, ct);

    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) =>
        await TransitionAsync(id, Can => Can.CanUnlock, [InventoryStatus.Locked], InventoryStatus.Draft, needsComment: true, ct);

    /// <summary>Data of a submitted or locked inventory cannot change: 409 with the reason on the page.</summary>
    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Locked()
    {
        AddError(nameof(Comment), HttpContext.T($"目前狀態為 {Inventory.Status}，資料不能修改；請先退回或解鎖。", $"the inventory is {Inventory.Status}: data cannot change until it is returned or unlocked."));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> TransitionAsync(Guid id, Func<InventoryPermissions, bool> allowed, InventoryStatus[] from, InventoryStatus to, bool needsComment, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!allowed(Can))
        {
            return Forbid();
        }

        if (!from.Contains(Inventory.Status))
        {
            AddError(nameof(Comment), HttpContext.T($"目前狀態為 {Inventory.Status}，無法執行此動作", $"not possible while the inventory is {Inventory.Status}"));
            return Page();
        }

        if (needsComment && (string.IsNullOrWhiteSpace(Comment) || Comment.Length > 2000))
        {
            AddError(nameof(Comment), HttpContext.T("請填寫說明（退回原因或解鎖理由）", "a comment is required (why it is returned or unlocked)"));
            return Page();
        }

        var record = await db.Inventories.FirstAsync(i => i.Id == id, ct);
        if (to == InventoryStatus.Locked)
        {
            if (Results is null)
            {
                AddError(nameof(Comment), HttpContext.T("計算有誤，無法核准", "the inventory does not calculate; it cannot be approved"));
                return Page();
            }

            // The result, with every factor's source and version, is frozen: later factor versions cannot change it.
            record.LockedResultJson = JsonSerializer.Serialize(Results, SnapshotJson);
            record.LockedAtUtc = clock.GetUtcNow().UtcDateTime;
            record.LockedBy = User.Identity?.Name;
        }
        else if (Inventory.Status == InventoryStatus.Locked)
        {
            record.LockedResultJson = null;
            record.LockedAtUtc = null;
            record.LockedBy = null;
        }

        record.Status = to;
        record.ReviewComment = string.IsNullOrWhiteSpace(Comment) ? record.ReviewComment : Comment.Trim();
        await db.SaveChangesAsync(ct);
        return Redirect($"/inventory/{id}");
    }

    private async Task<IActionResult> AddEntryAsync(Guid id, bool bill, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!Can.CanEdit)
        {
            return Forbid();
        }

        if (!Editable)
        {
            return Locked();
        }

        CollectBindingErrors(HttpContext.T("請輸入有效的數字或日期", "enter a valid number or date"));
        var e = Entry;
        if (e.SourceId is not { } sourceId || !Sources.TryGetValue(sourceId, out var source))
        {
            AddError("Entry.SourceId", HttpContext.T("請選擇排放源", "choose an emission source"));
            return Page();
        }

        if (e.From is null)
        {
            AddError("Entry.From", HttpContext.T("請填期間起日", "start date is required"));
        }

        if (e.To is null)
        {
            AddError("Entry.To", HttpContext.T("請填期間迄日", "end date is required"));
        }

        decimal quantity;
        string unit;
        if (bill)
        {
            if (source.Activity != FactorLibrary.GridActivity)
            {
                AddError("Entry.SourceId", HttpContext.T("電費單只能登錄在外購電力排放源", "a Taipower bill belongs to a purchased-electricity source"));
            }

            var fields = new[] { e.PeakKwh, e.SemiPeakKwh, e.SaturdaySemiPeakKwh, e.OffPeakKwh };
            if (fields.All(f => f is null))
            {
                AddError("Entry.PeakKwh", HttpContext.T("請至少填一個時段度數", "enter at least one time-of-use kWh"));
            }

            var taipower = new TaipowerBill(new ActivityPeriod(e.From ?? default, e.To ?? default), e.PeakKwh ?? 0, e.SemiPeakKwh ?? 0, e.SaturdaySemiPeakKwh ?? 0, e.OffPeakKwh ?? 0, e.ContractCapacityKw);
            foreach (var error in taipower.Validate().Where(x => x.Path != "period.to" || (e.From is not null && e.To is not null)))
            {
                AddError("Entry." + char.ToUpperInvariant(error.Path[0]) + error.Path[1..].Replace("period.to", "To", StringComparison.Ordinal), error.Message);
            }

            quantity = taipower.TotalKwh;
            unit = Units.KilowattHour.Code;
        }
        else
        {
            if (e.Quantity is null)
            {
                AddError("Entry.Quantity", HttpContext.T("請填數量", "quantity is required"));
            }

            if (!Units.TryParse(e.Unit, out var parsed))
            {
                AddError("Entry.Unit", HttpContext.T("請填單位，例如 度、公升、公秉、m3、kg", "unit is required, e.g. kWh, L, kL, m3, kg"));
            }

            quantity = e.Quantity ?? 0;
            unit = parsed?.Code ?? string.Empty;
        }

        if (Errors.Count == 0)
        {
            var period = new ActivityPeriod(e.From!.Value, e.To!.Value);
            foreach (var error in InventoryWorkbook.Validate(source, Inventory.Year, quantity, unit, period, resolver, await CompanyFactorSource.LoadAsync(db, ct)))
            {
                var field = error.Path switch { "period.to" => "To", "quantity" => "Quantity", "unit" => "Unit", _ => "SourceId" };
                AddError("Entry." + field, error.Message);
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        db.Entries.Add(new ActivityEntry
        {
            Id = Guid.NewGuid(),
            InventoryId = id,
            SourceId = source.Id,
            Kind = bill ? EntryKind.TaipowerBill : source.Activity.StartsWith("refrigerant.", StringComparison.Ordinal) ? EntryKind.RefrigerantRefill : source.Activity.StartsWith("fuel.", StringComparison.Ordinal) ? EntryKind.FuelPurchase : EntryKind.Manual,
            PeriodFrom = e.From!.Value,
            PeriodTo = e.To!.Value,
            Quantity = quantity,
            Unit = unit,
            PeakKwh = bill ? e.PeakKwh : null,
            SemiPeakKwh = bill ? e.SemiPeakKwh : null,
            SaturdaySemiPeakKwh = bill ? e.SaturdaySemiPeakKwh : null,
            OffPeakKwh = bill ? e.OffPeakKwh : null,
            ContractCapacityKw = bill ? e.ContractCapacityKw : null,
            Reference = e.Reference?.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return Redirect($"/inventory/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return false;
        }

        // The tenant filter makes another company's inventory simply not found.
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inventory is null)
        {
            return false;
        }

        Inventory = inventory;
        Can = InventoryPermissions.For(User);
        Sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        Entries = (await db.Entries.AsNoTracking().Where(e => e.InventoryId == id).ToListAsync(ct)).OrderBy(e => e.PeriodFrom).ThenBy(e => e.CreatedAtUtc).ToList();
        Results = await SnapshotAsync(inventory, ct);
        if (inventory.BaseYear is { } baseYear && baseYear != inventory.Year
            && await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Year == baseYear, ct) is { } baseInventory)
        {
            BaseYearTotalKgCo2e = (await SnapshotAsync(baseInventory, ct))?.Result.TotalKgCo2e;
        }

        return true;
    }

    private async Task<InventorySnapshot?> SnapshotAsync(InventoryRecord inventory, CancellationToken ct)
    {
        if (inventory.Status == InventoryStatus.Locked && inventory.LockedResultJson is { } frozen)
        {
            return JsonSerializer.Deserialize<InventorySnapshot>(frozen, SnapshotJson);
        }

        var outcome = await InventoryWorkbook.CalculateAsync(db, inventory, resolver, ct);
        if (!outcome.Succeeded)
        {
            foreach (var error in outcome.Errors)
            {
                AddError("results", error.Path + ": " + error.Message);
            }

            return null;
        }

        var view = outcome.Value;
        return new InventorySnapshot(
            RunInventory.ToResponse(view.Result),
            view.ByFacility,
            view.ByMonth,
            view.SourceByLine.ToDictionary(kv => kv.Key, kv => kv.Value.Description, StringComparer.Ordinal));
    }
}
