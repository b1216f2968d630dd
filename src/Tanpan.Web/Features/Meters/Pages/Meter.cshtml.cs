using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Sheets;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Meters.Pages;

/// <summary>/energy/meters/{code}: the meter's history (zoomable chart in quantity and CO2e), its anomalies, and an
/// upload of readings as CSV (the meter export's columns t and kwh/value; all rows or none).</summary>
[Authorize(Policy = PermissionNames.MetersRead)]
public sealed class MeterModel(TanpanDb db, MeterIngestion ingestion, TenantScope tenant) : FormPage
{
    public Meter Meter { get; private set; } = null!;

    public IReadOnlyList<MeterAnomaly> Anomalies { get; private set; } = [];

    public IReadOnlyList<MeterBatch> Batches { get; private set; } = [];

    public IReadOnlyList<Engine.Common.FieldError> UploadErrors { get; private set; } = [];

    public bool CanWrite => PermissionHandler.Holds(User, Permission.MetersWrite);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(string code, IFormFile? file, CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        var upload = await SheetUpload.ReadAsync(file, ct);
        if (!upload.Succeeded)
        {
            UploadErrors = upload.Error!.ToFieldErrors("file");
        }
        else
        {
            await using var stream = upload.Value.Stream;
            byte[] csv;
            if (upload.Value.Kind == SpreadsheetKind.Csv)
            {
                csv = stream.ToArray();
            }
            else
            {
                var text = XlsxAsCsv(stream, TimeZoneInfo.FindSystemTimeZoneById(Meter.TimeZone));
                if (text is null)
                {
                    UploadErrors = [new("file", "the workbook's first sheet needs a header row with t and kwh (or value)", "meter.csv.header")];
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    return Page();
                }

                csv = System.Text.Encoding.UTF8.GetBytes(text);
            }

            var outcome = (await ingestion.IngestAsync(db, [new IncomingPayload(tenant.CompanyId, code, IngestChannel.Upload, tenant.Actor, csv, IsCsv: true)], quarantine: false, ct))[0];
            if (outcome.Accepted)
            {
                return RedirectDone($"/energy/meters/{code}", $"已匯入 {outcome.Readings:N0} 筆讀值（新增 {outcome.Inserted:N0} 筆）。", $"{outcome.Readings:N0} readings imported ({outcome.Inserted:N0} new).");
            }

            UploadErrors = outcome.Errors;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The first sheet as the CSV the engine reads; a date-time cell (no offset of its own) is the meter's local time.</summary>
    private static string? XlsxAsCsv(Stream stream, TimeZoneInfo zone)
    {
        var lines = new System.Text.StringBuilder();
        string[]? header = null;
        foreach (var row in SheetRows.Query(stream, SpreadsheetKind.Xlsx, sheetName: null))
        {
            header ??= row.Values.Keys.ToArray();
            if (lines.Length == 0)
            {
                lines.AppendLine(string.Join(',', header.Select(Quote)));
            }

            lines.AppendLine(string.Join(',', header.Select(h => Quote(row.Values.TryGetValue(h, out var v) ? Cell(v, zone) : string.Empty))));
        }

        return header is null ? null : lines.ToString();
    }

    private static string Cell(object? value, TimeZoneInfo zone) => value switch
    {
        null => string.Empty,
        DateTime t => new DateTimeOffset(t, zone.GetUtcOffset(t)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct);
        if (meter is null)
        {
            return false;
        }

        Meter = meter;
        Anomalies = await db.MeterAnomalies.AsNoTracking().Where(a => a.MeterId == meter.Id).OrderByDescending(a => a.FromUtc).Take(50).ToListAsync(ct);
        Batches = await db.MeterBatches.AsNoTracking().Where(b => b.MeterId == meter.Id).OrderByDescending(b => b.ReceivedAtUtc).Take(20).ToListAsync(ct);
        return true;
    }
}
