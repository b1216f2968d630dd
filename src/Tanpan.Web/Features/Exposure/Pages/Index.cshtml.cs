using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Exposure.Pages;

/// <summary>/exposure: the money at stake — Taiwan's carbon fee on the inventories, EU CBAM on the goods exported with
/// their embedded emissions, a US CCA estimate — over the years and price scenarios, with the CBAM communication an EU
/// importer asks for.</summary>
[Authorize(Policy = PermissionNames.ExposureRead)]
public sealed class IndexModel(ExposureService service, TanpanDb db) : FormPage
{
    public sealed class SettingsForm
    {
        public bool HighLeakage { get; set; }

        public string Plan { get; set; } = "none";

        public int? Period { get; set; } = 1;

        public string? EuaPrices { get; set; }

        public decimal? CarbonPricePaidEurPerT { get; set; }

        public decimal? NtdPerEur { get; set; }

        public decimal? NtdPerUsd { get; set; }
    }

    public sealed class GoodForm
    {
        public string? Name { get; set; }

        public string? CnCode { get; set; }

        public string? Product { get; set; }

        public decimal? SeeDirectTPerT { get; set; }

        public decimal? SeeIndirectTPerT { get; set; }

        public decimal? BenchmarkTPerT { get; set; }

        public bool DefaultValues { get; set; }

        public decimal? EuTonnesPerYear { get; set; }

        public decimal? UsTonnesPerYear { get; set; }

        public decimal? UsBaselineTPerT { get; set; }

        public int? SiteYear { get; set; }

        public decimal? SiteProductionTonnes { get; set; }
    }

    [BindProperty]
    public SettingsForm Input { get; set; } = new();

    [BindProperty]
    public GoodForm Good { get; set; } = new();

    public ExposureView View { get; private set; } = null!;

    public IReadOnlyList<PublishableProduct> Products { get; private set; } = [];

    public IReadOnlyList<AccountObligation> Obligations { get; private set; } = [];

    public bool CanWrite => PermissionHandler.Holds(User, Permission.ExposureWrite);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        FillSettings();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var unreadable = Unreadable("Input.");
        var saved = unreadable ? default : await service.SaveSettingsAsync(new(Input.HighLeakage, Input.Plan, Input.Period, Input.EuaPrices, Input.CarbonPricePaidEurPerT, Input.NtdPerEur, Input.NtdPerUsd), ct);
        if (!unreadable && saved.Succeeded)
        {
            return RedirectDone("/exposure", "已儲存碳價假設。", "Assumptions saved.");
        }

        if (!unreadable)
        {
            ShowErrors(saved, "Input.");
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGoodAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var g = Good;
        var unreadable = Unreadable("Good.");
        var added = unreadable ? default : await service.AddGoodAsync(new(g.Name, g.CnCode, g.Product, g.SeeDirectTPerT, g.SeeIndirectTPerT, g.BenchmarkTPerT, g.DefaultValues, g.EuTonnesPerYear, g.UsTonnesPerYear, g.UsBaselineTPerT, g.SiteYear, g.SiteProductionTonnes), ct);
        if (!unreadable && added.Succeeded)
        {
            return RedirectDone("/exposure", $"已新增貨品「{added.Value.Name}」。", $"Good “{added.Value.Name}” added.");
        }

        if (!unreadable)
        {
            ShowErrors(added, "Good.");
        }

        await LoadAsync(ct);
        FillSettings();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteGoodAsync(Guid id, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        return await service.DeleteGoodAsync(id, ct) ? RedirectDone("/exposure", "已刪除貨品。", "Good deleted.") : NotFound();
    }

    public async Task<IActionResult> OnGetCommunicationAsync(string format, CancellationToken ct)
    {
        await LoadAsync(ct);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CurrentCompanyId, ct);
        var rows = CbamCommunication.Rows(View, company.Name, company.TaxId);
        return format == "xlsx"
            ? File(CbamCommunication.Xlsx(rows, CbamCommunication.Headers), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "cbam-communication.xlsx")
            : File(CbamCommunication.Csv(rows, CbamCommunication.Headers), "text/csv; charset=utf-8", "cbam-communication.csv");
    }

    private void FillSettings()
    {
        var s = View.Settings;
        Input = new SettingsForm
        {
            HighLeakage = s.HighLeakage, Plan = CarbonFee.PlanCode(s.Plan), Period = s.Period, EuaPrices = s.EuaPrices.Replace(",", ", ", StringComparison.Ordinal),
            CarbonPricePaidEurPerT = s.CarbonPricePaidEurPerT, NtdPerEur = s.NtdPerEur, NtdPerUsd = s.NtdPerUsd,
        };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await service.EvaluateAsync(ct);
        Products = await service.LockedProductsAsync(ct);
        Obligations = await service.ObligationsAsync(ct);
    }

    /// <summary>"abc" in a number box: the field's error, and the rest of this form is not saved.</summary>
    private bool Unreadable(string prefix)
    {
        var any = false;
        foreach (var (key, entry) in ModelState.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Value?.Errors.Count > 0))
        {
            AddError(key, HttpContext.T("請輸入數字", "enter a number"));
            any = true;
        }

        return any;
    }

    private void ShowErrors<T>(Outcome<T> outcome, string prefix)
    {
        foreach (var e in outcome.Errors)
        {
            AddError(prefix + e.Path, ErrorText.For(HttpContext, e));
        }
    }
}
