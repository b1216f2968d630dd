using System.Globalization;
using System.Text.RegularExpressions;
using Tanpan.Web.Tests.Infrastructure;

namespace Tanpan.Web.Tests.Features.Inventory;

/// <summary>A company's inventory set up through its pages, as a clerk would: a facility, sources in the register,
/// a year's inventory. For tests of features that read the inventory (plans, exposure, studies).</summary>
public static partial class InventorySetup
{
    public static async Task<string> FacilityAsync(HttpClient client, string name = "一廠")
    {
        await Forms.PostAsync(client, "/inventory/register", [new("FacilityName", name), new("FacilityAddress", "")], handler: "Facility");
        var facility = FacilityPattern().Match(await client.GetStringAsync("/inventory/register")).Groups[1].Value;
        Assert.NotEmpty(facility);
        return facility;
    }

    public static Task<HttpResponseMessage> SourceAsync(HttpClient client, string facilityId, string category, string activity, string description, string use = "") =>
        Forms.PostAsync(client, "/inventory/register",
        [
            new("Source.FacilityId", facilityId), new("Source.Category", category), new("Source.Activity", activity), new("Source.Use", use),
            new("Source.Technology", ""), new("Source.Description", description), new("Source.MeterNumber", ""), new("Source.DataOwner", ""),
        ], handler: "Source");

    /// <summary>The new inventory's page URL and the id of the source described as <paramref name="source"/> on it.</summary>
    public static async Task<(string Url, string SourceId)> InventoryAsync(HttpClient client, int year, string source)
    {
        var created = await Forms.PostAsync(client, "/inventory", [new("Year", year.ToString(CultureInfo.InvariantCulture)), new("Boundary", "OperationalControl")]);
        var html = await created.Content.ReadAsStringAsync();
        var id = SourceOption().Matches(html).FirstOrDefault(m => m.Groups[2].Value.StartsWith(source, StringComparison.Ordinal))?.Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(id), $"no source {source} on the inventory page");
        return (created.RequestMessage!.RequestUri!.AbsolutePath, id!);
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"Source.FacilityId\"[^>]*>\\s*<option value=\"([0-9a-f-]{36})\"")]
    private static partial Regex FacilityPattern();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\">([^<]*)")]
    private static partial Regex SourceOption();
}
