using System.Globalization;

namespace Tanpan.Engine.Common;

/// <summary>Renames the indexed head of a field path ("lines[3].unit" → "fuels[1].unit"), so an error found on an
/// internal list is reported against the list the caller sent.</summary>
public static class FieldPaths
{
    public static string Reindex(string path, string list, Func<int, string> rename)
    {
        var prefix = list + "[";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return path;
        }

        var close = path.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(path.AsSpan(prefix.Length, close - prefix.Length), CultureInfo.InvariantCulture);
        return rename(index) + path[(close + 1)..];
    }

    public static FieldError Reindex(this FieldError error, string list, Func<int, string> rename) => error with { Path = Reindex(error.Path, list, rename) };
}
