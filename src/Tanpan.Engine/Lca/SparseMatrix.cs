namespace Tanpan.Engine.Lca;

/// <summary>A square sparse matrix in compressed sparse row form (doubles: the solve is numerical linear algebra;
/// quantities enter and leave as decimals at the footprint's boundary). Immutable once built; a Monte Carlo draw
/// shares the pattern and swaps the values (<see cref="WithValues"/>).</summary>
public sealed class SparseMatrix
{
    private readonly DiagonalPositions _diagonal;

    // The pattern is private and never changes after the build, which checked every column against the size: the
    // product reads it without bounds checks (a quarter of its time).
    private readonly int[] _rowStart;
    private readonly int[] _columns;

    private SparseMatrix(int size, int[] rowStart, int[] columns, double[] values, DiagonalPositions? diagonal = null)
    {
        Size = size;
        _rowStart = rowStart;
        _columns = columns;
        Values = values;
        _diagonal = diagonal ?? new DiagonalPositions();
    }

    /// <summary>Where each row's diagonal entry is stored (−1: none), found once per pattern and shared by every
    /// matrix with the same pattern (each Monte Carlo draw).</summary>
    private sealed class DiagonalPositions
    {
        public int[]? Index { get; set; }
    }

    private int[] DiagonalIndex()
    {
        if (_diagonal.Index is { } known)
        {
            return known;
        }

        var index = new int[Size];
        for (var i = 0; i < Size; i++)
        {
            var k = Array.BinarySearch(_columns, _rowStart[i], _rowStart[i + 1] - _rowStart[i], i);
            index[i] = k >= 0 ? k : -1;
        }

        _diagonal.Index = index;
        return index;
    }

    public int Size { get; }

    /// <summary>Row i's entries are at [RowStart[i], RowStart[i + 1]).</summary>
    public ReadOnlySpan<int> RowStart => _rowStart;

    public ReadOnlySpan<int> Columns => _columns;

    public double[] Values { get; }

    public int NonZeros => Values.Length;

    /// <summary>Builds from (row, column, value) triplets, summing duplicates. Two stable counting sorts (by column,
    /// then by row) leave every row's entries in column order in O(entries + size), with no per-row sort.</summary>
    public static SparseMatrix FromTriplets(int size, IReadOnlyList<(int Row, int Col, double Value)> entries)
    {
        var rows = new int[entries.Count];
        var cols = new int[entries.Count];
        var vals = new double[entries.Count];
        for (var k = 0; k < entries.Count; k++)
        {
            (rows[k], cols[k], vals[k]) = entries[k];
        }

        return FromTriplets(size, rows, cols, vals);
    }

    /// <summary>Builds from parallel arrays of rows, columns and values (the arrays are not kept).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static SparseMatrix FromTriplets(int size, int[] rows, int[] cols, double[] vals)
    {
        unchecked
        {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var count = rows.Length;
        if (cols.Length != count || vals.Length != count)
        {
            throw new ArgumentException("rows, columns and values differ in length");
        }

        var byColumn = new int[size + 1];
        for (var k = 0; k < count; k++)
        {
            if ((uint)rows[k] >= (uint)size || (uint)cols[k] >= (uint)size)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"entry ({rows[k]}, {cols[k]}) is outside a {size} × {size} matrix");
            }

            byColumn[cols[k] + 1]++;
        }
        for (var i = 0; i < size; i++)
        {
            byColumn[i + 1] += byColumn[i];
        }

        var order = new int[count];
        for (var k = 0; k < count; k++)
        {
            order[byColumn[cols[k]]++] = k;
        }

        var rowStart = new int[size + 1];
        for (var k = 0; k < count; k++)
        {
            rowStart[rows[k] + 1]++;
        }

        for (var i = 0; i < size; i++)
        {
            rowStart[i + 1] += rowStart[i];
        }

        var next = (int[])rowStart.Clone();
        var sortedCols = new int[count];
        var sortedVals = new double[count];
        foreach (var k in order)
        {
            var at = next[rows[k]]++;
            sortedCols[at] = cols[k];
            sortedVals[at] = vals[k];
        }

        // Merge duplicates (adjacent now) in place.
        var write = 0;
        var compactStart = new int[size + 1];
        for (var i = 0; i < size; i++)
        {
            compactStart[i] = write;
            for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
            {
                if (write > compactStart[i] && sortedCols[write - 1] == sortedCols[k])
                {
                    sortedVals[write - 1] += sortedVals[k];
                }
                else
                {
                    sortedCols[write] = sortedCols[k];
                    sortedVals[write] = sortedVals[k];
                    write++;
                }
            }
        }

