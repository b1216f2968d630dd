using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.WorkOrders.Pages;

/// <summary>Work-order history: server-side search, sort and paging, and an Excel export of the filtered list.</summary>
[Authorize(Policy = PermissionNames.WorkOrdersRead)]
public sealed class IndexModel(TanpanDb db, TenantScope tenant, Engine.Jobs.JobCalculator calculator, Platform.Contracts.IMeteredEnergy meters, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Metal { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "-date";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public WorkOrderPage Result { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<TemplateMetal> Metals { get; private set; } = ProcessTemplate.Electroplating.Metals;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        Metals = (await ProcessTemplate.CurrentAsync(db, ct)).Metals;
        Sort = ListWorkOrders.Sorts.Contains(Sort) ? Sort : "-date";
        PageNumber = Math.Max(1, PageNumber);
        Result = await ListWorkOrders.SearchAsync(db, Q, Metal, From, To, Sort, PageNumber, 20, ct);
        return Page();
    }

    public IReadOnlyList<Engine.Common.FieldError> ImportErrors { get; private set; } = [];

    public string? ImportNotice { get; private set; }

    /// <summary>ERP file upload from the page; the same all-or-nothing import as the API.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!tenant.HasCompany || !PermissionHandler.Holds(User, Permission.WorkOrdersWrite))
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            ImportErrors = [new("file", HttpContext.T("請選擇 10 MB 以內的 .xlsx 或 .csv 檔案", "choose an .xlsx or .csv file of at most 10 MB"))];
        }
        else
        {
            var outcome = await ImportWorkOrders.ExecuteAsync(file, db, tenant, calculator, meters, clock, ct);
            if (outcome.Succeeded)
            {
                ImportNotice = HttpContext.T($"已匯入 {outcome.Value.Count} 張工單。", $"{outcome.Value.Count} work orders imported.");
            }
            else
            {
                ImportErrors = outcome.Error!.ToFieldErrors("file");
                Response.StatusCode = outcome.Error!.StatusCode();
            }
        }

        Result = await ListWorkOrders.SearchAsync(db, null, null, null, null, "-date", 1, 20, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!tenant.HasCompany)
        {
            return Forbid();
        }

        var all = await ListWorkOrders.SearchAsync(db, Q, Metal, From, To, ListWorkOrders.Sorts.Contains(Sort) ? Sort : "-date", 1, 100_000, ct);
        var rows = all.Items.Select(w => new Dictionary<string, object?>
        {
            ["訂單編號 order_no"] = w.OrderNo,
            ["工單編號 work_order_no"] = w.WorkOrderNo,
            ["加工金屬 metal"] = w.Metal,
            ["加工日期 date"] = w.Date,
            ["產品 product"] = w.ProductName,
            ["數量 quantity"] = w.Quantity,
            ["單位 unit"] = w.Unit,
            ["排放量 kgCO2e"] = w.TotalKgCo2e,
            ["計算時間（台北） calculated_taipei"] = TaipeiTime.Format(w.CalculatedAtUtc),
            ["狀態 status"] = w.Status,
        }).DefaultIfEmpty(new Dictionary<string, object?> { ["訂單編號 order_no"] = null }).ToArray();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["工單 work orders"] = rows });
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tanpan-work-orders.xlsx");
    }

    public string Link(int page, string? sort = null) =>
        $"/work-orders?q={Uri.EscapeDataString(Q ?? string.Empty)}&metal={Uri.EscapeDataString(Metal ?? string.Empty)}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&sort={sort ?? Sort}&p={page}";
}
