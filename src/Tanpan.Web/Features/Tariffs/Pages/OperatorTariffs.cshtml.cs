using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Tariffs.Pages;

/// <summary>One version an upload adds, row by row beside the price in force the day before.</summary>
public sealed record TariffPreview(string ScheduleId, DateOnly EffectiveFrom, DateOnly? ReplacesFrom, IReadOnlyList<(TariffRow Row, decimal? Before)> Rows);

/// <summary>/operator/tariffs: every Taipower schedule with its versions (shipped and operator-added); the operator
/// uploads a new prices file (same columns as the shipped one), sees what it adds, adds it, or withdraws a version.
/// All or nothing: a file with any error stores nothing.</summary>
[Authorize(Policy = PermissionNames.Operate)]
public sealed class OperatorTariffsModel(TanpanDb db, EffectiveTariffs tariffs, TimeProvider clock) : FormPage
{
    public const int MaxFileBytes = 1_000_000;

    public EffectiveTariffReport Report { get; private set; } = new(TariffLibrary.Shipped, []);

    public IReadOnlyList<FieldError> CsvErrors { get; private set; } = [];

    public IReadOnlyList<TariffPreview> Preview { get; private set; } = [];

    /// <summary>The previewed file, carried to the confirming post as base64 (no whitespace normalised on the way).</summary>
    public string? PreviewCsv64 { get; private set; }

    public string? PreviewFileName { get; private set; }

    public string? PreviewHash { get; private set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Report = await tariffs.ReportAsync(ct);

    /// <summary>The shipped prices file: the template for a new version.</summary>
    public IActionResult OnGetTemplate() =>
        File(System.Text.Encoding.UTF8.GetBytes(TariffLibrary.ShippedPricesCsv), "text/csv; charset=utf-8", TariffLibrary.PricesFile);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        Report = await tariffs.ReportAsync(ct);
        var read = await ReadFileAsync(file, ct);
        if (read is not { } upload || Checked(upload.Text, upload.FileName) is not { } next)
        {
            return Page();
        }

        ShowPreview(upload.Text, upload.FileName, next);
        return Page();
    }

