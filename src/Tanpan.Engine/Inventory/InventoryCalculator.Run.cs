using Tanpan.Engine.Activities;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;

namespace Tanpan.Engine.Inventory;

/// <summary>One calculation: the factor entries it shares between lines, its chunks and their merge.</summary>
public sealed partial class InventoryCalculator
{
    /// <summary>A resolved factor plus the registry indices of its gases, shared by all lines using it.</summary>
    private sealed class Entry
    {
        public Entry(ResolvedFactor? factor, IReadOnlyList<FieldError> errors, int[] gasIndex, decimal[] kgCo2ePerUnit, bool separate)
        {
            Factor = factor;
            Errors = errors;
            GasIndex = gasIndex;
            KgCo2ePerUnit = kgCo2ePerUnit;
            Separate = separate;
            foreach (var index in gasIndex)
            {
                GasSlotsNeeded = Math.Max(GasSlotsNeeded, index + 1);
            }

            var kind = factor is null ? null : KindOf(factor);
            IsGrid = kind == ActivityKind.Grid;
            IsFuel = kind == ActivityKind.Fuel;
        }

        public ResolvedFactor? Factor { get; }

        public IReadOnlyList<FieldError> Errors { get; }

        public int[] GasIndex { get; }

        public decimal[] KgCo2ePerUnit { get; }

        public bool Separate { get; }

        public int GasSlotsNeeded { get; }

        public bool IsGrid { get; }

        public bool IsFuel { get; }

        // A factor's activity kind, parsed once per factor object: library factors are memoised process-wide.
        private static readonly ConditionalWeakTable<ResolvedFactor, StrongBox<ActivityKind?>> Kinds = new();

        private static ActivityKind? KindOf(ResolvedFactor factor) =>
            Kinds.TryGetValue(factor, out var kind) ? kind.Value : Kinds.GetValue(factor, f => new StrongBox<ActivityKind?>(ActivityId.KindOf(f.Activity))).Value;
    }

    private sealed class Chunk(int gasCapacity)
    {
        public List<FieldError> Errors { get; } = [];
        public List<CalculationWarning> Warnings { get; } = [];
        public int WarningCount { get; set; }
        public decimal[] ByScope { get; } = new decimal[3];
        public decimal[] ByCategory { get; } = new decimal[IsoCategory.All.Count];
        public decimal[] ByGas { get; set; } = new decimal[gasCapacity];
        public decimal[] Separate { get; set; } = new decimal[gasCapacity];
        public decimal Estimated { get; set; }
        public LineResult[]? Lines { get; set; }
    }

    private sealed class Run(InventoryCalculator owner, InventoryRequest request, InventoryOptions options, bool parallel)
    {
        // Chunks processed in parallel share the entries through a concurrent map; a single chunk (up to 32,768 lines,
        // so every interactive request) through a plain one, which is far cheaper to create and to read.
        private readonly ConcurrentDictionary<FactorQuery, Entry>? _shared = parallel ? new() : null;
        private readonly Dictionary<FactorQuery, Entry>? _local = parallel ? null : new();
        private readonly List<string> _gasNames = [];
        private readonly List<string> _gasGroups = [];
        private readonly Lock _gasLock = new();
        private readonly LineResult[]? _lineResults = options.IncludeLines ? new LineResult[request.Lines.Count] : null;
        private readonly int _yearStart = new DateOnly(request.ReportingYear, 1, 1).DayNumber;
        private readonly int _yearEnd = new DateOnly(request.ReportingYear, 12, 31).DayNumber;
        private Func<FactorQuery, Entry>? _build;

        public Chunk Process(int start, int end)
        {
            var chunk = new Chunk(8);
            for (var i = start; i < end; i++)
            {
                ProcessLine(i, request.Lines[i], chunk);
            }

            return chunk;
        }

