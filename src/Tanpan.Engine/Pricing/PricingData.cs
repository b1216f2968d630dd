using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Pricing;

/// <summary>One row of a shipped pricing parameter file, as published (value kept as text: some are ranges or dates).</summary>
public sealed record PricingRow(string Parameter, string Key, string Value, string Unit, string Description, string Verification, string Source);

/// <summary>A parameter as used in a result: its value, the rule it follows in both languages, and where it comes from.</summary>
public sealed record ParameterTrace(string Parameter, string Value, string Unit, string RuleZh, string RuleEn, string Verification, string Source, string File);

/// <summary>The shipped carbon-price parameters: Taiwan carbon fee and large-power-user clause
/// (<c>carbon_fee_tw.csv</c>), EU CBAM (<c>cbam_parameters.csv</c>) and the US Clean Competition Act bills
/// (<c>us_cca_parameters.csv</c>), compiled in like the factor files.</summary>
public sealed class PricingData
{
    public const string CarbonFeeFile = "carbon_fee_tw.csv";
    public const string CbamFile = "cbam_parameters.csv";
    public const string UsCcaFile = "us_cca_parameters.csv";

    private static readonly Lazy<PricingData> ShippedData = new(() => Load(ReadResource));

    private PricingData(IReadOnlyList<PricingRow> carbonFee, IReadOnlyList<PricingRow> cbam, IReadOnlyList<PricingRow> usCca)
    {
        CarbonFeeRows = carbonFee;
        CbamRows = cbam;
        UsCcaRows = usCca;
    }

    public static PricingData Shipped => ShippedData.Value;

    public IReadOnlyList<PricingRow> CarbonFeeRows { get; }

    /// <summary>Keyed by year (or "2026+", "definitive").</summary>
    public IReadOnlyList<PricingRow> CbamRows { get; }

    /// <summary>Keyed by bill (s4355-117, s3422-118, s3523-119).</summary>
    public IReadOnlyList<PricingRow> UsCcaRows { get; }

    public static PricingData Load(Func<string, string> readFile)
    {
        var fee = Csv.Read(readFile(CarbonFeeFile), CarbonFeeFile)
            .Select(r => new PricingRow(r["parameter"], string.Empty, r["value"].Trim(), r["unit"], r["description"], r["verification"], r["source"].Trim()))
            .ToArray();
        var cbam = Csv.Read(readFile(CbamFile), CbamFile)
            .Select(r => new PricingRow(r["parameter"], r["year"], r["value"].Trim(), string.Empty, r["description"], r["verification"], r["source"].Trim()))
            .ToArray();
        var cca = Csv.Read(readFile(UsCcaFile), UsCcaFile)
            .Select(r => new PricingRow(r["parameter"], r["bill"], r["value"].Trim(), r["unit"], r["description"], r["verification"], r["source"].Trim()))
            .ToArray();
        return new PricingData(fee, cbam, cca);
    }

    public PricingRow CarbonFee(string parameter) =>
        CarbonFeeRows.FirstOrDefault(r => r.Parameter == parameter) ?? throw new InvalidOperationException($"{CarbonFeeFile}: no {parameter}.");

    public decimal CarbonFeeValue(string parameter) => DataParse.Decimal(CarbonFee(parameter).Value, CarbonFeeFile);

    public PricingRow? Cbam(string parameter, string key) => CbamRows.FirstOrDefault(r => r.Parameter == parameter && r.Key == key);

    /// <summary>A year-keyed CBAM row: the year's own, else the latest year before it (the schedule stays at its last value).</summary>
    public PricingRow? CbamForYear(string parameter, int year) =>
        CbamRows.Where(r => r.Parameter == parameter && int.TryParse(r.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y <= year)
            .OrderByDescending(r => r.Key, StringComparer.Ordinal)
            .FirstOrDefault();

    public PricingRow? UsCca(string parameter, string bill) => UsCcaRows.FirstOrDefault(r => r.Parameter == parameter && r.Key == bill);

    public IReadOnlyList<string> UsCcaBills => UsCcaRows.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToArray();

    public static decimal Number(PricingRow row, string file) => DataParse.Decimal(row.Value, file);

    public static ParameterTrace Trace(PricingRow row, string file, string ruleZh, string ruleEn, string? value = null) =>
        new(row.Parameter, value ?? row.Value, row.Unit, ruleZh, ruleEn, row.Verification, row.Source, file);

    private static string ReadResource(string name)
    {
        var assembly = typeof(PricingData).Assembly;
        using var stream = assembly.GetManifestResourceStream("Tanpan.Data." + name) ?? throw new InvalidOperationException($"Missing embedded data file {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
