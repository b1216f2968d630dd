using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tanpan.Engine.Reduction;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Reduction.Pages;

/// <summary>/reduction: the plan (base year, rate, targets), the register of measures with its cost curve, the
/// pathway to the target years and progress from the company's own inventories.</summary>
[Authorize(Policy = PermissionNames.ReductionRead)]
public sealed class IndexModel(ReductionPlanner planner, TanpanDb db, TimeProvider clock) : FormPage
{
    public sealed class PlanForm
    {
        public int? BaseYear { get; set; }

        public decimal? BaseYearTonnes { get; set; }

        public string Boundary { get; set; } = PlanDefaults.Boundary.Code();

        public string Rate { get; set; } = PlanDefaults.Rate.Code;

        /// <summary>Percent a year, as people write it (4 = 4 %).</summary>
        public decimal? CustomRatePercent { get; set; }

        public string? TargetYears { get; set; }

        /// <summary>Percent a year.</summary>
        public decimal? DiscountRatePercent { get; set; }
    }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public ReductionView View { get; private set; } = null!;

    public bool CanWrite => PermissionHandler.Holds(User, Permission.ReductionWrite);

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await planner.EvaluateAsync(ct);
        var s = View.Settings;
        Input = new PlanForm
        {
            BaseYear = s.BaseYear,
            BaseYearTonnes = s.BaseYearTonnes,
            Boundary = s.Boundary.Code(),
            Rate = s.RateCode,
            CustomRatePercent = s.CustomRate * 100m,
            TargetYears = s.TargetYears.Replace(",", ", ", StringComparison.Ordinal),
            DiscountRatePercent = s.DiscountRate * 100m,
        };
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        CollectBindingErrors(HttpContext.T("請輸入數字", "enter a number"));
        var years = ParseYears(Input.TargetYears);
        if (years is null)
        {
            AddError("TargetYears", HttpContext.T("請以逗號分隔年份，例如 2030, 2050", "years separated by commas, e.g. 2030, 2050"));
        }

        if (Errors.Count == 0)
        {
            var request = new PlanRequest(Input.BaseYear, Input.BaseYearTonnes, Input.Boundary, Input.Rate, Input.CustomRatePercent / 100m, years, (Input.DiscountRatePercent ?? PlanDefaults.DiscountRate * 100m) / 100m);
            var valid = SavePlan.Validate(request);
            if (valid.Succeeded)
            {
                await ReductionEndpoints.StoreAsync(db, valid.Value, clock.GetUtcNow().UtcDateTime, ct);
                return RedirectDone("/reduction", "已儲存減碳計畫設定。", "Plan settings saved.");
            }

            foreach (var e in valid.Errors)
            {
                AddError(FieldOf(e.Path), ErrorText.For(HttpContext, e));
            }
        }

        View = await planner.EvaluateAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        return await ReductionEndpoints.DeleteAsync(db, id, ct) is { } row
            ? RedirectDone("/reduction", $"已刪除措施「{row.Name}」。", $"Measure “{row.Name}” deleted.")
            : NotFound();
    }

    /// <summary>The API's field paths as this form's fields.</summary>
    private static string FieldOf(string path) => path switch
    {
        "baseYear" => "BaseYear",
        "baseYearTonnes" => "BaseYearTonnes",
        "boundary" => "Boundary",
        "rate" => "Rate",
        "customRate" => "CustomRatePercent",
        "discountRate" => "DiscountRatePercent",
        _ => "TargetYears",
    };

    private static List<int>? ParseYears(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. PlanDefaults.TargetYears];
        }

        var years = new List<int>();
        foreach (var part in text.Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                return null;
            }

            years.Add(y);
        }

        return years;
    }

    public string Kind(MeasureKind kind) => HttpContext.Name(kind);

    public string RateName(string code) => code switch
    {
        "efficiency-1.5" => HttpContext.T("每年 1.5 %（高效率設備）", "1.5 % a year (efficient equipment)"),
        "iso50001-2.5" => HttpContext.T("每年 2.5 %（導入 ISO 50001）", "2.5 % a year (ISO 50001)"),
        "smart-3.5" => HttpContext.T("每年 3.5 %（智慧監測主要耗能設備）", "3.5 % a year (smart monitoring)"),
        _ => HttpContext.T("自訂", "Custom"),
    };
}
