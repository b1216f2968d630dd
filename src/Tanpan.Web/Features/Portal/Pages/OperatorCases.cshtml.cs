using Tanpan.Engine.Reduction;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Portal.Pages;

/// <summary>/operator/portal/cases: the association writes, edits, publishes and unpublishes reduction cases.
/// A case is never deleted: unpublishing hides it from members and keeps what was written.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorCasesModel(TanpanDb db, TimeProvider clock) : PortalFormPage
{
    public sealed class CaseInput
    {
        public Guid? Id { get; set; }

        public string? TitleZh { get; set; }

        public string? TitleEn { get; set; }

        public IndustrySector? Sector { get; set; }

        public MeasureKind? Measure { get; set; }

        public string? SummaryZh { get; set; }

        public string? SummaryEn { get; set; }

        public decimal? InvestmentNtd { get; set; }

        public decimal? AnnualSavingNtd { get; set; }

        public decimal? AnnualAbatementT { get; set; }

        public string? CompanyName { get; set; }

        public int? Year { get; set; }

        public bool Published { get; set; } = true;
    }

    public IReadOnlyList<ReductionCase> Cases { get; private set; } = [];

    [BindProperty]
    public CaseInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        if (edit is { } id)
        {
            if (await db.PortalCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } c)
            {
                return NotFound();
            }

            Input = new CaseInput
            {
                Id = c.Id, TitleZh = c.TitleZh, TitleEn = c.TitleEn, Sector = c.Sector, Measure = c.Measure, SummaryZh = c.SummaryZh, SummaryEn = c.SummaryEn,
                InvestmentNtd = c.InvestmentNtd, AnnualSavingNtd = c.AnnualSavingNtd, AnnualAbatementT = c.AnnualAbatementT, CompanyName = c.CompanyName, Year = c.Year, Published = c.Published,
            };
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var row = Input.Id is { } id ? await db.PortalCases.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        if (Input.Id is not null && row is null)
        {
            return NotFound();
        }

        var titleZh = Text(nameof(CaseInput.TitleZh), Input.TitleZh, PortalLimits.Title, "中文標題", "Chinese title");
        var titleEn = Text(nameof(CaseInput.TitleEn), Input.TitleEn, PortalLimits.Title, "英文標題", "English title");
        var sector = Choice(nameof(CaseInput.Sector), Input.Sector, "產業", "sector");
        var measure = Choice(nameof(CaseInput.Measure), Input.Measure, "減碳措施", "measure");
        var summaryZh = Text(nameof(CaseInput.SummaryZh), Input.SummaryZh, PortalLimits.Body, "中文摘要", "Chinese summary");
        var summaryEn = Text(nameof(CaseInput.SummaryEn), Input.SummaryEn, PortalLimits.Body, "英文摘要", "English summary");
        var investment = Amount(nameof(CaseInput.InvestmentNtd), Input.InvestmentNtd, "投資金額", "Investment", "NT$");
        var saving = Amount(nameof(CaseInput.AnnualSavingNtd), Input.AnnualSavingNtd, "每年節省金額", "Annual saving", "NT$");
        var abatement = Amount(nameof(CaseInput.AnnualAbatementT), Input.AnnualAbatementT, "每年減碳量", "Annual abatement", "tCO2e");
        var company = Text(nameof(CaseInput.CompanyName), Input.CompanyName, PortalLimits.Name, "公司名稱（空白為匿名）", "Company name (blank to keep it anonymous)", required: false);
        var year = Whole(nameof(CaseInput.Year), Input.Year, 2000, PortalView.TodayInTaipei(clock).Year, "完成年度", "Year completed");
        RestUnbound();
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new ReductionCase { Id = Guid.NewGuid(), TitleZh = titleZh!, TitleEn = titleEn!, SummaryZh = summaryZh!, SummaryEn = summaryEn!, CreatedAtUtc = now };
            db.PortalCases.Add(row);
        }

        (row.TitleZh, row.TitleEn, row.Sector, row.Measure, row.SummaryZh, row.SummaryEn) = (titleZh!, titleEn!, sector, measure, summaryZh!, summaryEn!);
        (row.InvestmentNtd, row.AnnualSavingNtd, row.AnnualAbatementT, row.CompanyName, row.Year, row.Published, row.UpdatedAtUtc) = (investment, saving, abatement, company, year, Input.Published, now);
        await db.SaveChangesAsync(ct);
        return RedirectDone("/operator/portal/cases", "案例已儲存。", "Case saved.");
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, bool published, CancellationToken ct)
    {
        if (await db.PortalCases.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } row)
        {
            return NotFound();
        }

        (row.Published, row.UpdatedAtUtc) = (published, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return published
            ? RedirectDone("/operator/portal/cases", "案例已發布。", "Case published.")
            : RedirectDone("/operator/portal/cases", "案例已下架，會員不再看到。", "Case unpublished; members no longer see it.");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Cases = (await db.PortalCases.AsNoTracking().ToListAsync(ct)).OrderByDescending(c => c.UpdatedAtUtc).ToList();
}