    /// <summary>Adds the file (uploaded, or the previewed one carried as <paramref name="csv64"/>).</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? csv64, string? fileName, CancellationToken ct)
    {
        Report = await tariffs.ReportAsync(ct);
        var read = file is null && csv64 is not null ? FromPreview(csv64, fileName) : await ReadFileAsync(file, ct);
        var note = Note?.Trim() ?? string.Empty;
        if (note.Length is 0 or > 500 || HasControl(note))
        {
            AddError("Note", HttpContext.T("必填：說明此版本的變動（例如「2026-04 調整」），500 字以內", "required: what this version changes (e.g. “2026-04 調整”), up to 500 characters"));
        }

        var checkedFile = read is { } r ? Checked(r.Text, r.FileName) : null;
        if (read is not { } upload || checkedFile is not { } next || Errors.Count > 0)
        {
            if (read is { } kept && checkedFile is not null)
            {
                ShowPreview(kept.Text, kept.FileName, checkedFile);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var adds = EffectiveTariffs.Adds(Report.Library, next);
        db.TariffVersions.Add(new TariffVersion
        {
            Id = Guid.NewGuid(), FileName = upload.FileName, PricesCsv = upload.Text, Hash = TariffVersion.HashOf(upload.Text), Note = note,
            UploadedBy = User.Identity?.Name ?? "operator", UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        tariffs.Forget();
        var list = string.Join("、", adds.Select(a => $"{TariffApi.NameOf(a.ScheduleId).Zh} {TariffApi.Date(a.EffectiveFrom)}"));
        var listEn = string.Join("; ", adds.Select(a => $"{TariffApi.NameOf(a.ScheduleId).En} from {TariffApi.Date(a.EffectiveFrom)}"));
        return RedirectDone("/operator/tariffs", $"已新增電價版本：{list}；自生效日起的試算依此計價。", $"Added tariff versions: {listEn}. Studies for dates from then on bill on them.");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        var row = await db.TariffVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (row is null)
        {
            return NotFound();
        }

        if (row.WithdrawnAtUtc is null)
        {
            row.WithdrawnAtUtc = clock.GetUtcNow().UtcDateTime;
            row.WithdrawnBy = User.Identity?.Name ?? "operator";
            await db.SaveChangesAsync(ct);
        }

        return RedirectDone("/operator/tariffs", $"已撤回「{row.FileName}」（{row.Note}）；試算不再使用其價格。", $"Withdrew “{row.FileName}” ({row.Note}); studies no longer use its prices.");
    }

    public (string Zh, string En) NameOf(string id) => TariffApi.NameOf(id);

    public string ScheduleName(string id) => HttpContext.T(NameOf(id).Zh, NameOf(id).En);

    private void ShowPreview(string text, string fileName, TariffLibrary next)
    {
        Preview = PreviewOf(Report.Library, next);
        PreviewCsv64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        PreviewFileName = fileName;
        PreviewHash = TariffVersion.HashOf(text);
    }

    private TariffLibrary? Checked(string text, string fileName)
    {
        var next = Report.Library.WithOperatorVersions(text, fileName);
        if (next.Succeeded)
        {
            return next.Value;
        }

        CsvErrors = next.Errors;
        AddError("file", HttpContext.T("檔案未通過檢查，未新增任何版本（每個錯誤列出檔案的列與欄）。", "The file did not pass its checks; nothing was added (each error names the file's row and column)."));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    private async Task<(string Text, string FileName)?> ReadFileAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length is 0 or > MaxFileBytes)
        {
            AddError("file", HttpContext.T("請上傳電價 CSV（與 taipower_tou.csv 相同欄位，1 MB 以內）", "upload a prices CSV (the columns of taipower_tou.csv, up to 1 MB)"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return Decode(buffer.ToArray(), file.FileName);
    }

    private (string Text, string FileName)? FromPreview(string csv64, string? fileName)
    {
        var bytes = new byte[Math.Min(csv64.Length, MaxFileBytes * 2)];
        if (csv64.Length > MaxFileBytes * 2 || !Convert.TryFromBase64String(csv64, bytes, out var written))
        {
            AddError("file", HttpContext.T("預覽的檔案已失效，請重新上傳", "the previewed file did not come back intact; upload it again"));
            return null;
        }

        return Decode(bytes[..written], fileName);
    }

    /// <summary>UTF-8 text without control characters (PostgreSQL stores no NUL; a tariff file has none).</summary>
    private (string Text, string FileName)? Decode(byte[] bytes, string? fileName)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            text = string.Empty;
        }

        if (text.Length == 0 || text.Length > TariffVersion.MaxCsvChars || text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            AddError("file", HttpContext.T("檔案須為 UTF-8 文字 CSV，不含控制字元", "the file must be UTF-8 CSV text without control characters"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        var name = Path.GetFileName(fileName ?? string.Empty).Trim();
        name = name.Length is 0 or > 200 || HasControl(name) ? TariffLibrary.PricesFile : name;
        return (text, name);
    }

    private static bool HasControl(string text) => text.Any(char.IsControl);

    private static List<TariffPreview> PreviewOf(TariffLibrary before, TariffLibrary after) =>
    [
        .. EffectiveTariffs.Adds(before, after).Select(a =>
        {
            var previous = before.Find(a.ScheduleId, a.EffectiveFrom.AddDays(-1));
            var version = after.Versions(a.ScheduleId).First(v => v.EffectiveFrom == a.EffectiveFrom);
            return new TariffPreview(a.ScheduleId, a.EffectiveFrom, previous?.EffectiveFrom, [.. version.Rows.Select(r => (r, previous?.Rows.FirstOrDefault(p =>
                p.Component == r.Component && p.Season == r.Season && p.Period == r.Period && (r.Component != TariffLabels.OverContractSurcharge || p.Value == r.Value))?.Value))]);
        }),
    ];
}
