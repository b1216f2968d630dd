namespace Tanpan.Engine.Energy;

/// <summary>A virtual meter: the sum or difference of other meters' buckets, slot by slot (e.g. a main meter minus
/// its sub-meters gives the unmetered rest).</summary>
public static class VirtualMeters
{
    /// <summary>Buckets aligned by StartUtc; a slot missing from a term counts as 0 for that term; result ascending by
    /// StartUtc over the union of slots. Each term's Sign must be +1 or −1 and its slots distinct
    /// (<see cref="ArgumentException"/> otherwise: a slot twice in one meter is a roll-up error, not data).</summary>
    public static IReadOnlyList<Bucket> Combine(IReadOnlyList<MeterTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sums = new Dictionary<DateTime, decimal>();
        var seen = new HashSet<DateTime>();
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            if (term.Sign is not (1 or -1))
            {
                throw new ArgumentException($"terms[{t}].Sign must be +1 or -1, not {term.Sign}", nameof(terms));
            }

            ArgumentNullException.ThrowIfNull(term.Buckets, nameof(terms));
            seen.Clear();
            foreach (var bucket in term.Buckets)
            {
                EnergyMath.RequireUtc(bucket.StartUtc, nameof(terms));
                if (!seen.Add(bucket.StartUtc))
                {
                    throw new ArgumentException($"terms[{t}] has the slot {EnergyMath.Text(bucket.StartUtc)} more than once", nameof(terms));
                }

                var signed = term.Sign == 1 ? bucket.Quantity : -bucket.Quantity;
                sums[bucket.StartUtc] = sums.TryGetValue(bucket.StartUtc, out var sum) ? sum + signed : signed;
            }
        }

        var slots = new List<DateTime>(sums.Keys);
        slots.Sort();
        var result = new Bucket[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            result[i] = new Bucket(DateTime.SpecifyKind(slots[i], DateTimeKind.Utc), sums[slots[i]]);
        }

        return result;
    }
}
