using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tanpan.Engine.Energy;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Storage.Pages;

/// <summary>/energy/storage: a battery study on the company's own load — a meter's 15-minute data, the Taipower bills'
/// time-of-use kWh as a flat fallback, or an uploaded profile — with NT$ and tCO2e from the same dispatch.</summary>
[Authorize(Policy = PermissionNames.MetersRead)]
public sealed class IndexModel(IMeteredLoad meters, ITouBills bills, FactorResolver factors, IEffectiveTariffs tariffs, TimeProvider clock) : FormPage
{
    public sealed class StudyForm
    {
        public string Source { get; set; } = "meter";

        public string? Meter { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public int Interval { get; set; } = 15;

        public string Tariff { get; set; } = "taipower-hv-3tou";

        public decimal? ContractKw { get; set; }

        public decimal? PowerKw { get; set; } = 100;

        public decimal? EnergyKwh { get; set; } = 200;

        public decimal? RoundTripEfficiency { get; set; } = 0.9m;

        public decimal? DepthOfDischarge { get; set; } = 0.9m;

        public decimal? StateOfHealth { get; set; } = 1m;

        public decimal? CostNtd { get; set; } = 2_000_000;

        public string Strategy { get; set; } = "peak-shaving";

        public decimal? TargetKw { get; set; }

        public int LifetimeYears { get; set; } = 10;

        public decimal DiscountRate { get; set; } = 0.05m;
    }

    [BindProperty]
    public StudyForm Input { get; set; } = new();

    public IReadOnlyList<ElectricityMeter> Meters { get; private set; } = [];

    // Operator versions add versions of known schedules, never new schedules: the shipped ids are the choices.
    public IReadOnlyList<string> TariffIds { get; } = TariffLibrary.Shipped.Ids.Where(i => i != "taipower-obligated-storage-dr").ToList();

    public StorageStudyResult? Result { get; private set; }

    public string? ProfileNote { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Meters = await meters.ElectricityMetersAsync(ct);
        var today = DateOnly.FromDateTime(TaipeiTime.ToTaipei(clock.GetUtcNow().UtcDateTime));
        Input.Meter = Meters.Count > 0 ? Meters[0].Code : null;
        Input.Source = Meters.Count > 0 ? "meter" : "bills";
        Input.From = Meters.Count > 0 ? today.AddDays(-1) : new DateOnly(today.Year - 1, 1, 1);
        Input.To = Meters.Count > 0 ? today : new DateOnly(today.Year - 1, 12, 31);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        Meters = await meters.ElectricityMetersAsync(ct);
        CollectBindingErrors(HttpContext.T("請輸入數字", "enter a number"));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var library = await tariffs.LibraryAsync(ct);
        var schedule = TariffIds.Contains(Input.Tariff, StringComparer.Ordinal) && Input.From is { } day ? library.Find(Input.Tariff, day) : null;
        if (schedule is null)
        {
            AddError("Tariff", HttpContext.T("請選擇電價與期間（期間需在電價版本生效之後）", "choose a tariff and a period on or after its version's start"));
        }

        var profile = schedule is null ? null : await ProfileAsync(schedule, file, ct);
        if (profile is null || Errors.Count > 0)
        {
            return Page();
        }

        var (start, load) = profile.Value;
        var dto = new RunStorage.Request(Input.Interval, start, load.Select(v => (decimal?)v).ToList(), new(Input.Tariff, Input.ContractKw ?? Math.Ceiling(load.Max())),
            new(Input.PowerKw, Input.EnergyKwh, Input.RoundTripEfficiency, Input.DepthOfDischarge, Input.StateOfHealth, Input.CostNtd),
            new(Input.Strategy, Input.TargetKw), start.Year, new(Input.LifetimeYears, Input.DiscountRate, null, null));
        var mapped = RunStorage.Map(dto, library);
        var outcome = mapped.Succeeded ? StorageStudy.Run(mapped.Value, library, factors) : Engine.Common.Outcome<StorageStudyResult>.Failure(mapped.Errors);
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors)
            {
                AddError(FieldOf(e.Path), ErrorText.For(HttpContext, e));
            }

            return Page();
        }

