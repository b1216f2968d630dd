using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Features.Exposure;

/// <summary>What an EU importer asks its supplier for to declare CBAM goods (the operator's communication of embedded
/// emissions, Implementing Regulation 2023/1773 Annex IV): per good the installation, CN code, specific direct and
/// indirect embedded emissions, their source, whether they are default values, and the carbon price paid where made.
/// Column headers carry both languages; figures are at full precision.</summary>
public static class CbamCommunication
{
    public static IReadOnlyList<Dictionary<string, object?>> Rows(ExposureView view, string companyName, string? taxId)
    {
        var latestFee = view.Fee.Where(f => f.Scenario == "current" && f.FeeNtd > 0).OrderBy(f => f.Year).LastOrDefault();
        return [.. view.Goods.Where(g => g.Sector is not null).Select(g => new Dictionary<string, object?>
        {
            ["設施營運者 operator"] = companyName,
            ["統一編號 tax_id"] = taxId,
            ["國家 country"] = "TW",
            ["CN 碼 cn_code"] = g.Good.CnCode,
            ["貨品 goods"] = g.Good.Name,
            ["產業 sector"] = CbamSectors.Code(g.Sector!.Value),
            ["直接隱含排放 see_direct_tco2e_per_t"] = g.SeeDirectTPerT,
            ["間接隱含排放 see_indirect_tco2e_per_t"] = g.SeeIndirectTPerT,
            ["使用歐盟預設值 default_values"] = g.Source == SeeSource.DefaultValues ? "yes" : "no",
            ["數據來源 data_source"] = Source(g),
            ["產品基準 benchmark_tco2e_per_t"] = g.Good.BenchmarkTPerT,
            ["每年輸歐噸數 eu_tonnes_per_year"] = g.Good.EuTonnesPerYear,
            ["已付碳價種類 carbon_price_type"] = latestFee is null ? "none" : "Taiwan carbon fee (碳費)",
            ["已付碳價 carbon_price_eur_per_tco2e"] = view.Settings.CarbonPricePaidEurPerT,
            ["碳費年度 carbon_fee_year"] = latestFee?.Year,
            ["碳費費率 carbon_fee_rate_ntd_per_t"] = latestFee?.RateNtdPerT,
        })];
    }

    private static string Source(ResolvedGood g) => g.Source switch
    {
        SeeSource.LockedFootprint => string.Create(CultureInfo.InvariantCulture, $"locked product carbon footprint v{g.FootprintVersion} (ISO 14067, cradle-to-gate total as an upper bound), record SHA-256 {g.FootprintHash}"),
        SeeSource.DefaultValues => "EU Commission default values",
        SeeSource.SiteInventory => string.Create(CultureInfo.InvariantCulture, $"site GHG inventory {g.Good.SiteYear} (ISO 14064-1): scope 1 ÷ {g.Good.SiteProductionTonnes:G29} t produced (direct), scope 2 location-based ÷ the same (indirect)"),
        SeeSource.Entered => "entered by the operator (measured or supplier data)",
        _ => "missing",
    };

    public static byte[] Csv(IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyList<string> headers)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', headers.Select(CsvText.Cell)));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(',', headers.Select(h => row[h] switch
            {
                null => string.Empty,
                // Stored decimals carry their column scale (2.000000000000): written as the number they are.
                decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                var o => CsvText.Cell(Convert.ToString(o, CultureInfo.InvariantCulture)),
            })));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyList<string> headers)
    {
        using var stream = new MemoryStream();
        object sheet = rows.Count > 0 ? rows : new[] { headers.ToDictionary(h => h, _ => (object?)null) };
        stream.SaveAs(new Dictionary<string, object> { ["CBAM communication"] = sheet });
        return stream.ToArray();
    }

    public static IReadOnlyList<string> Headers { get; } = [.. Rows(EmptyView, string.Empty, null).DefaultIfEmpty(SampleRow()).First().Keys];

    private static ExposureView EmptyView => new(ExposureDefaults.New(), false, [], [], [], [], [], [], [], string.Empty, [], []);

    private static Dictionary<string, object?> SampleRow() =>
        Rows(EmptyView with { Goods = [new ResolvedGood(new ExposureGood { Name = "x", CnCode = "73181590" }, CbamSector.IronSteel, 0m, 0m, SeeSource.Entered, null, null)] }, string.Empty, null)[0];
}
