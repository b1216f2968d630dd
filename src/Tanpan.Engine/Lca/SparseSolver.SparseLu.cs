namespace Tanpan.Engine.Lca;

public static partial class SparseSolver
{
    /// <summary>Most non-zeros the sparse LU's factors may hold (≈ 1.2 GB of L and U) before it gives up rather than
    /// exhaust memory.</summary>
    public const long SparseLuFillLimit = 100_000_000;

    /// <summary>A direct sparse LU for systems too large to hold densely: columns in minimum-degree order on the
    /// pattern of A + Aᵀ (fill-reducing), then a left-looking (Gilbert–Peierls) factorisation with threshold partial
    /// pivoting that keeps the diagonal when it is within a factor 10 of the column's largest candidate — the ordering
    /// then still holds. Accepted on its true residual, like the iterative solves.</summary>
    internal static SolveResult SparseLu(SparseMatrix a, ReadOnlySpan<double> b, double[] work, double bNorm)
    {
        var n = a.Size;
        var (colStart, rowIndex, values) = ToColumns(a);
        var q = MinimumDegree(n, colStart, rowIndex);
        var threshold = n * 1e-15 * a.NormInf();

        // L: unit lower, by column, row indices in A's numbering (the pivot row first, value 1); U: by column, row
        // indices in pivot order (the diagonal last).
        var lStart = new int[n + 1];
        var lRows = new List<int>(a.NonZeros * 2);
        var lValues = new List<double>(a.NonZeros * 2);
        var uStart = new int[n + 1];
        var uRows = new List<int>(a.NonZeros * 2);
        var uValues = new List<double>(a.NonZeros * 2);
        var pinv = new int[n];
        Array.Fill(pinv, -1);
        var x = new double[n];
        var reach = new int[n];
        var stack = new int[n];
        var next = new int[n];
        var mark = new int[n];
        Array.Fill(mark, -1);

        for (var k = 0; k < n; k++)
        {
            lStart[k] = lRows.Count;
            uStart[k] = uRows.Count;
            var column = q[k];
            var top = Reach(column, k, colStart, rowIndex, lStart, lRows, pinv, reach, stack, next, mark);
            for (var p = top; p < n; p++)
            {
                x[reach[p]] = 0;
            }

            for (var p = colStart[column]; p < colStart[column + 1]; p++)
            {
                x[rowIndex[p]] = values[p];
            }

            // x = L \ A(:, column) along the reach, in topological order.
            for (var p = top; p < n; p++)
            {
                var row = reach[p];
                var j = pinv[row];
                if (j < 0)
                {
                    continue;
                }

                var xj = x[row];
                for (var t = lStart[j] + 1; t < lStart[j + 1]; t++)
                {
                    x[lRows[t]] -= lValues[t] * xj;
                }
            }

            var pivotRow = -1;
            var largest = -1.0;
            for (var p = top; p < n; p++)
            {
                var row = reach[p];
                if (pinv[row] < 0)
                {
                    if (Math.Abs(x[row]) > largest)
                    {
                        largest = Math.Abs(x[row]);
                        pivotRow = row;
                    }
                }
                else if (x[row] != 0)
                {
                    uRows.Add(pinv[row]);
                    uValues.Add(x[row]);
                }
            }

            if (pivotRow < 0 || largest <= threshold || !double.IsFinite(largest))
            {
                return new SolveResult(SolveStatus.Singular, new double[n], SolveMethod.SparseLu, k, double.NaN);
            }

            // The diagonal of the ordered matrix, when it is a candidate large enough: pivoting elsewhere would undo the ordering.
            if (pinv[column] < 0 && Math.Abs(x[column]) >= 0.1 * largest)
            {
                pivotRow = column;
            }

            var pivot = x[pivotRow];
            uRows.Add(k);
            uValues.Add(pivot);
            pinv[pivotRow] = k;
            lRows.Add(pivotRow);
            lValues.Add(1.0);
            for (var p = top; p < n; p++)
            {
                var row = reach[p];
                if (pinv[row] < 0 && x[row] != 0)
                {
                    lRows.Add(row);
                    lValues.Add(x[row] / pivot);
                }
            }

            if ((long)lRows.Count + uRows.Count > SparseLuFillLimit)
            {
                return new SolveResult(SolveStatus.NotConverged, new double[n], SolveMethod.SparseLu, k, double.NaN);
            }
        }

        lStart[n] = lRows.Count;
        uStart[n] = uRows.Count;

        // A = Pᵀ L U Qᵀ: forward through L in A's row numbering, back through U, then undo the column order.
        var y = b.ToArray();
        var z = new double[n];
        for (var k = 0; k < n; k++)
        {
            var zk = y[lRows[lStart[k]]];
            z[k] = zk;
            for (var t = lStart[k] + 1; t < lStart[k + 1]; t++)
            {
                y[lRows[t]] -= lValues[t] * zk;
            }
        }

        var solution = new double[n];
        for (var k = n - 1; k >= 0; k--)
        {
            var wk = z[k] / uValues[uStart[k + 1] - 1];
            for (var t = uStart[k]; t < uStart[k + 1] - 1; t++)
            {
                z[uRows[t]] -= uValues[t] * wk;
            }

            solution[q[k]] = wk;
        }

        var residual = Residual(a, b, solution, work) / bNorm;
        return new SolveResult(double.IsFinite(residual) ? SolveStatus.Solved : SolveStatus.Singular, solution, SolveMethod.SparseLu, n, residual);
    }

