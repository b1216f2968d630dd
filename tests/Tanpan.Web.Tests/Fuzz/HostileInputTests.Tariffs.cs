using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Data;
using Tanpan.Web.Features.Tariffs;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Fuzz;

/// <summary>The operator's tariff upload (file, preview, confirmation, withdrawal) and the public tariffs API with
/// hostile bytes and values: never a 5xx, and only an upload the page accepted stored a version.</summary>
public abstract partial class HostileInputTests
{
    [Fact]
    public async Task TariffUploads_NeverAnswer5xx_AndOnlyAnAcceptedUploadStores()
    {
        var hostile = new Hostile(Seed + 21);
        var op = await app.SignInAsync(TanpanApp.OperatorEmail, TanpanApp.OperatorPassword);
        var shipped = TariffLibrary.ShippedPricesCsv.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var version = shipped.Where(l => l.StartsWith("taipower-hv-3tou,high,3,2024-10-16,", StringComparison.Ordinal)).ToList();
        string Cell() => hostile.Value()?.ToJsonString().Trim('"').Replace(",", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) ?? string.Empty;
        var before = await TariffCountAsync();
        var accepted = 0;
        var failures = new List<string>();
        var client = app.CreateClient();
        for (var i = 0; i < Math.Max(30, Count / 5); i++)
        {
            // A new version (its own date) with one hostile field, or a hostile file of another kind.
            var date = new DateOnly(2031, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var rows = version.Select(l => l.Replace("2024-10-16", date, StringComparison.Ordinal)).ToList();
            var at = hostile.Next(rows.Count);
            var fields = rows[at].Split(',', 12);
            fields[hostile.Next(11)] = Cell();
            rows[at] = string.Join(',', fields);
            var (name, bytes) = (i % 4) switch
            {
                0 or 1 => (hostile.Pick(["t.csv", "..\\..\\x.csv", "../../etc/passwd", "a;b.csv", new string('長', 300) + ".csv"]), Encoding.UTF8.GetBytes(shipped[0] + "\n" + string.Join("\n", rows) + "\n")),
                2 => HostileFile(hostile, i),
                _ => ("t.csv", Encoding.UTF8.GetBytes(hostile.RawBody())),
            };
            var note = i % 3 == 0 ? Cell() : "亂數 " + i;
            var upload = await Forms.PostFileAsync(op, "/operator/tariffs", i % 2 == 0 ? null : "Preview", name, bytes, fields: [new("Note", note)]);
            var confirm = await Forms.PostAsync(op, "/operator/tariffs", [new("csv64", i % 5 == 0 ? Cell() : Convert.ToBase64String(bytes)), new("fileName", Cell()), new("Note", note)]);
            var withdraw = await Forms.PostAsync(op, "/operator/tariffs", [], handler: "Withdraw&id=" + Uri.EscapeDataString(Cell()));
            var api = await client.GetAsync($"/api/v1/tariffs/{Uri.EscapeDataString(Cell() is { Length: > 0 } c ? c : "x")}?date={Uri.EscapeDataString(Cell())}");
            var known = await client.GetAsync($"/api/v1/tariffs/taipower-hv-3tou?date={Uri.EscapeDataString(Cell())}");
            foreach (var response in new[] { upload, confirm, withdraw, api, known })
            {
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{response.RequestMessage!.RequestUri} {name} ({bytes.Length} bytes) → {(int)response.StatusCode}");
                }
            }

            foreach (var response in new[] { i % 2 == 0 ? upload : null, confirm })
            {
                if (response is not null && (await response.Content.ReadAsStringAsync()).Contains("data-testid=\"done\"", StringComparison.Ordinal))
                {
                    accepted++;
                }
            }

            Assert.NotEqual(HttpStatusCode.OK, api.StatusCode);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before + accepted, await TariffCountAsync());
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/operator/tariffs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tariffs")).StatusCode);
    }

    private async Task<int> TariffCountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TanpanDb>().TariffVersions.CountAsync();
    }
}
