using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Inventory;
using Tanpan.Web.Features.Meters;
using Tanpan.Web.Platform.Tenancy;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Meters;

/// <summary>Facilities and meters for the metering tests, through the API where there is one.</summary>
internal static class MeterSetup
{
    public static async Task<Guid> FacilityAsync(TanpanApp app, Guid companyId, string name = "一廠")
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(companyId, "test", PrincipalKind.System);
        var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
        var facility = new Facility { Id = Guid.NewGuid(), Name = name, CreatedAtUtc = DateTime.UtcNow };
        db.Facilities.Add(facility);
        await db.SaveChangesAsync();
        return facility.Id;
    }

    public static async Task<JsonElement> MeterAsync(HttpClient client, Guid facilityId, string code, string semantics = "Counter", int interval = 15, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["code"] = code, ["name"] = code + " 電表", ["facilityId"] = facilityId, ["kind"] = "Physical", ["carrier"] = "Electricity",
            ["unit"] = "kWh", ["semantics"] = semantics, ["intervalMinutes"] = interval, ["timeZone"] = "Asia/Taipei",
        };
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[p.Name] = p.Value;
            }
        }

        return await Problem.ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/meters", body), HttpStatusCode.Created);
    }

    /// <summary>{"readings":[…]} from (local time text, value) pairs.</summary>
    public static object Readings(params (string T, decimal V)[] readings) => new { readings = readings.Select(r => new { t = r.T, kwh = r.V }).ToArray() };

    /// <summary>Until no dirty range is left: this pass's own work, or the app's worker finishing what it leased.</summary>
    public static async Task RollUpAsync(TanpanApp app)
    {
        var worker = app.Services.GetRequiredService<RollupWorker>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TanpanDb>();
            if (!await db.MeterDirtyRanges.IgnoreQueryFilters().AnyAsync())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, "roll-ups still pending after 30 s");
            await Task.Delay(50);
        }
    }
}