        private void ProcessLine(int index, InventoryLine line, Chunk chunk)
        {
            var errorsBefore = chunk.Errors.Count;
            if (line.Quantity < 0)
            {
                chunk.Errors.Add(new FieldError(Path(index, "quantity"), "must be zero or greater", "quantity.range"));
            }
            else if (line.Quantity > MaxQuantity)
            {
                chunk.Errors.Add(new FieldError(Path(index, "quantity"), "must be at most 1e15", "quantity.range"));
            }

            var included = line.Quantity;
            var estimated = false;
            int? includedDays = null;
            int? periodDays = null;
            if (line.Period is { } period)
            {
                if (period.To < period.From)
                {
                    chunk.Errors.Add(new FieldError(Path(index, "period.to"), $"must be on or after period.from ({period.From:yyyy-MM-dd})", "period.order", ErrorArgs.Of("from", period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
                }
                else
                {
                    var days = period.InclusiveDays;
                    var inYear = period.InclusiveDaysWithin(_yearStart, _yearEnd);
                    periodDays = days;
                    includedDays = inYear;
                    if (inYear < days)
                    {
                        // Prorate by inclusive days: multiply first so no precision is lost before the division.
                        included = line.Quantity * inYear / days;
                        estimated = true;
                        if (inYear == 0)
                        {
                            Warn(chunk, Path(index, "period"), $"period {period.From:yyyy-MM-dd}–{period.To:yyyy-MM-dd} lies outside {request.ReportingYear}: nothing included");
                        }
                    }
                }
            }

            var entry = Resolve(index, line, chunk);
            if (entry?.Factor is { } factor && line.Unit.Dimension != factor.PerUnit.Dimension)
            {
                // The API names every accepted spelling (公秉, kL, …); pages name the canonical units in their language.
                var allowed = string.Join(", ", Units.CodesFor(factor.PerUnit.Dimension));
                var canonical = string.Join(", ", Units.Catalogue.Where(u => u.Dimension == factor.PerUnit.Dimension).Select(u => u.Code));
                chunk.Errors.Add(new FieldError(Path(index, "unit"), $"'{line.Unit.Code}' does not fit {line.Activity} (measured in {factor.PerUnit.Code}); allowed: {allowed}", "unit.mismatch",
                    ErrorArgs.Of("unit", line.Unit.Code, "activity", line.Activity, "factorUnit", factor.PerUnit.Code, "units", canonical)));
            }

            if (chunk.Errors.Count > errorsBefore || entry?.Factor is null)
            {
                return;
            }

            var inFactorUnit = line.Unit.Convert(included, entry.Factor.PerUnit);
            decimal lineKg = 0;
            var gasIndex = entry.GasIndex;
            var perUnit = entry.KgCo2ePerUnit;
            EnsureCapacity(chunk, entry.GasSlotsNeeded);
            var target = entry.Separate ? chunk.Separate : chunk.ByGas;
            for (var g = 0; g < gasIndex.Length; g++)
            {
                var kg = inFactorUnit * perUnit[g];
                target[gasIndex[g]] += kg;
                lineKg += kg;
            }

            if (!entry.Separate)
            {
                chunk.ByScope[line.Category.Scope - 1] += lineKg;
                chunk.ByCategory[line.Category.Index] += lineKg;
                if (estimated)
                {
                    chunk.Estimated += lineKg;
                }
            }

            if (_lineResults is not null)
            {
                _lineResults[index] = new LineResult(index, line, included, inFactorUnit, estimated, includedDays, periodDays, entry.Factor, lineKg);
            }
        }

        private Entry? Resolve(int index, InventoryLine line, Chunk chunk)
        {
            var use = line.Use;
            if (use is null && line.Category == IsoCategory.MobileCombustion && ActivityId.KindOf(line.Activity) == ActivityKind.Fuel)
            {
                use = CombustionUse.Mobile;
                Warn(chunk, Path(index, "use"), "use not given; mobile assumed from category 1.2");
            }

            var year = line.FactorYear ?? request.ReportingYear;
            var query = new FactorQuery(line.Activity, request.GwpSet, year, use, line.Technology, line.HeatValue, line.CustomFactor, line.FactorSet ?? request.FactorSet);
            Entry? entry;
            if (_local is not null)
            {
                if (!_local.TryGetValue(query, out entry))
                {
                    entry = Build(query);
                    _local.Add(query, entry);
                }
            }
            else
            {
                entry = _shared!.GetOrAdd(query, _build ??= Build);
            }
            for (var e = 0; e < entry.Errors.Count; e++)
            {
                chunk.Errors.Add(new FieldError(Path(index, entry.Errors[e].Path), entry.Errors[e].Message));
            }

            if (entry.Factor is { } factor)
            {
                for (var n = 0; n < factor.Notes.Count; n++)
                {
                    Warn(chunk, Path(index, "factor"), factor.Notes[n]);
                }

                CheckCategory(index, line, entry, chunk);
            }

            return entry;
        }

        private void CheckCategory(int index, InventoryLine line, Entry entry, Chunk chunk)
        {
            var code = line.Category.Code;
            if (entry.IsGrid && line.Category != IsoCategory.PurchasedElectricity && line.Category != IsoCategory.PurchasedGoods)
            {
                Warn(chunk, Path(index, "category"), $"purchased electricity is normally category 2.1, not {code}");
            }
            else if (entry.IsFuel && line.Category.Scope == 2)
            {
                Warn(chunk, Path(index, "category"), $"fuel combustion is direct (category 1.1 or 1.2), not {code}");
            }
        }

        private Entry Build(FactorQuery query)
        {
            var outcome = owner._resolver.Resolve(query);
            if (!outcome.Succeeded)
            {
                return new Entry(null, outcome.Errors, [], [], false);
            }

            var factor = outcome.Value;
            var indices = new int[factor.Gases.Count];
            lock (_gasLock)
            {
                for (var g = 0; g < indices.Length; g++)
                {
                    var name = factor.Gases[g].Gas;
                    var at = _gasNames.IndexOf(name);
                    if (at < 0)
                    {
                        at = _gasNames.Count;
                        _gasNames.Add(name);
                        _gasGroups.Add(factor.Gases[g].Group);
                    }

                    indices[g] = at;
                }
            }

            var perUnit = new decimal[indices.Length];
            for (var g = 0; g < perUnit.Length; g++)
            {
                perUnit[g] = factor.Gases[g].KgCo2ePerUnit;
            }

            return new Entry(factor, [], indices, perUnit, factor.ReportedSeparately);
        }

        private static void EnsureCapacity(Chunk chunk, int needed)
        {
            if (needed > chunk.ByGas.Length)
            {
                var size = Math.Max(needed, chunk.ByGas.Length * 2);
                var byGas = chunk.ByGas;
                var separate = chunk.Separate;
                Array.Resize(ref byGas, size);
                Array.Resize(ref separate, size);
                chunk.ByGas = byGas;
                chunk.Separate = separate;
            }
        }

        private void Warn(Chunk chunk, string path, string message)
        {
            chunk.WarningCount++;
            if (chunk.Warnings.Count < options.MaxWarnings)
            {
                chunk.Warnings.Add(new CalculationWarning(path, message));
            }
        }

        public InventoryResult Merge(Chunk[] chunks)
        {
            var scope = new decimal[3];
            var category = new decimal[IsoCategory.All.Count];
            var gases = new decimal[_gasNames.Count];
            var separate = new decimal[_gasNames.Count];
            decimal estimated = 0;
            foreach (var chunk in chunks)
            {
                for (var s = 0; s < 3; s++)
                {
                    scope[s] += chunk.ByScope[s];
                }

                for (var c = 0; c < category.Length; c++)
                {
                    category[c] += chunk.ByCategory[c];
                }

                for (var g = 0; g < gases.Length && g < chunk.ByGas.Length; g++)
                {
                    gases[g] += chunk.ByGas[g];
                    separate[g] += chunk.Separate[g];
                }

                estimated += chunk.Estimated;
            }

            var total = scope[0] + scope[1] + scope[2];
            var byGas = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            var byGroup = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            var separately = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            for (var g = 0; g < _gasNames.Count; g++)
            {
                if (gases[g] != 0 || separate[g] == 0)
                {
                    byGas[_gasNames[g]] = gases[g];
                    byGroup[_gasGroups[g]] = byGroup.GetValueOrDefault(_gasGroups[g]) + gases[g];
                }

                if (separate[g] != 0)
                {
                    separately[_gasNames[g]] = separate[g];
                }
            }

            foreach (var group in GasGroups.Kyoto)
            {
                byGroup.TryAdd(group, 0m);
            }

            var byCategory = new Dictionary<string, decimal>(IsoCategory.All.Count, StringComparer.Ordinal);
            foreach (var c in IsoCategory.All)
            {
                byCategory[c.Code] = category[c.Index];
            }

            List<CalculationWarning> warnings = chunks.Length == 1 ? [.. chunks[0].Warnings] : chunks.SelectMany(c => c.Warnings).Take(options.MaxWarnings).ToList();
            var warningCount = 0;
            foreach (var chunk in chunks)
            {
                warningCount += chunk.WarningCount;
            }

            if (warningCount > warnings.Count)
            {
                warnings.Add(new CalculationWarning("lines", $"{warningCount - warnings.Count} more warnings not listed"));
            }

            return new InventoryResult(
                request.ReportingYear,
                request.GwpSet,
                total,
                new Dictionary<string, decimal>(StringComparer.Ordinal) { ["1"] = scope[0], ["2"] = scope[1], ["3"] = scope[2] },
                byCategory,
                byGas,
                byGroup,
                separately,
                estimated,
                total == 0 ? 0 : estimated / total,
                request.Lines.Count,
                _lineResults ?? [],
                warnings);
        }

        private static string Path(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"lines[{index}].{field}");
    }
}
