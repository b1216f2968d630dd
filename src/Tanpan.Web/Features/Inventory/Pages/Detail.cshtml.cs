using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Factors;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Factors;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>One inventory year: activity data (incl. Taipower bills), results with traces, review and lock. Each
/// handler runs its use case; only showing the page calculates.</summary>
[Authorize(Policy = PermissionNames.InventoryRead)]
public sealed class DetailModel(TanpanDb db, FactorResolver resolver, ICompanyFactors companyFactors, Platform.Contracts.IMeteredEnergy meters, TimeProvider clock) : FormPage
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public InventoryRecord Inventory { get; private set; } = null!;

    /// <summary>Entries listed per page: an imported year can hold tens of thousands, and the page must stay light.</summary>
    public const int EntriesPerPage = 100;

    /// <summary>The entries on the page shown (<see cref="EntryPage"/>), in period order.</summary>
    public IReadOnlyList<ActivityEntry> Entries { get; private set; } = [];

    /// <summary>All entries of the inventory, for the count and the pager.</summary>
    public int EntryCount { get; private set; }

    /// <summary>1-based page of the entry list (<c>?entries=</c>), clamped to the pages there are.</summary>
    public int EntryPage { get; private set; } = 1;

    public int EntryPages => PagesFor(EntryCount);

    public static int PagesFor(int count) => Math.Max(1, (count + EntriesPerPage - 1) / EntriesPerPage);

    /// <summary>The 1-based page asked for in <paramref name="key"/> (<c>?lines=3</c>), clamped to the pages of
    /// <paramref name="count"/> items; anything unreadable is page 1.</summary>
    public int PageAsked(string key, int count) =>
        int.TryParse(Request.Query[key], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, PagesFor(count)) : 1;

    /// <summary>The one source whose lines are listed (<c>?source=</c>, from the dashboard's largest sources), or null for all.</summary>
    public Guid? SourceFilter => Guid.TryParse(Request.Query["source"], out var id) ? id : null;

    public IReadOnlyDictionary<Guid, EmissionSource> Sources { get; private set; } = new Dictionary<Guid, EmissionSource>();

    public InventoryShown Shown { get; private set; } = new(null, false, true, []);

    public InventoryPermissions Can { get; private set; } = new(false, false, false, false);

    public bool Editable => Inventory.Status is InventoryStatus.Draft or InventoryStatus.Returned;

    /// <summary>The company declared a one-person review: its submitter may approve.</summary>
    public bool MaySelfApprove { get; private set; }

    [BindProperty]
    public AddActivityEntry.EntryInput Entry { get; set; } = new();

    [BindProperty]
    public string? Comment { get; set; }

    public IReadOnlyList<Engine.Common.FieldError> ImportErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnGetTemplateAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? File(InventoryExcel.Template(Sources.Values.ToArray()), XlsxType, "tanpan-activity-template.xlsx") : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct) =>
        await PrintableAsync(id, ct) is { } snapshot
            ? File(InventoryExcel.Export(snapshot, Sources.Values.ToArray()), XlsxType, $"tanpan-inventory-{Inventory.Year}.xlsx")
            : await ShowAsync(id, ct);

    /// <summary>The inventory in the layout of MOENV's 溫室氣體排放量清冊表單 (19 sheets).</summary>
    public async Task<IActionResult> OnGetMoenvAsync(Guid id, CancellationToken ct) =>
        await PrintableAsync(id, ct) is { } snapshot
            ? File(MoenvInventoryForm.Export(snapshot, Sources), XlsxType, $"tanpan-moenv-inventory-form-{Inventory.Year}.xlsx")
            : await ShowAsync(id, ct);

    public async Task<IActionResult> OnGetMoenvOdsAsync(Guid id, CancellationToken ct) =>
        await PrintableAsync(id, ct) is { } snapshot
            ? File(MoenvInventoryForm.ExportOds(snapshot, Sources), Platform.Sheets.OdsWriter.MediaType, $"tanpan-moenv-inventory-form-{Inventory.Year}.ods")
            : await ShowAsync(id, ct);

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct) =>
        await PrintableAsync(id, ct) is { } snapshot
            ? File(InventoryReportPdf.Render(snapshot, Shown.Locked, Inventory.LockedAtUtc, clock.GetUtcNow().UtcDateTime, Language.Of(HttpContext), InventoryQualityReports.Build(snapshot)), "application/pdf", $"tanpan-inventory-report-{Inventory.Year}.pdf")
            : await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.InventoryWrite))
        {
            return Forbid();
        }

        var imported = await ImportActivityData.ExecuteAsync(id, file, db, resolver, companyFactors, clock, ct);
        if (imported.Succeeded)
        {
            return RedirectDone($"/inventory/{id}", $"已匯入 {imported.Value:N0} 筆活動數據。", $"Imported {imported.Value:N0} activity entries.");
        }

        ImportErrors = imported.Error!.ToFieldErrors("file");
        return await FailedAsync(id, imported.Error!, "Comment", ct, showFields: false);
    }

    /// <summary>Bills of sources with meters, against the meters over each bill's period.</summary>
    public IReadOnlyList<BillReconciliation> Reconciliation { get; private set; } = [];

    public bool HasFeedingMeters { get; private set; }

    public async Task<IActionResult> OnPostMeterTotalsAsync(Guid id, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.InventoryWrite))
        {
            return Forbid();
        }

        var imported = await MeterTotals.ImportAsync(id, db, meters, clock, ct);
        if (imported.Succeeded)
        {
            var (added, updated, skipped) = imported.Value;
            return RedirectDone($"/inventory/{id}",
                $"已帶入電表月累計：新增 {added:N0} 筆、更新 {updated:N0} 筆" + (skipped > 0 ? $"；{skipped:N0} 個已有單據的排放源改以對帳呈現，不重複計入" : "") + "。",
                $"Meter monthly totals taken in: {added:N0} added, {updated:N0} updated" + (skipped > 0 ? $"; {skipped:N0} source(s) with bills of their own are reconciled instead, not counted twice" : "") + ".");
        }

        return await FailedAsync(id, imported.Error!, "Comment", ct, showFields: false);
    }

    public async Task<IActionResult> OnPostEntryAsync(Guid id, CancellationToken ct) => await AddEntryAsync(id, bill: false, ct);

    public async Task<IActionResult> OnPostBillAsync(Guid id, CancellationToken ct) => await AddEntryAsync(id, bill: true, ct);

    /// <summary>The entry being corrected (<c>?edit=</c>), shown in its own form with its values.</summary>
    public ActivityEntry? EditingEntry { get; private set; }

    public async Task<IActionResult> OnPostUpdateEntryAsync(Guid id, Guid entryId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.InventoryWrite))
        {
            return Forbid();
        }

        CollectBindingErrors(HttpContext.T("請輸入有效的數字或日期", "enter a valid number or date"));
        if (Errors.Count == 0)
        {
            var updated = await AddActivityEntry.ExecuteAsync(id, Entry, bill: false, db, resolver, companyFactors, clock, ct, replacing: entryId);
            if (updated.Succeeded)
            {
                return RedirectDone($"/inventory/{id}", "已更新一筆活動數據。", "The entry was updated.");
            }

            if (updated.Error is NotFoundError { Code: "inventory.entry.not-found" })
            {
                return NotFound();
            }

            EditingEntryId = entryId;
            return await FailedAsync(id, updated.Error!, "Entry.SourceId", ct);
        }

        EditingEntryId = entryId;
        return await ShowAsync(id, ct);
    }

    private Guid? EditingEntryId { get; set; }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid entryId, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.InventoryWrite))
        {
            return Forbid();
        }

        var deleted = await DeleteActivityEntry.ExecuteAsync(id, entryId, db, ct);
        return deleted.Succeeded ? RedirectDone($"/inventory/{id}", "已刪除一筆活動數據。", "The entry was deleted.") : await FailedAsync(id, deleted.Error!, "Comment", ct);
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => TransitionAsync(id, InventoryAction.Submit, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => TransitionAsync(id, InventoryAction.Approve, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => TransitionAsync(id, InventoryAction.Return, ct);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) => TransitionAsync(id, InventoryAction.Unlock, ct);

    private async Task<IActionResult> TransitionAsync(Guid id, InventoryAction action, CancellationToken ct)
    {
        var can = InventoryPermissions.For(User);
        var actor = new WorkflowActor(User.Identity?.Name ?? "?", can.CanEdit, can.CanReview, can.CanUnlock);
        var done = await TransitionInventory.ExecuteAsync(id, action, actor, Comment, db, resolver, companyFactors, clock, ct);
        if (done.Succeeded)
        {
            var (zh, en) = action switch
            {
                InventoryAction.Submit => ("已送審。", "Submitted for review."),
                InventoryAction.Approve => ("已核准並鎖定，結果已凍結。", "Approved and locked; the results are frozen."),
                InventoryAction.Return => ("已退回修改。", "Returned for changes."),
                _ => ("已解鎖，可再修改。", "Unlocked; it can be edited again."),
            };
            return RedirectDone($"/inventory/{id}", zh, en);
        }

        return done.Error is ForbiddenError { Code: "inventory.not-allowed" } ? Forbid() : await FailedAsync(id, done.Error!, "Comment", ct);
    }

    private async Task<IActionResult> AddEntryAsync(Guid id, bool bill, CancellationToken ct)
    {
        if (!PermissionHandler.Holds(User, Permission.InventoryWrite))
        {
            return Forbid();
        }

        CollectBindingErrors(HttpContext.T("請輸入有效的數字或日期", "enter a valid number or date"));
        if (Errors.Count == 0)
        {
            var added = await AddActivityEntry.ExecuteAsync(id, Entry, bill, db, resolver, companyFactors, clock, ct);
            if (added.Succeeded)
            {
                return RedirectDone($"/inventory/{id}", bill ? "已新增電費單。" : "已新增活動數據。", bill ? "The bill was added." : "The activity data was added.");
            }

            return await FailedAsync(id, added.Error!, "Entry.SourceId", ct);
        }

        return await ShowAsync(id, ct);
    }

    /// <summary>The page again, with the error by its field and the status the API would give.</summary>
    private async Task<IActionResult> FailedAsync(Guid id, Error error, string field, CancellationToken ct, bool showFields = true)
    {
        if (error is NotFoundError { Code: "inventory.not-found" })
        {
            return NotFound();
        }

        if (showFields)
        {
            Show(error, error is Invalid ? field : "Comment");
        }
        else
        {
            Response.StatusCode = error.StatusCode();
        }

        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Shown = await InventorySnapshots.ShowAsync(db, Inventory, resolver, companyFactors, ct);
        foreach (var error in Shown.Errors)
        {
            AddError("results", error.Path + ": " + ErrorText.For(HttpContext, error));
        }

        Reconciliation = await MeterTotals.ReconcileAsync(id, db, meters, ct);
        HasFeedingMeters = (await meters.FeedingMetersAsync(ct)).Count > 0;
        var editing = EditingEntryId ?? (Guid.TryParse(Request.Query["edit"], out var asked) ? asked : null);
        if (editing is { } entryId && Editable)
        {
            EditingEntry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.InventoryId == id, ct);
        }

        return Page();
    }

    /// <summary>The inventory to print or export, or null (with the reason on the page) when it cannot be.</summary>
    private async Task<StoredInventory?> PrintableAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return null;
        }

        Shown = await InventorySnapshots.ShowAsync(db, Inventory, resolver, companyFactors, ct);
        if (Shown.Locked && !Shown.Intact)
        {
            Show(InventoryErrors.LockedRecordAltered, "Comment");
            return null;
        }

        if (Shown.Snapshot is null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Shown.Snapshot;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // The tenant filter makes another company's inventory simply not found.
        var inventory = await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inventory is null)
        {
            return false;
        }

        Inventory = inventory;
        Can = InventoryPermissions.For(User);
        MaySelfApprove = await db.Companies.AsNoTracking().Where(c => c.Id == inventory.CompanyId).Select(c => c.SinglePersonReview).FirstOrDefaultAsync(ct);
        Sources = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var entries = db.Entries.AsNoTracking().Where(e => e.InventoryId == id);
        EntryCount = await entries.CountAsync(ct);
        EntryPage = PageAsked("entries", EntryCount);
        // Id last: a stable order, so a page boundary never shows an entry twice or skips one.
        Entries = await entries.OrderBy(e => e.PeriodFrom).ThenBy(e => e.CreatedAtUtc).ThenBy(e => e.Id)
            .Skip((EntryPage - 1) * EntriesPerPage).Take(EntriesPerPage).ToListAsync(ct);
        return true;
    }
}
