namespace Tanpan.Engine.Inventory;

/// <summary>How a source's activity data is measured (MOENV 表四 量測頻率 → A1 活動數據誤差等級).</summary>
public enum MeasurementKind
{
    /// <summary>連續量測 (automatic continuous metering): level 1.</summary>
    Continuous = 1,

    /// <summary>定期(間歇)量測/財務單據(非推估) (periodic readings, bills, invoices): level 2.</summary>
    PeriodicOrInvoiced = 2,

    /// <summary>財務會計推估 / 自行評估 (estimated): level 3.</summary>
    Estimated = 3,
}

/// <summary>The instrument's calibration (MOENV 表六 活動數據可信種類 → A2 儀器校正誤差等級).</summary>
public enum CalibrationKind
{
    /// <summary>(1) 有進行外部校正或有多組數據茲佐證者: level 1.</summary>
    External = 1,

    /// <summary>(2) 有進行內部校正或經過會計簽證等証明者: level 2.</summary>
    InternalOrAudited = 2,

    /// <summary>(3) 未進行儀器校正或未進行紀錄彙整者: level 3.</summary>
    None = 3,
}

/// <summary>The factor's kind (MOENV 表五 係數種類, footnote 6) → A3 排放係數參數誤差等級.</summary>
public enum FactorKind
{
    /// <summary>1 自廠發展係數/質量平衡所得係數.</summary>
    OwnDeveloped = 1,

    /// <summary>2 同製程/設備經驗係數.</summary>
    SameProcess = 2,

    /// <summary>3 製造廠提供係數.</summary>
    Manufacturer = 3,

    /// <summary>4 區域排放係數.</summary>
    Regional = 4,

    /// <summary>5 國家排放係數.</summary>
    National = 5,

    /// <summary>6 國際排放係數.</summary>
    International = 6,
}

/// <summary>One source's data quality as MOENV's 表六 grades it.</summary>
public sealed record SourceQuality(string SourceId, int A1, int A2, int A3, decimal Share)
{
    /// <summary>單一排放源數據誤差等級 P = A1 × A2 × A3 (1–27).</summary>
    public int Level => A1 * A2 * A3;

    /// <summary>評分區間範圍 R: P &lt; 10 → 1, 10 ≤ P &lt; 19 → 2, otherwise 3.</summary>
    public int Score => Level < 10 ? 1 : Level < 19 ? 2 : 3;

    /// <summary>排放量占比加權平均 S = ROUND(Q × P, 2), Q the share of total CO2e rounded to 4 places (the form's
    /// formula weights the level P, not the score R).</summary>
    public decimal Weighted => Math.Round(Math.Round(Share, 4, MidpointRounding.AwayFromZero) * Level, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The inventory's grade (彙整表五): sources counted per score, ΣS, and 第一級 (ΣS &lt; 10), 第二級 (&lt; 19)
/// or 第三級.</summary>
public sealed record InventoryQuality(IReadOnlyList<SourceQuality> Sources, int CountScore1, int CountScore2, int CountScore3, decimal WeightedTotal, int Grade);

/// <summary>Uncertainty of one source at 95 % (表七), as fractions: activity data and factor bounds combine as
/// √(U_AD² + U_EF²); the inventory combines sources as √Σ(U × E)² ÷ ΣE over the sources assessed.</summary>
public sealed record SourceUncertainty(string SourceId, decimal KgCo2e, decimal ActivityFraction, decimal FactorFraction)
{
    public decimal Combined => Sqrt((ActivityFraction * ActivityFraction) + (FactorFraction * FactorFraction));

    internal static decimal Sqrt(decimal x) => x <= 0 ? 0 : (decimal)Math.Sqrt((double)x);
}

public sealed record InventoryUncertainty(decimal Combined, decimal AssessedKgCo2e, decimal TotalKgCo2e)
{
    /// <summary>進行不確定性評估之排放量佔總排放量之比例.</summary>
    public decimal AssessedShare => TotalKgCo2e == 0 ? 0 : AssessedKgCo2e / TotalKgCo2e;
}

public static class DataQuality
{
    /// <summary>A3 from the factor kind: kinds 1–2 → 1, 3–4 → 2, 5–6 → 3.</summary>
    public static int FactorLevel(FactorKind kind) => (int)kind <= 2 ? 1 : (int)kind <= 4 ? 2 : 3;

    /// <summary>The kind of a library or company factor from its factor set: MOENV's announcement and the Energy
    /// Administration's grid factor are national (5); IPCC, DEFRA, ICE and other published tables international (6);
    /// a company's own factor is its own (1) unless it says otherwise.</summary>
    public static FactorKind KindOfFactorSet(string setId) => setId switch
    {
        "custom" => FactorKind.OwnDeveloped,
        "tw-grid" or "moenv-2024" or "moenv-6.0.4" => FactorKind.National,
        "scope3-tw" or "materials" => FactorKind.National,
        _ => FactorKind.International,
    };

    public static InventoryQuality Grade(IReadOnlyList<SourceQuality> sources)
    {
        // Sources without emissions carry no weight and are not scored (as in the form).
        var scored = sources.Where(s => s.Share != 0).ToList();
        var total = scored.Sum(s => s.Weighted);
        return new InventoryQuality(
            scored, scored.Count(s => s.Score == 1), scored.Count(s => s.Score == 2), scored.Count(s => s.Score == 3), total, total < 10 ? 1 : total < 19 ? 2 : 3);
    }

    public static InventoryUncertainty Combine(IReadOnlyList<SourceUncertainty> assessed, decimal totalKgCo2e)
    {
        var sumE = assessed.Sum(s => Math.Abs(s.KgCo2e));
        var sumSquares = assessed.Sum(s => (s.Combined * s.KgCo2e) * (s.Combined * s.KgCo2e));
        return new InventoryUncertainty(sumE == 0 ? 0 : SourceUncertainty.Sqrt(sumSquares) / sumE, sumE, Math.Abs(totalKgCo2e));
    }
}
