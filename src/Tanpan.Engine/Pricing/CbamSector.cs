namespace Tanpan.Engine.Pricing;

/// <summary>The CBAM Annex I sectors, found from a good's CN code.</summary>
public enum CbamSector
{
    IronSteel,
    Aluminium,
    Cement,
    Fertilisers,
    Hydrogen,
    Electricity,
}

public static class CbamSectors
{
    /// <summary>The sector of an 8-digit CN code (spaces allowed: "7208 10 00"), or null when it is not an 8-digit code
    /// of a CBAM chapter or heading: 72/73 iron and steel, 76 aluminium, 2523 cement, 31, 2808, 2814, 2834 fertilisers,
    /// 2804 10 hydrogen, 2716 electricity.</summary>
    public static CbamSector? Find(string? cnCode)
    {
        var code = Normalise(cnCode);
        if (code is null)
        {
            return null;
        }

        return code switch
        {
            _ when code.StartsWith("72", StringComparison.Ordinal) || code.StartsWith("73", StringComparison.Ordinal) => CbamSector.IronSteel,
            _ when code.StartsWith("76", StringComparison.Ordinal) => CbamSector.Aluminium,
            _ when code.StartsWith("2523", StringComparison.Ordinal) => CbamSector.Cement,
            _ when code.StartsWith("31", StringComparison.Ordinal) || code.StartsWith("2808", StringComparison.Ordinal) || code.StartsWith("2814", StringComparison.Ordinal) || code.StartsWith("2834", StringComparison.Ordinal) => CbamSector.Fertilisers,
            _ when code.StartsWith("280410", StringComparison.Ordinal) => CbamSector.Hydrogen,
            _ when code.StartsWith("2716", StringComparison.Ordinal) => CbamSector.Electricity,
            _ => null,
        };
    }

    /// <summary>The 8 digits of a CN code without spaces, or null when it is not 8 digits.</summary>
    public static string? Normalise(string? cnCode)
    {
        if (cnCode is null || cnCode.Length > 16)
        {
            return null;
        }

        var digits = cnCode.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        return digits.Length == 8 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Indirect emissions count in the definitive period for cement and fertilisers only (Annex II of Reg.
    /// 2023/956 lists iron and steel, aluminium and hydrogen as direct-only; electricity has direct emissions only).</summary>
    public static bool CountsIndirect(CbamSector sector) => sector is CbamSector.Cement or CbamSector.Fertilisers;

    /// <summary>Electricity and hydrogen are outside the 50 t de-minimis (Reg. 2025/2083).</summary>
    public static bool InDeMinimis(CbamSector sector) => sector is not (CbamSector.Electricity or CbamSector.Hydrogen);

    public static string Code(CbamSector sector) => sector switch
    {
        CbamSector.IronSteel => "iron-steel",
        CbamSector.Aluminium => "aluminium",
        CbamSector.Cement => "cement",
        CbamSector.Fertilisers => "fertilisers",
        CbamSector.Hydrogen => "hydrogen",
        _ => "electricity",
    };

    public static (string Zh, string En) Name(CbamSector sector) => sector switch
    {
        CbamSector.IronSteel => ("鋼鐵", "Iron and steel"),
        CbamSector.Aluminium => ("鋁", "Aluminium"),
        CbamSector.Cement => ("水泥", "Cement"),
        CbamSector.Fertilisers => ("肥料", "Fertilisers"),
        CbamSector.Hydrogen => ("氫", "Hydrogen"),
        _ => ("電力", "Electricity"),
    };
}
