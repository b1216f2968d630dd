using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Tariffs;

/// <summary>All versions of all Taipower schedules: the shipped ones (compiled from <c>data/tariffs</c>) plus any
/// added by an operator. Immutable; adding versions returns a new library.</summary>
public sealed class TariffLibrary
{
    public const string PricesFile = "taipower_tou.csv";
    public const string BandsFile = "taipower_tou_periods.csv";

    private static readonly Lazy<TariffLibrary> ShippedLibrary = new(LoadShipped);

    private readonly Dictionary<string, TariffSchedule[]> _versions;

    private TariffLibrary(IReadOnlyList<TariffRow> rows, IReadOnlyList<TariffBand> bands, IReadOnlyList<TariffSchedule> schedules)
    {
        PriceRows = rows;
        BandRows = bands;
        _versions = schedules.GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.EffectiveFrom).ToArray(), StringComparer.Ordinal);
        Ids = [.. _versions.Keys.Order(StringComparer.Ordinal)];
        DemandResponseCredits = [.. rows.Where(r => r.Component == TariffLabels.DemandResponseCredit)];
    }

    public static TariffLibrary Shipped => ShippedLibrary.Value;

    /// <summary>The shipped prices file as compiled in: the template for an operator's new version.</summary>
    public static string ShippedPricesCsv => ReadResource(PricesFile);

    /// <summary>Ids of the billable schedules, in order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Every price row (shipped and operator-added) as read.</summary>
    public IReadOnlyList<TariffRow> PriceRows { get; }

    public IReadOnlyList<TariffBand> BandRows { get; }

    /// <summary>Obligated-storage demand-response credit rows (<c>taipower-obligated-storage-dr</c>), as announced.</summary>
    public IReadOnlyList<TariffRow> DemandResponseCredits { get; }

    /// <summary>All versions of a schedule by effective date; empty for an unknown id.</summary>
    public IReadOnlyList<TariffSchedule> Versions(string id) => _versions.TryGetValue(id, out var v) ? v : [];

    /// <summary>The version in force on <paramref name="on"/>, or null when the id is unknown or no version had
    /// started yet.</summary>
    public TariffSchedule? Find(string id, DateOnly on)
    {
        TariffSchedule? found = null;
        foreach (var version in Versions(id))
        {
            if (version.EffectiveFrom <= on)
            {
                found = version;
            }
        }

        return found;
    }

    /// <summary>A library from the two files' text (same columns as the shipped files).</summary>
    public static Outcome<TariffLibrary> FromCsv(string pricesCsv, string bandsCsv, string pricesFile = PricesFile, string bandsFile = BandsFile)
    {
        var (rows, errors) = TariffCsv.ReadPrices(pricesCsv, pricesFile);
        var (bands, bandErrors) = TariffCsv.ReadBands(bandsCsv, bandsFile);
        errors.AddRange(bandErrors);
        if (errors.Count == 0)
        {
            errors.AddRange(TariffVersions.CheckBands(bands, bandsFile));
        }

        if (errors.Count > 0)
        {
            return Outcome<TariffLibrary>.Failure(errors);
        }

        var built = TariffVersions.Build(rows, bands, pricesFile, operatorAdded: false);
        return built.Succeeded ? Outcome<TariffLibrary>.Success(new TariffLibrary(rows, bands, built.Value)) : Outcome<TariffLibrary>.Failure(built.Errors);
    }

    /// <summary>This library plus the versions in an operator's price file (same columns as <c>taipower_tou.csv</c>).
    /// All or nothing: each version must be complete, must not exist yet, and must be for a schedule whose time
    /// bands are known; the file's rows must agree with the schedule's voltage and stages.</summary>
    public Outcome<TariffLibrary> WithOperatorVersions(string pricesCsv, string fileName = PricesFile)
    {
        var (rows, errors) = TariffCsv.ReadPrices(pricesCsv, fileName);
        if (errors.Count > 0)
        {
            return Outcome<TariffLibrary>.Failure(errors);
        }

        if (rows.Count == 0)
        {
            return Outcome<TariffLibrary>.Failure($"{fileName}:2", "has no rows; add the rows of at least one schedule version");
        }

        foreach (var row in rows)
        {
            if (row.Component == TariffLabels.DemandResponseCredit)
            {
                errors.Add(TariffCsv.Error(fileName, row.Line, "component", "dr_credit rows cannot be added here; only billing schedules", "tariff.component"));
            }
            else if (!_versions.TryGetValue(row.ScheduleId, out var existing))
            {
                errors.Add(TariffCsv.Error(fileName, row.Line, "schedule_id", $"must be a known schedule ({string.Join(", ", Ids)}); a new schedule also needs time bands", "tariff.unknown-schedule"));
            }
            else if (existing.Any(v => v.EffectiveFrom == row.EffectiveFrom))
            {
                errors.Add(TariffCsv.Error(fileName, row.Line, "effective_from", $"a version of {row.ScheduleId} from {row.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} exists already; use another date", "tariff.version-exists"));
            }
            else if (row.Voltage != TariffLabels.Of(existing[0].Voltage) || row.Stages != TariffLabels.Of(existing[0].Structure))
            {
                errors.Add(TariffCsv.Error(fileName, row.Line, "stages", $"{row.ScheduleId} is voltage {TariffLabels.Of(existing[0].Voltage)}, stages {TariffLabels.Of(existing[0].Structure)}", "tariff.schedule-kind"));
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<TariffLibrary>.Failure(errors);
        }

        var built = TariffVersions.Build(rows, BandRows, fileName, operatorAdded: true);
        if (!built.Succeeded)
        {
            return Outcome<TariffLibrary>.Failure(built.Errors);
        }

        var schedules = _versions.Values.SelectMany(v => v).Concat(built.Value).ToList();
        return Outcome<TariffLibrary>.Success(new TariffLibrary([.. PriceRows, .. rows], BandRows, schedules));
    }

    private static TariffLibrary LoadShipped()
    {
        var library = FromCsv(ReadResource(PricesFile), ReadResource(BandsFile));
        return library.Succeeded
            ? library.Value
            : throw new InvalidOperationException("Shipped tariff data is invalid: " + string.Join("; ", library.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    private static string ReadResource(string file)
    {
        var name = "Tanpan.Tariffs." + file;
        using var stream = typeof(TariffLibrary).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing embedded data file {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