        compactStart[size] = write;
        return write == count
            ? new SparseMatrix(size, compactStart, sortedCols, sortedVals)
            : new SparseMatrix(size, compactStart, sortedCols[..write], sortedVals[..write]);
        }
    }

    /// <summary>The same pattern with other values (one per stored entry, in storage order).</summary>
    public SparseMatrix WithValues(double[] values)
    {
        if (values.Length != Values.Length)
        {
            throw new ArgumentException($"{values.Length} values for {Values.Length} stored entries", nameof(values));
        }

        return new SparseMatrix(Size, _rowStart, _columns, values, _diagonal);
    }

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y) => MultiplyRows(x, y, 0, Size);

    /// <summary>y = A x on two cores: each half of the rows on its own thread (a single large solve; a Monte Carlo
    /// runs its draws in parallel instead).</summary>
    public void MultiplyParallel(double[] x, double[] y)
    {
        // Split where half the stored entries are, not half the rows: hub rows hold far more than others.
        var half = Array.BinarySearch(_rowStart, NonZeros / 2);
        half = Math.Clamp(half < 0 ? ~half : half, 0, Size);
        var other = Task.Run(() => MultiplyRows(x, y, half, Size));
        MultiplyRows(x, y, 0, half);
        other.Wait();
    }

    // Unchecked: the engine checks overflow by default (decimals); index arithmetic here cannot overflow. Two
    // accumulators per row: a row's dozen products otherwise wait on one chain of dependent additions.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void MultiplyRows(ReadOnlySpan<double> x, Span<double> y, int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, Size, nameof(x));
        ArgumentOutOfRangeException.ThrowIfLessThan(y.Length, Size, nameof(y));
        unchecked
        {
            ref var rowStart = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_rowStart);
            ref var columns = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_columns);
            ref var values = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Values);
            ref var xs = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
            ref var ys = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
            var k = (nint)System.Runtime.CompilerServices.Unsafe.Add(ref rowStart, from);
            for (nint i = from; i < to; i++)
            {
                double even = 0, odd = 0;
                var end = (nint)System.Runtime.CompilerServices.Unsafe.Add(ref rowStart, i + 1);
                for (; k + 1 < end; k += 2)
                {
                    even += System.Runtime.CompilerServices.Unsafe.Add(ref values, k) * System.Runtime.CompilerServices.Unsafe.Add(ref xs, System.Runtime.CompilerServices.Unsafe.Add(ref columns, k));
                    odd += System.Runtime.CompilerServices.Unsafe.Add(ref values, k + 1) * System.Runtime.CompilerServices.Unsafe.Add(ref xs, System.Runtime.CompilerServices.Unsafe.Add(ref columns, k + 1));
                }

                if (k < end)
                {
                    even += System.Runtime.CompilerServices.Unsafe.Add(ref values, k) * System.Runtime.CompilerServices.Unsafe.Add(ref xs, System.Runtime.CompilerServices.Unsafe.Add(ref columns, k));
                    k++;
                }

                System.Runtime.CompilerServices.Unsafe.Add(ref ys, i) = even + odd;
            }
        }
    }

    public double[] Diagonal()
    {
        var d = new double[Size];
        Diagonal(d);
        return d;
    }

    /// <summary>The diagonal into <paramref name="target"/> (no allocation).</summary>
    public void Diagonal(double[] target)
    {
        var index = DiagonalIndex();
        for (var i = 0; i < Size; i++)
        {
            target[i] = index[i] >= 0 ? Values[index[i]] : 0;
        }
    }

    /// <summary>The matrix as a dense row-major array (the direct solve of a small system).</summary>
    public double[] ToDense()
    {
        var dense = new double[(long)Size * Size];
        for (var i = 0; i < Size; i++)
        {
            for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                dense[((long)i * Size) + _columns[k]] = Values[k];
            }
        }

        return dense;
    }

    /// <summary>The largest absolute row sum (∞-norm), the scale singularity is judged against.</summary>
    public double NormInf()
    {
        var max = 0.0;
        for (var i = 0; i < Size; i++)
        {
            var sum = 0.0;
            for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                sum += Math.Abs(Values[k]);
            }

            max = Math.Max(max, sum);
        }

        return max;
    }
}
