using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Tanpan.Engine.Quantities;

/// <summary>The unit catalogue, including the units Taiwanese bills and forms use
/// (度 = kWh, 公升 = L, 公秉 = kL, 千立方公尺 = 1000 m³, 公噸 = t, 公斤 = kg).</summary>
public static class Units
{
    // Base units: J (energy), L (volume), kg (mass), piece (count), cm2 (area), m (length), h (time).
    public static readonly Unit Joule = new("J", Dimension.Energy, 1m, "joule");
    public static readonly Unit Kilojoule = new("kJ", Dimension.Energy, 1_000m, "kilojoule");
    public static readonly Unit Megajoule = new("MJ", Dimension.Energy, 1_000_000m, "megajoule");
    public static readonly Unit Gigajoule = new("GJ", Dimension.Energy, 1_000_000_000m, "gigajoule");
    public static readonly Unit Terajoule = new("TJ", Dimension.Energy, 1_000_000_000_000m, "terajoule");
    public static readonly Unit Kilocalorie = new("kcal", Dimension.Energy, 4_186.8m, "kilocalorie (IT)");
    public static readonly Unit KilowattHour = new("kWh", Dimension.Energy, 3_600_000m, "kilowatt-hour");
    public static readonly Unit MegawattHour = new("MWh", Dimension.Energy, 3_600_000_000m, "megawatt-hour");
    public static readonly Unit GigawattHour = new("GWh", Dimension.Energy, 3_600_000_000_000m, "gigawatt-hour");

    public static readonly Unit Millilitre = new("mL", Dimension.Volume, 0.001m, "millilitre");
    public static readonly Unit Litre = new("L", Dimension.Volume, 1m, "litre");
    public static readonly Unit Kilolitre = new("kL", Dimension.Volume, 1_000m, "kilolitre");
    public static readonly Unit CubicMetre = new("m3", Dimension.Volume, 1_000m, "cubic metre");
    public static readonly Unit ThousandCubicMetres = new("1000m3", Dimension.Volume, 1_000_000m, "thousand cubic metres");

    public static readonly Unit Gram = new("g", Dimension.Mass, 0.001m, "gram");
    public static readonly Unit Kilogram = new("kg", Dimension.Mass, 1m, "kilogram");
    public static readonly Unit Tonne = new("t", Dimension.Mass, 1_000m, "tonne");
    public static readonly Unit Gigagram = new("Gg", Dimension.Mass, 1_000_000m, "gigagram");

    public static readonly Unit Piece = new("piece", Dimension.Count, 1m, "piece");
    public static readonly Unit SquareCentimetre = new("cm2", Dimension.Area, 1m, "square centimetre");
    public static readonly Unit SquareMetre = new("m2", Dimension.Area, 10_000m, "square metre");
    public static readonly Unit Micrometre = new("um", Dimension.Length, 0.000001m, "micrometre");
    public static readonly Unit Metre = new("m", Dimension.Length, 1m, "metre");
    public static readonly Unit Hour = new("h", Dimension.Time, 1m, "hour");
    public static readonly Unit TonneKilometre = new("tkm", Dimension.FreightWork, 1m, "tonne-kilometre");
    public static readonly Unit KilogramKilometre = new("kgkm", Dimension.FreightWork, 0.001m, "kilogram-kilometre");
    public static readonly Unit PassengerKilometre = new("pkm", Dimension.PassengerDistance, 1m, "passenger-kilometre");
    public static readonly Unit TeuKilometre = new("TEUkm", Dimension.ContainerDistance, 1m, "TEU-kilometre");

    private static readonly Unit[] All =
    [
        Joule, Kilojoule, Megajoule, Gigajoule, Terajoule, Kilocalorie, KilowattHour, MegawattHour, GigawattHour,
        Millilitre, Litre, Kilolitre, CubicMetre, ThousandCubicMetres,
        Gram, Kilogram, Tonne, Gigagram,
        Piece, SquareCentimetre, SquareMetre, Micrometre, Metre, Hour,
        TonneKilometre, KilogramKilometre, PassengerKilometre, TeuKilometre,
    ];

    private static readonly FrozenDictionary<string, Unit> ByCode = BuildLookup();

    /// <summary>Canonical units, one per code (for listings and error messages).</summary>
    public static IReadOnlyList<Unit> Catalogue => All;

    private static FrozenDictionary<string, Unit> BuildLookup()
    {
        var map = new Dictionary<string, Unit>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in All)
        {
            map[unit.Code] = unit;
        }

        void Alias(Unit unit, params string[] aliases)
        {
            foreach (var alias in aliases)
            {
                map[alias] = unit;
            }
        }

        Alias(KilowattHour, "度", "kW·h", "kWh(度)");
        Alias(Litre, "公升", "l", "liter", "litre");
        Alias(Kilolitre, "公秉", "千公升");
        Alias(CubicMetre, "m³", "立方公尺");
        Alias(ThousandCubicMetres, "千立方公尺", "千m3");
        Alias(Kilogram, "公斤");
        Alias(Tonne, "公噸", "tonne", "ton");
        Alias(Gram, "公克");
        Alias(Piece, "pcs", "pc", "件", "個", "pieces");
        Alias(SquareCentimetre, "cm²", "平方公分");
        Alias(SquareMetre, "m²", "平方公尺");
        Alias(Micrometre, "µm", "μm", "微米");
        Alias(Hour, "hr", "小時");
        Alias(Kilocalorie, "千卡", "大卡");
        Alias(TonneKilometre, "t·km", "t-km", "tonne-km", "延噸公里", "公噸公里");
        Alias(KilogramKilometre, "kg·km", "公斤公里");
        Alias(PassengerKilometre, "p·km", "passenger-km", "人公里", "延人公里");
        Alias(TeuKilometre, "TEU·km", "TEU-km");
        Alias(Piece, "unit");
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static bool TryParse(string? code, [NotNullWhen(true)] out Unit? unit)
    {
        unit = null;
        return code is not null && ByCode.TryGetValue(code.Trim(), out unit);
    }

    /// <summary>kg → t, for CO2e reported in tonnes (the same conversion every unit goes through).</summary>
    public static decimal TonnesFromKg(decimal kg) => Kilogram.Convert(kg, Tonne);

    public static Unit Parse(string code) =>
        TryParse(code, out var unit) ? unit : throw new ArgumentException($"Unknown unit '{code}'.", nameof(code));

    /// <summary>Codes (canonical and Taiwanese aliases) accepted for a dimension, for error messages.</summary>
    public static IReadOnlyList<string> CodesFor(Dimension dimension) =>
        ByCode.Where(kv => kv.Value.Dimension == dimension).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
}
