namespace Tanpan.Engine.Lca;

/// <summary>A square sparse matrix in compressed sparse row form (doubles: the solve is numerical linear algebra;
/// quantities enter and leave as decimals at the footprint's boundary). Immutable once built; a Monte Carlo draw
/// shares the pattern and swaps the values (<see cref="WithValues"/>).</summary>
public sealed class SparseMatrix
{
    private SparseMatrix(int size, int[] rowStart, int[] columns, double[] values)
    {
        Size = size;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Size { get; }

    /// <summary>Row i's entries are at [RowStart[i], RowStart[i + 1]).</summary>
    public int[] RowStart { get; }

    public int[] Columns { get; }

    public double[] Values { get; }

    public int NonZeros => Values.Length;

    /// <summary>Builds from (row, column, value) triplets, summing duplicates. Two stable counting sorts (by column,
    /// then by row) leave every row's entries in column order in O(entries + size), with no per-row sort.</summary>
    public static SparseMatrix FromTriplets(int size, IReadOnlyList<(int Row, int Col, double Value)> entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var count = entries.Count;
        var rows = new int[count];
        var cols = new int[count];
        var vals = new double[count];
        var byColumn = new int[size + 1];
        for (var k = 0; k < count; k++)
        {
            var (row, col, value) = entries[k];
            if ((uint)row >= (uint)size || (uint)col >= (uint)size)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), $"entry ({row}, {col}) is outside a {size} × {size} matrix");
            }

            rows[k] = row;
            cols[k] = col;
            vals[k] = value;
            byColumn[col + 1]++;
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

    /// <summary>The same pattern with other values (one per stored entry, in storage order).</summary>
    public SparseMatrix WithValues(double[] values)
    {
        if (values.Length != Values.Length)
        {
            throw new ArgumentException($"{values.Length} values for {Values.Length} stored entries", nameof(values));
        }

        return new SparseMatrix(Size, RowStart, Columns, values);
    }

    /// <summary>y = A x.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        var rowStart = RowStart;
        var columns = Columns;
        var values = Values;
        for (var i = 0; i < Size; i++)
        {
            var sum = 0.0;
            var end = rowStart[i + 1];
            for (var k = rowStart[i]; k < end; k++)
            {
                sum += values[k] * x[columns[k]];
            }

            y[i] = sum;
        }
    }

    public double[] Diagonal()
    {
        var d = new double[Size];
        for (var i = 0; i < Size; i++)
        {
            var k = Array.BinarySearch(Columns, RowStart[i], RowStart[i + 1] - RowStart[i], i);
            d[i] = k >= 0 ? Values[k] : 0;
        }

        return d;
    }

    /// <summary>The matrix as a dense row-major array (the direct solve of a small system).</summary>
    public double[] ToDense()
    {
        var dense = new double[(long)Size * Size];
        for (var i = 0; i < Size; i++)
        {
            for (var k = RowStart[i]; k < RowStart[i + 1]; k++)
            {
                dense[((long)i * Size) + Columns[k]] = Values[k];
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
            for (var k = RowStart[i]; k < RowStart[i + 1]; k++)
            {
                sum += Math.Abs(Values[k]);
            }

            max = Math.Max(max, sum);
        }

        return max;
    }
}
