using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tanpan.Web.Data;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Security;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Platform.Web;

namespace Tanpan.Web.Features.Meters.Pages;

/// <summary>/energy/meters: the meter hierarchy, a form for a new meter, and the company's MQTT credentials.</summary>
[Authorize(Policy = PermissionNames.MetersRead)]
public sealed class MetersModel(TanpanDb db, ISiteRegister register, MeterIngestion ingestion, TenantScope tenant, IOptions<MqttOptions> mqtt, IServiceProvider services, TimeProvider clock) : FormPage
{
    public sealed class MeterForm
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public Guid? FacilityId { get; set; }

        public string? ParentCode { get; set; }

        public string? Line { get; set; }

        public string? Kind { get; set; } = nameof(MeterKind.Physical);

        public string? Carrier { get; set; } = nameof(EnergyCarrier.Electricity);

        public string? Unit { get; set; } = "kWh";

        public string? Semantics { get; set; } = "Counter";

        public int? IntervalMinutes { get; set; } = 15;

        public string? TimeZone { get; set; } = "Asia/Taipei";

        public decimal? Multiplier { get; set; } = 1m;

        public decimal? CounterMax { get; set; }

        public decimal? MaxKw { get; set; }

        public Guid? SourceId { get; set; }

        public string? Formula { get; set; }

        public decimal? AlarmKw { get; set; }

        public decimal? AlarmKgCo2ePerHour { get; set; }

        public MeterRequest ToRequest() => new(Code, Name, FacilityId, Kind, Carrier, Unit, Semantics, IntervalMinutes, TimeZone, Multiplier, ParentCode, Line, CounterMax, MaxKw, SourceId, Formula, AlarmKgCo2ePerHour, AlarmKw);
    }

    [BindProperty]
    public MeterForm Form { get; set; } = new();

    public IReadOnlyList<Meter> Meters { get; private set; } = [];

    public IReadOnlyList<SiteFacility> Facilities { get; private set; } = [];

    public IReadOnlyList<SiteSource> Sources { get; private set; } = [];

    public MeterBrokerAccount? Account { get; private set; }

    /// <summary>Shown once, right after the credentials were made.</summary>
    public BrokerCredentials? NewCredentials { get; private set; }

    public bool CanWrite => PermissionHandler.Holds(User, Permission.MetersWrite);

    public bool CanManage => PermissionHandler.Holds(User, Permission.MetersManage);

    public bool BrokerConfigured => !string.IsNullOrEmpty(mqtt.Value.Host);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        CollectBindingErrors(HttpContext.T("請輸入有效的數字", "enter a valid number"));
        if (Errors.Count == 0)
        {
            var saved = await SaveMeter.ExecuteAsync(Form.ToRequest(), db, register, ingestion, clock, ct);
            if (saved.Succeeded)
            {
                return RedirectDone("/energy/meters", $"已建立電表「{saved.Value.Name}」。", $"Meter “{saved.Value.Name}” created.");
            }

            if (saved.Error is Invalid invalid)
            {
                foreach (var e in invalid.Fields)
                {
                    AddError("Form." + char.ToUpperInvariant(e.Path[0]) + e.Path[1..], ErrorText.For(HttpContext, e));
                }
            }
            else
            {
                Show(saved.Error!, "Form.Code");
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCredentialsAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var made = await SetUpBrokerAccount.ExecuteAsync(db, tenant, services.GetService<BrokerAccounts>(), mqtt.Value, clock, ct);
        if (!made.Succeeded)
        {
            Show(made.Error!, "Credentials");
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            NewCredentials = made.Value;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Meters = await db.Meters.AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct);
        Facilities = await register.FacilitiesAsync(ct);
        Sources = await register.SourcesAsync(ct);
        Account = await db.MeterBrokerAccounts.AsNoTracking().FirstOrDefaultAsync(ct);
    }
}
