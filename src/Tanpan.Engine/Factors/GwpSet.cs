using System.Diagnostics.CodeAnalysis;

namespace Tanpan.Engine.Factors;

/// <summary>IPCC assessment report whose 100-year GWPs convert per-gas masses to CO2e.</summary>
public enum GwpSet
{
    Ar4,
    Ar5,
    Ar6,
}

public static class GwpSets
{
    public static readonly IReadOnlyList<string> Codes = ["AR4", "AR5", "AR6"];

    public static string Code(this GwpSet set) => set switch
    {
        GwpSet.Ar4 => "AR4",
        GwpSet.Ar5 => "AR5",
        GwpSet.Ar6 => "AR6",
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    public static bool TryParse(string? code, [NotNullWhen(true)] out GwpSet? set)
    {
        set = code?.Trim().ToUpperInvariant() switch
        {
            "AR4" => GwpSet.Ar4,
            "AR5" => GwpSet.Ar5,
            "AR6" => GwpSet.Ar6,
            _ => null,
        };
        return set is not null;
    }
}
