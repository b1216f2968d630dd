using Tanpan.Engine.Common;

namespace Tanpan.Engine.Tariffs;

/// <summary>Findings on a contract: <see cref="Errors"/> block billing; <see cref="Warnings"/> state where the
/// contract does not fit the schedule's eligibility (ch.4/ch.5 一、適用範圍) but can still be billed.</summary>
public sealed record ContractCheck(IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldError> Warnings);

/// <summary>Contract capacities (契約容量, 15-minute-average kW). <see cref="SemiPeakOrNonSummerKw"/> is the
/// 半尖峰契約 on three-stage schedules and the 非夏月契約 on two-stage and batch schedules.</summary>
public sealed record ContractCapacity(decimal RegularKw, decimal SemiPeakOrNonSummerKw = 0m, decimal SaturdaySemiPeakKw = 0m, decimal OffPeakKw = 0m)
{
    /// <summary>A bound that keeps every charge within decimal range (1 GW per contract type).</summary>
    public const decimal MaxKw = 1_000_000m;

    public decimal TotalKw => RegularKw + SemiPeakOrNonSummerKw + SaturdaySemiPeakKw + OffPeakKw;

    /// <summary>Saturday and off-peak capacity that costs no basic charge: half of (regular + semi-peak/non-summer).</summary>
    public decimal FreeSaturdayOffPeakAllowanceKw => 0.5m * (RegularKw + SemiPeakOrNonSummerKw);

    /// <summary>Only Saturday semi-peak and/or off-peak contracts (八(六): use outside them costs 4.8× / 1.6×).</summary>
    public bool SaturdayOrOffPeakOnly => RegularKw == 0 && SemiPeakOrNonSummerKw == 0 && SaturdaySemiPeakKw + OffPeakKw > 0;

    /// <summary>Checks against a schedule's voltage; paths are relative to the contract (e.g. <c>regularKw</c>).</summary>
    public ContractCheck Check(VoltageClass voltage)
    {
        var errors = new List<FieldError>();
        var warnings = new List<FieldError>();
        foreach (var (name, value) in new[] { ("regularKw", RegularKw), ("semiPeakOrNonSummerKw", SemiPeakOrNonSummerKw), ("saturdaySemiPeakKw", SaturdaySemiPeakKw), ("offPeakKw", OffPeakKw) })
        {
            if (value is < 0 or > MaxKw)
            {
                errors.Add(new(name, $"must be from 0 to {MaxKw:0} kW", "contract.range"));
            }
        }

        if (errors.Count == 0 && TotalKw == 0)
        {
            errors.Add(new("regularKw", "at least one contract capacity must be greater than 0 kW", "contract.empty"));
        }

        if (errors.Count > 0)
        {
            return new(errors, warnings);
        }

        if (voltage != VoltageClass.Low && TotalKw < 100)
        {
            warnings.Add(new("regularKw", "high and extra-high voltage schedules are for contracts of 100 kW or more (the four contracts together)", "contract.hv-minimum"));
        }

        if (voltage == VoltageClass.Low && RegularKw >= 100)
        {
            warnings.Add(new("regularKw", "low-voltage power schedules are for contracts under 100 kW", "contract.lv-maximum"));
        }

        return new(errors, warnings);
    }
}
