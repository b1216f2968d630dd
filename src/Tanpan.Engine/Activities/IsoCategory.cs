using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Tanpan.Engine.Activities;

/// <summary>ISO 14064-1:2018 category/type as numbered in 表1 of the MOEA seed (1.1 固定式燃燒 … 6 其它).</summary>
/// <remarks><see cref="Index"/> is the position in <see cref="All"/>; aggregation arrays are laid out by it.</remarks>
public sealed record IsoCategory(int Index, string Code, int Scope, string NameZh, string NameEn)
{
    public static readonly IsoCategory StationaryCombustion = new(0, "1.1", 1, "固定式燃燒", "Stationary combustion");

    public static readonly IsoCategory MobileCombustion = new(1, "1.2", 1, "移動式燃燒", "Mobile combustion");

    public static readonly IsoCategory IndustrialProcesses = new(2, "1.3", 1, "工業製程", "Industrial processes");

    public static readonly IsoCategory FugitiveEmissions = new(3, "1.4", 1, "人為系統逸散", "Fugitive emissions from anthropogenic systems");

    public static readonly IsoCategory PurchasedElectricity = new(4, "2.1", 2, "外購電力", "Imported electricity");

    public static readonly IsoCategory PurchasedEnergy = new(5, "2.2", 2, "外購蒸汽", "Imported steam / heat");

    public static readonly IsoCategory UpstreamTransport = new(6, "3.1", 3, "上游運輸", "Upstream transport");

    public static readonly IsoCategory DownstreamTransport = new(7, "3.2", 3, "下游運輸", "Downstream transport");

    public static readonly IsoCategory EmployeeCommuting = new(8, "3.3", 3, "員工通勤", "Employee commuting");

    public static readonly IsoCategory ClientAndVisitorTransport = new(9, "3.4", 3, "客戶與訪客運輸", "Client and visitor transport");

    public static readonly IsoCategory BusinessTravel = new(10, "3.5", 3, "商務旅行", "Business travel");

    public static readonly IsoCategory PurchasedGoods = new(11, "4.1", 3, "購買商品", "Purchased goods");

    public static readonly IsoCategory CapitalGoods = new(12, "4.2", 3, "資本物品", "Capital goods");

    public static readonly IsoCategory WasteDisposal = new(13, "4.3", 3, "廢棄物處置", "Waste disposal");

    public static readonly IsoCategory UpstreamLeasedAssets = new(14, "4.4", 3, "上游租賃資產使用", "Upstream leased assets");

    public static readonly IsoCategory UseOfSoldProducts = new(15, "5.1", 3, "產品使用的排放", "Use of sold products");

    public static readonly IsoCategory DownstreamLeasedAssets = new(16, "5.2", 3, "下游租賃資產", "Downstream leased assets");

    public static readonly IsoCategory EndOfLifeOfSoldProducts = new(17, "5.3", 3, "產品廢棄", "End of life of sold products");

    public static readonly IsoCategory Investments = new(18, "5.4", 3, "金融投資", "Investments");

    public static readonly IsoCategory Other = new(19, "6", 3, "其它", "Other");

    /// <summary>All categories in 表1 order; <see cref="Index"/> is the position here.</summary>
    public static readonly IReadOnlyList<IsoCategory> All =
    [
        StationaryCombustion, MobileCombustion, IndustrialProcesses, FugitiveEmissions, PurchasedElectricity, PurchasedEnergy, UpstreamTransport, DownstreamTransport, EmployeeCommuting, ClientAndVisitorTransport, BusinessTravel, PurchasedGoods, CapitalGoods, WasteDisposal, UpstreamLeasedAssets, UseOfSoldProducts, DownstreamLeasedAssets, EndOfLifeOfSoldProducts, Investments, Other,
    ];

    private static readonly FrozenDictionary<string, IsoCategory> ByCode = All.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyList<string> Codes { get; } = All.Select(c => c.Code).ToArray();

    /// <summary>The category of a code, or null (a stored code that no longer parses is shown, not thrown on).</summary>
    public static IsoCategory? Find(string? code) => TryParse(code, out var category) ? category : null;

    public static bool TryParse(string? code, [NotNullWhen(true)] out IsoCategory? category)
    {
        category = null;
        if (code is null)
        {
            return false;
        }

        var trimmed = code.Trim();
        if (trimmed is "6.1" or "6.0")
        {
            trimmed = "6";
        }

        return ByCode.TryGetValue(trimmed, out category);
    }

    public override string ToString() => Code;
}