        Result = outcome.Value;
        return Page();
    }

    private async Task<(DateTimeOffset Start, decimal[] Load)?> ProfileAsync(TariffSchedule schedule, IFormFile? file, CancellationToken ct)
    {
        if (Input.Interval is not (15 or 60))
        {
            AddError("Interval", HttpContext.T("15 或 60 分鐘", "15 or 60 minutes"));
            return null;
        }

        if (Input.From is not { } from || Input.To is not { } to || to < from || to.DayNumber - from.DayNumber > 365)
        {
            AddError("To", HttpContext.T("請輸入起訖日期（最多一年）", "enter a start and an end date (at most a year)"));
            return null;
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        var count = (to.DayNumber - from.DayNumber + 1) * 1440 / Input.Interval;
        switch (Input.Source)
        {
            case "meter":
                var meter = Input.Meter is null ? null : await meters.LoadProfileAsync(Input.Meter, start.UtcDateTime, start.UtcDateTime.AddDays(to.DayNumber - from.DayNumber + 1), Input.Interval, ct);
                if (meter is null)
                {
                    AddError("Meter", HttpContext.T("請選擇電表", "choose a meter"));
                    return null;
                }

                ProfileNote = HttpContext.T($"電表 {meter.MeterCode}（{meter.MeterName}）的 {meter.IntervalMinutes} 分鐘平均需量；{meter.MissingIntervals} 個區間無資料，以 0 kW 計。",
                    $"Meter {meter.MeterCode} ({meter.MeterName}), {meter.IntervalMinutes}-minute average demand; {meter.MissingIntervals} intervals without data count as 0 kW.");
                return meter.MissingIntervals == meter.LoadKw.Count ? NoData() : (start, meter.LoadKw.ToArray());
            case "bills":
                var found = await bills.BillsAsync(from, to, ct);
                var built = BillProfile.Build(found.Select(b => new TouEnergy(b.From, b.To, b.PeakKwh, b.SemiPeakKwh, b.SaturdaySemiPeakKwh, b.OffPeakKwh)).ToList(),
                    t => schedule.Classify(t).Period, start.DateTime, Input.Interval, count);
                ProfileNote = HttpContext.T($"由 {found.Count} 張台電帳單的時間電價度數平均攤入各時段（無尖峰細節，削峰效益會低估）；{built.UncoveredIntervals} 個區間無帳單。",
                    $"From {found.Count} Taipower bills' time-of-use kWh spread evenly over each period (no detail of peaks inside a period, so peak shaving is understated); {built.UncoveredIntervals} intervals have no bill.");
                return found.Count == 0 ? NoData() : (start, built.LoadKw.ToArray());
            default:
                var uploaded = await UploadedAsync(file, ct);
                if (uploaded is null)
                {
                    AddError("file", HttpContext.T("請上傳 CSV：每列一個 kW 值（或最後一欄為 kW），依時間順序", "upload a CSV with one kW value per row (or kW in the last column), in time order"));
                    return null;
                }

                ProfileNote = HttpContext.T($"上傳的負載曲線，{uploaded.Length} 個 {Input.Interval} 分鐘區間。", $"Uploaded load profile, {uploaded.Length} intervals of {Input.Interval} minutes.");
                return (start, uploaded);
        }
    }

    private (DateTimeOffset, decimal[])? NoData()
    {
        AddError("Source", HttpContext.T("這段期間沒有資料", "there are no data in this period"));
        return null;
    }

    private static async Task<decimal[]?> UploadedAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length is 0 or > 4 * 1024 * 1024)
        {
            return null;
        }

        using var reader = new StreamReader(file.OpenReadStream());
        var values = new List<decimal>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var last = line.Split(',', ';', '\t')[^1].Trim().Trim('"');
            if (decimal.TryParse(last, NumberStyles.Float, CultureInfo.InvariantCulture, out var kw))
            {
                if (kw < 0 || values.Count >= StorageStudy.MaxIntervals)
                {
                    return null;
                }

                values.Add(kw);
            }
            else if (values.Count > 0 && last.Length > 0)
            {
                return null;
            }
        }

        return values.Count == 0 ? null : values.ToArray();
    }

    private static string FieldOf(string path) => path switch
    {
        var p when p.StartsWith("battery.", StringComparison.Ordinal) => char.ToUpperInvariant(p[8]) + p[9..],
        "tariff.contractCapacityKw" => "ContractKw",
        "strategy.targetKw" => "TargetKw",
        "strategy.type" => "Strategy",
        "economics.lifetimeYears" => "LifetimeYears",
        "economics.discountRate" => "DiscountRate",
        _ => "Source",
    };

    public string TariffName(string id) => StorageNames.Tariff(HttpContext, id);
}
