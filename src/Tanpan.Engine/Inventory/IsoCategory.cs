using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Tanpan.Engine.Inventory;

/// <summary>ISO 14064-1:2018 category/type as numbered in 表1 of the MOEA seed (1.1 固定式燃燒 … 6 其它).</summary>
/// <remarks><see cref="Index"/> is the position in <see cref="All"/>; aggregation arrays are laid out by it.</remarks>
public sealed record IsoCategory(int Index, string Code, int Scope, string NameZh, string NameEn)
{
    public static readonly IReadOnlyList<IsoCategory> All =
    [
        new(0, "1.1", 1, "固定式燃燒", "Stationary combustion"),
        new(1, "1.2", 1, "移動式燃燒", "Mobile combustion"),
        new(2, "1.3", 1, "工業製程", "Industrial processes"),
        new(3, "1.4", 1, "人為系統逸散", "Fugitive emissions from anthropogenic systems"),
        new(4, "2.1", 2, "外購電力", "Imported electricity"),
        new(5, "2.2", 2, "外購蒸汽", "Imported steam / heat"),
        new(6, "3.1", 3, "上游運輸", "Upstream transport"),
        new(7, "3.2", 3, "下游運輸", "Downstream transport"),
        new(8, "3.3", 3, "員工通勤", "Employee commuting"),
        new(9, "3.4", 3, "客戶與訪客運輸", "Client and visitor transport"),
        new(10, "3.5", 3, "商務旅行", "Business travel"),
        new(11, "4.1", 3, "購買商品", "Purchased goods"),
        new(12, "4.2", 3, "資本物品", "Capital goods"),
        new(13, "4.3", 3, "廢棄物處置", "Waste disposal"),
        new(14, "4.4", 3, "上游租賃資產使用", "Upstream leased assets"),
        new(15, "5.1", 3, "產品使用的排放", "Use of sold products"),
        new(16, "5.2", 3, "下游租賃資產", "Downstream leased assets"),
        new(17, "5.3", 3, "產品廢棄", "End of life of sold products"),
        new(18, "5.4", 3, "金融投資", "Investments"),
        new(19, "6", 3, "其它", "Other"),
    ];

    private static readonly FrozenDictionary<string, IsoCategory> ByCode = All.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyList<string> Codes { get; } = All.Select(c => c.Code).ToArray();

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
