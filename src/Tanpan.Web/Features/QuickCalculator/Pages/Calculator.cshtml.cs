using Tanpan.Engine.Quantities;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tanpan.Engine.Quick;
using Tanpan.Web.Platform.Localization;
using Tanpan.Web.Platform.Sheets;

namespace Tanpan.Web.Features.QuickCalculator.Pages;

/// <summary>The no-login quick calculator (seed 001 steps ①–⑤): reminders, a year's bills and fuels, the result table.</summary>
public sealed class CalculatorModel(Engine.Quick.QuickCalculator calculator, TimeProvider clock) : PageModel
{
    public const int BillRows = 12;

    /// <summary>The fuel rows the form offers: activity, use, default unit, and whether a vehicle technology applies.</summary>
    public static readonly (string Activity, string Use, string Unit, string Zh, string En)[] FuelRows =
    [
        ("fuel.natural-gas", "stationary", "m3", "天然氣（鍋爐、爐具）", "Natural gas (boilers, burners)"),
        ("fuel.lpg", "stationary", "L", "液化石油氣", "LPG"),
        ("fuel.diesel", "stationary", "L", "柴油（發電機、鍋爐）", "Diesel (generators, boilers)"),
        ("fuel.fuel-oil", "stationary", "L", "燃料油", "Fuel oil"),
        ("fuel.kerosene", "stationary", "L", "煤油", "Kerosene"),
        ("fuel.gasoline", "mobile", "L", "車用汽油（公務車）", "Motor gasoline (vehicles)"),
        ("fuel.diesel", "mobile", "L", "車用柴油（貨車、堆高機）", "Diesel (trucks, forklifts)"),
    ];

    [BindProperty]
    public QuickRequestDto Input { get; set; } = new();

    public QuickResult? Result { get; private set; }

    /// <summary>Printed on the result (optional; a visitor has no account). Not sent to the calculation.</summary>
    [BindProperty]
    [System.ComponentModel.DataAnnotations.StringLength(200)]
    public string? CompanyName { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public void OnGet()
    {
        // No year by default: the year the entered bills fall in is taken, and the result says so.
        Input = Blank(null);
    }

    public IActionResult OnPost()
    {
        Calculate();
        return Page();
    }

    public IActionResult OnPostCsv()
    {
        Calculate();
        if (Result is null)
        {
            return Page();
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(Result))).ToArray(), "text/csv; charset=utf-8", $"tanpan-quick-{Result.Detail.ReportingYear}.csv");
    }

    public string? Err(string path) => Errors.GetValueOrDefault(path);

    /// <summary>When the result was calculated, in Taipei time, for the printed page.</summary>
    public string CalculatedAt => Platform.Localization.TaipeiTime.Format(clock.GetUtcNow().UtcDateTime);

    private void Calculate()
    {
        YearFromBills = Input.Year is null;
        // Model-binding failures (e.g. "abc" in a number box) are field errors like any other.
        foreach (var (key, entry) in ModelState.Where(kv => kv.Value?.Errors.Count > 0))
        {
            Errors[ToPath(key)] = HttpContext.T("請輸入有效的數字或日期", "enter a valid number or date");
        }

        Pad(Input);
        if (Errors.Count > 0)
        {
            return;
        }

        // Fuel rows without a quantity are not used; their activity stays in the form but not in the calculation.
        var dto = new QuickRequestDto
        {
            Year = Input.Year,
            AnnualKwh = Input.AnnualKwh,
            Bills = Input.Bills,
            Fuels = Input.Fuels.Select(f => f.Quantity is null ? new FuelDto() : f).ToList(),
        };
        var outcome = QuickCalculation.Run(dto, calculator);
        if (outcome.Succeeded)
        {
            Result = outcome.Value;
        }
        else
        {
            foreach (var error in outcome.Errors)
            {
                Errors.TryAdd(error.Path, ErrorText.For(HttpContext, error));
            }
        }
    }

    /// <summary>"Input.Bills[0].PeakKwh" → "bills[0].peakKwh", the path the engine and API use.</summary>
    internal static string ToPath(string modelStateKey)
    {
        var key = modelStateKey.StartsWith("Input.", StringComparison.Ordinal) ? modelStateKey["Input.".Length..] : modelStateKey;
        return string.Join('.', key.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
    }

    /// <summary>True when the year was left empty and taken from the bills' periods.</summary>
    public bool YearFromBills { get; private set; }

    private static QuickRequestDto Blank(int? year)
    {
        var dto = new QuickRequestDto { Year = year };
        Pad(dto);
        return dto;
    }

    private static void Pad(QuickRequestDto dto)
    {
        while (dto.Bills.Count < BillRows)
        {
            dto.Bills.Add(new BillDto());
        }

        for (var i = 0; i < FuelRows.Length; i++)
        {
            if (dto.Fuels.Count <= i)
            {
                dto.Fuels.Add(new FuelDto());
            }

            dto.Fuels[i].Activity = FuelRows[i].Activity;
            dto.Fuels[i].Use = FuelRows[i].Use;
            dto.Fuels[i].Unit ??= FuelRows[i].Unit;
        }
    }

    private string ToCsv(QuickResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        // People read the rounded columns; the full-precision column is there for re-use and checking.
        sb.AppendLine(HttpContext.T("項目,公噸CO2e,占比(%),公噸CO2e（完整精度）", "item,tCO2e,share (%),tCO2e (full precision)"));
        foreach (var (label, part) in new[] { (HttpContext.T("直接排放-固定", "direct - stationary"), result.Stationary), (HttpContext.T("直接排放-移動", "direct - mobile"), result.Mobile), (HttpContext.T("能源間接排放", "energy indirect"), result.EnergyIndirect) })
        {
            var tonnes = Units.TonnesFromKg(part.KgCo2e);
            sb.AppendLine(c, $"{CsvText.Cell(label)},{tonnes:0.###},{part.Share * 100m:0.##},{tonnes}");
        }

        var total = Units.TonnesFromKg(result.TotalKgCo2e);
        sb.AppendLine(c, $"{CsvText.Cell(HttpContext.T("總排放量", "total"))},{total:0.###},100,{total}");
        sb.AppendLine(c, $"{CsvText.Cell(HttpContext.T("年度", "year"))},{result.Detail.ReportingYear},,");
        sb.AppendLine(c, $"{CsvText.Cell(HttpContext.T("試算時間（台北）", "calculated (Taipei time)"))},{CalculatedAt},,");
        if (!string.IsNullOrWhiteSpace(CompanyName))
        {
            sb.AppendLine(c, $"{CsvText.Cell(HttpContext.T("公司", "company"))},{CsvText.Cell(CompanyName)},,");
        }
        sb.AppendLine();
        sb.AppendLine("line,category,activity,quantity,included_quantity,unit,estimated,kgCO2e,factor_id,factor_value,factor_unit,factor_source,factor_version");
        foreach (var line in result.Detail.Lines)
        {
            var f = line.Factor;
            sb.AppendLine(c, $"{CsvText.Cell(line.Line.Id)},{line.Line.Category.Code},{CsvText.Cell(line.Line.Activity)},{line.Line.Quantity},{line.IncludedQuantity},{line.Line.Unit.Code},{line.Estimated},{line.KgCo2e},{CsvText.Cell(f.Id)},{f.KgCo2ePerUnit},kgCO2e/{f.PerUnit.Code},{CsvText.Cell(f.Provenance.Source)},{CsvText.Cell(f.Provenance.Version)}");
        }

        return sb.ToString();
    }
}
