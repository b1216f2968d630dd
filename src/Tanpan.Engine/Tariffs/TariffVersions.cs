using System.Globalization;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Tariffs;

/// <summary>Groups price rows into versions and checks each is complete and consistent with its time bands.</summary>
internal static class TariffVersions
{
    public static IEnumerable<FieldError> CheckBands(IReadOnlyList<TariffBand> bands, string file)
    {
        foreach (var set in bands.GroupBy(b => (b.ScheduleId, b.EffectiveFrom)))
        {
            foreach (var season in new[] { TariffSeason.Summer, TariffSeason.NonSummer })
            {
                foreach (var dayType in new[] { TariffDayType.Weekday, TariffDayType.Saturday, TariffDayType.SundayHoliday })
                {
                    var day = set.Where(b => b.Season == season && b.DayType == dayType).OrderBy(b => b.StartMinute).ToList();
                    var at = 0;
                    foreach (var band in day)
                    {
                        if (band.StartMinute != at)
                        {
                            break;
                        }

                        at = band.EndMinute;
                    }

                    if (at != 1440)
                    {
                        yield return new($"{file}:{set.Key.ScheduleId}", $"bands from {Date(set.Key.EffectiveFrom)} for {TariffLabels.Of(season)} {TariffLabels.Of(dayType)} must cover 00:00–24:00 without gaps or overlaps", "tariff.bands-cover");
                    }
                }
            }
        }
    }

    public static Outcome<List<TariffSchedule>> Build(IReadOnlyList<TariffRow> rows, IReadOnlyList<TariffBand> bands, string file, bool operatorAdded)
    {
        var errors = new List<FieldError>();
        var schedules = new List<TariffSchedule>();
        foreach (var version in rows.Where(r => r.Component != TariffLabels.DemandResponseCredit).GroupBy(r => (r.ScheduleId, r.EffectiveFrom)))
        {
            var first = version.First();
            var label = $"{version.Key.ScheduleId} from {Date(version.Key.EffectiveFrom)}";
            var err = errors.Count;
            foreach (var row in version.Where(r => r.Voltage != first.Voltage || r.Stages != first.Stages))
            {
                errors.Add(TariffCsv.Error(file, row.Line, "stages", $"rows of {label} must all have voltage {first.Voltage} and stages {first.Stages}", "tariff.schedule-kind"));
            }

            foreach (var duplicate in version.Where(r => r.Component != TariffLabels.OverContractSurcharge).GroupBy(r => (r.Season, r.Component, r.Period)).Where(g => g.Count() > 1))
            {
                errors.Add(TariffCsv.Error(file, duplicate.Last().Line, "period", $"{label} has {duplicate.Key.Component} {duplicate.Key.Season} {duplicate.Key.Period} more than once", "tariff.duplicate"));
            }

            var surcharge = version.Count(r => r.Component == TariffLabels.OverContractSurcharge);
            if (surcharge is not 0 and not 2)
            {
                errors.Add(TariffCsv.Error(file, version.Last(r => r.Component == TariffLabels.OverContractSurcharge).Line, "value", $"{label} must have two over_contract_surcharge rows (within and above 10 %) or none", "tariff.surcharge"));
            }

            if (errors.Count > err)
            {
                continue;
            }

            var voltage = TariffLabels.Voltage(first.Voltage)!.Value;
            var structure = TariffLabels.Structure(first.Stages)!.Value;
            var bandSet = bands.Where(b => b.ScheduleId == version.Key.ScheduleId && b.EffectiveFrom <= version.Key.EffectiveFrom)
                .GroupBy(b => b.EffectiveFrom).OrderBy(g => g.Key).LastOrDefault()?.ToList();
            if (bandSet is null)
            {
                errors.Add(TariffCsv.Error(file, first.Line, "effective_from", $"no time bands of {version.Key.ScheduleId} are in force on {Date(version.Key.EffectiveFrom)}", "tariff.no-bands"));
                continue;
            }

            foreach (var missing in Required(structure).Where(req => !version.Any(r => r.Season == req.Season && r.Component == req.Component && r.Period == req.Period)))
            {
                errors.Add(TariffCsv.Error(file, first.Line, "schedule_id", $"{label} lacks the row {missing.Component} {missing.Season} {missing.Period}", "tariff.incomplete"));
            }

            foreach (var band in bandSet.Where(b => !version.Any(r => r.Component == TariffLabels.EnergyCharge && r.Season == TariffLabels.Of(b.Season) && r.Period == TariffLabels.Of(b.Period))).DistinctBy(b => (b.Season, b.Period)))
            {
                errors.Add(TariffCsv.Error(file, first.Line, "schedule_id", $"{label} lacks the energy_charge {TariffLabels.Of(band.Season)} {TariffLabels.Of(band.Period)} its time bands use", "tariff.incomplete"));
            }

            if (errors.Count == err)
            {
                schedules.Add(new TariffSchedule(version.Key.ScheduleId, voltage, structure, version.Key.EffectiveFrom, operatorAdded, [.. version], bandSet));
            }
        }

        return errors.Count > 0 ? Outcome<List<TariffSchedule>>.Failure(errors) : Outcome<List<TariffSchedule>>.Success(schedules);
    }

    private static IEnumerable<(string Season, string Component, string Period)> Required(TariffStructure structure)
    {
        const string s = "summer";
        const string n = "non_summer";
        if (structure == TariffStructure.ThreeStage)
        {
            foreach (var season in new[] { s, n })
            {
                foreach (var contract in new[] { "regular", "semi_peak", "saturday_semi_peak", "off_peak" })
                {
                    yield return (season, TariffLabels.BasicCharge, contract);
                }
            }

            yield break;
        }

        foreach (var contract in new[] { "regular", "saturday_semi_peak", "off_peak" })
        {
            yield return (s, TariffLabels.BasicCharge, contract);
        }

        foreach (var contract in new[] { "regular", "non_summer", "saturday_semi_peak", "off_peak" })
        {
            yield return (n, TariffLabels.BasicCharge, contract);
        }
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
