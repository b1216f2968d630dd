using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Inventory;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;

namespace Tanpan.Web.Features.Inventory.Pages;

/// <summary>Significance assessment of the indirect categories 3–6: four scores each against the inventory's threshold.</summary>
[Authorize(Policy = PermissionNames.InventoryRead)]
public sealed class SignificanceModel(TanpanDb db, TenantScope tenant) : FormPage
{
    public sealed class Row
    {
        public string? Category { get; set; }

        public int? Magnitude { get; set; }

        public int? LevelOfInfluence { get; set; }

        public int? RiskOrOpportunity { get; set; }

        public int? StakeholderConcern { get; set; }

        public string? Rationale { get; set; }

        public bool Significant { get; set; }
    }

    public InventoryRecord Inventory { get; private set; } = null!;

    public InventoryPermissions Can { get; private set; } = new(false, false, false, false);

    public bool Editable => Inventory.Status is InventoryStatus.Draft or InventoryStatus.Returned;

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    [BindProperty]
    public int? Threshold { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var saved = await db.Significance.AsNoTracking().Where(s => s.InventoryId == id).ToDictionaryAsync(s => s.Category, ct);
        Threshold = Inventory.SignificanceThreshold;
        Rows = SignificanceScores.Categories.Select(c => saved.TryGetValue(c.Code, out var s)
            ? new Row { Category = c.Code, Magnitude = s.Magnitude, LevelOfInfluence = s.LevelOfInfluence, RiskOrOpportunity = s.RiskOrOpportunity, StakeholderConcern = s.StakeholderConcern, Rationale = s.Rationale, Significant = s.Significant }
            : new Row { Category = c.Code }).ToList();
        return Page();
    }

    /// <summary>Saves all fourteen rows or none.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
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
            AddError("Threshold", HttpContext.T("盤查已送審或鎖定，不能修改", "the inventory is submitted or locked"));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        CollectBindingErrors(HttpContext.T("請輸入 1–5 的整數", "enter a whole number from 1 to 5"));
        if (Threshold is not (>= 4 and <= 20))
        {
            AddError("Threshold", HttpContext.T("門檻需介於 4 與 20", "the threshold must be between 4 and 20"));
        }

        var codes = SignificanceScores.Categories.Select(c => c.Code).ToArray();
        if (Rows.Count != codes.Length || Rows.Any(r => r is null) || Rows.Select(r => r.Category).Except(codes).Any() || Rows.Select(r => r.Category).Distinct().Count() != codes.Length)
        {
            AddError("Rows", HttpContext.T("類別不完整，請重新載入頁面", "categories are incomplete; reload the page"));
            await ShowPostedAsync(id, ct);
            return Page();
        }

        for (var i = 0; i < Rows.Count; i++)
        {
            var r = Rows[i];
            foreach (var error in SignificanceScores.Validate(r.Magnitude, r.LevelOfInfluence, r.RiskOrOpportunity, r.StakeholderConcern))
            {
                AddError(string.Create(CultureInfo.InvariantCulture, $"Rows[{i}].{char.ToUpperInvariant(error.Path[0])}{error.Path[1..]}"), HttpContext.T("請選 1–5", "choose 1–5"));
            }

            if (r.Rationale?.Length > 1000)
            {
                AddError($"Rows[{i}].Rationale", HttpContext.T("說明 1000 字以內", "up to 1000 characters"));
            }
        }

        if (Errors.Count > 0)
        {
            await ShowPostedAsync(id, ct);
            return Page();
        }

        var record = await db.Inventories.FirstAsync(x => x.Id == id, ct);
        record.SignificanceThreshold = Threshold!.Value;
        var saved = await db.Significance.Where(s => s.InventoryId == id).ToDictionaryAsync(s => s.Category, ct);
        foreach (var r in Rows)
        {
            var scores = new SignificanceScores(r.Magnitude!.Value, r.LevelOfInfluence!.Value, r.RiskOrOpportunity!.Value, r.StakeholderConcern!.Value);
            if (!saved.TryGetValue(r.Category!, out var row))
            {
                row = new SignificanceAssessment { Id = Guid.NewGuid(), InventoryId = id, Category = r.Category! };
                db.Significance.Add(row);
            }

            (row.Magnitude, row.LevelOfInfluence, row.RiskOrOpportunity, row.StakeholderConcern) = (scores.Magnitude, scores.LevelOfInfluence, scores.RiskOrOpportunity, scores.StakeholderConcern);
            row.Significant = scores.IsSignificant(Threshold.Value);
            row.Rationale = r.Rationale?.Trim();
        }

        await db.SaveChangesAsync(ct);
        return Redirect($"/inventory/{id}/significance");
    }

    /// <summary>After an error: every category once, with what was posted where it reads and what is saved
    /// elsewhere, and each result worked out from those scores — never a "not significant" for a row not assessed.</summary>
    private async Task ShowPostedAsync(Guid id, CancellationToken ct)
    {
        var saved = await db.Significance.AsNoTracking().Where(s => s.InventoryId == id).ToDictionaryAsync(s => s.Category, ct);
        var posted = Rows.Where(r => r?.Category is not null).GroupBy(r => r.Category!).ToDictionary(g => g.Key, g => g.First());
        var threshold = Threshold is >= 4 and <= 20 ? Threshold.Value : Inventory.SignificanceThreshold;
        Rows = SignificanceScores.Categories.Select(c =>
        {
            var row = posted.GetValueOrDefault(c.Code) ?? (saved.TryGetValue(c.Code, out var s)
                ? new Row { Category = c.Code, Magnitude = s.Magnitude, LevelOfInfluence = s.LevelOfInfluence, RiskOrOpportunity = s.RiskOrOpportunity, StakeholderConcern = s.StakeholderConcern, Rationale = s.Rationale }
                : new Row { Category = c.Code });
            var complete = SignificanceScores.Validate(row.Magnitude, row.LevelOfInfluence, row.RiskOrOpportunity, row.StakeholderConcern).Count == 0;
            row.Significant = complete && new SignificanceScores(row.Magnitude!.Value, row.LevelOfInfluence!.Value, row.RiskOrOpportunity!.Value, row.StakeholderConcern!.Value).IsSignificant(threshold);
            if (!complete)
            {
                // The view shows "—" for a row without a complete score.
                row.Magnitude = row.Magnitude is >= 1 and <= 5 ? row.Magnitude : null;
            }

            return row;
        }).ToList();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!tenant.HasCompany || await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } inventory)
        {
            return false;
        }

        Inventory = inventory;
        Can = InventoryPermissions.For(User);
        return true;
    }
}