    /// <summary>The rows x = L \ A(:, column) can be non-zero in, in topological order (reach[top..n)): a depth-first
    /// search from A's column's rows through the columns of L already computed (iterative, no recursion).</summary>
    private static int Reach(int column, int k, int[] colStart, int[] rowIndex, int[] lStart, List<int> lRows, int[] pinv, int[] reach, int[] stack, int[] next, int[] mark)
    {
        var n = reach.Length;
        var top = n;
        for (var p = colStart[column]; p < colStart[column + 1]; p++)
        {
            var start = rowIndex[p];
            if (mark[start] == k)
            {
                continue;
            }

            var head = 0;
            stack[0] = start;
            mark[start] = k;
            next[start] = pinv[start] < 0 ? -1 : lStart[pinv[start]] + 1;
            while (head >= 0)
            {
                var row = stack[head];
                var j = pinv[row];
                var descended = false;
                if (j >= 0)
                {
                    // Column j < k of L is complete: it ends where column j + 1 starts.
                    var end = lStart[j + 1];
                    for (; next[row] < end; next[row]++)
                    {
                        var child = lRows[next[row]];
                        if (mark[child] == k)
                        {
                            continue;
                        }

                        mark[child] = k;
                        next[child] = pinv[child] < 0 ? -1 : lStart[pinv[child]] + 1;
                        stack[++head] = child;
                        next[row]++;
                        descended = true;
                        break;
                    }
                }

                if (!descended)
                {
                    head--;
                    reach[--top] = row;
                }
            }
        }

        return top;
    }

    /// <summary>A's columns (CSC) from its rows: the transpose's counting sort.</summary>
    private static (int[] Start, int[] Rows, double[] Values) ToColumns(SparseMatrix a)
    {
        var n = a.Size;
        var start = new int[n + 1];
        foreach (var c in a.Columns)
        {
            start[c + 1]++;
        }

        for (var c = 0; c < n; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var rows = new int[a.NonZeros];
        var values = new double[a.NonZeros];
        for (var r = 0; r < n; r++)
        {
            for (var p = a.RowStart[r]; p < a.RowStart[r + 1]; p++)
            {
                var at = fill[a.Columns[p]]++;
                rows[at] = r;
                values[at] = a.Values[p];
            }
        }

        return (start, rows, values);
    }

    /// <summary>Minimum-degree order on the graph of A + Aᵀ: repeatedly eliminate a node of least degree, joining its
    /// neighbours into a clique (the fill its elimination makes). Explicit elimination graph with a lazy heap; when
    /// the graph grows past a budget (a dense factor ahead) the rest is taken in natural order, which the pivoting
    /// still handles correctly.</summary>
    internal static int[] MinimumDegree(int n, int[] colStart, int[] rowIndex)
    {
        var adjacent = new HashSet<int>[n];
        for (var i = 0; i < n; i++)
        {
            adjacent[i] = [];
        }

        for (var c = 0; c < n; c++)
        {
            for (var p = colStart[c]; p < colStart[c + 1]; p++)
            {
                var r = rowIndex[p];
                if (r != c)
                {
                    adjacent[r].Add(c);
                    adjacent[c].Add(r);
                }
            }
        }

        var order = new int[n];
        var eliminated = new bool[n];
        var heap = new PriorityQueue<int, (int Degree, int Node)>(n);
        for (var i = 0; i < n; i++)
        {
            heap.Enqueue(i, (adjacent[i].Count, i));
        }

        var budget = 50L * colStart[n] + (10L * n);
        var count = 0;
        while (count < n && heap.TryDequeue(out var v, out var key))
        {
            if (eliminated[v] || key.Degree != adjacent[v].Count)
            {
                continue;
            }

            eliminated[v] = true;
            order[count++] = v;
            var neighbours = adjacent[v];
            budget -= (long)neighbours.Count * neighbours.Count;
            if (budget < 0)
            {
                break;
            }

            foreach (var u in neighbours)
            {
                var set = adjacent[u];
                set.Remove(v);
                foreach (var w in neighbours)
                {
                    if (w != u)
                    {
                        set.Add(w);
                    }
                }

                heap.Enqueue(u, (set.Count, u));
            }

            adjacent[v] = [];
        }

        for (var i = 0; i < n && count < n; i++)
        {
            if (!eliminated[i])
            {
                order[count++] = i;
            }
        }

        return order;
    }
}
