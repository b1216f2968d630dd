namespace Tanpan.Engine.Common;

/// <summary>An expected failure tied to an input field: <paramref name="Path"/> is the field path
/// (e.g. <c>lines[2].unit</c>), <paramref name="Message"/> says in English what is allowed, and
/// <paramref name="Code"/> with <paramref name="Args"/> let a caller say the same in the user's language.</summary>
public sealed record FieldError(string Path, string Message, string Code = "invalid", IReadOnlyDictionary<string, string>? Args = null);

/// <summary>Outcome of an operation whose failures are expected (bad input), not exceptional.</summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, IReadOnlyList<FieldError>? errors)
    {
        _value = value;
        Errors = errors ?? [];
    }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public T Value => Succeeded ? _value! : throw new InvalidOperationException("Outcome failed: " + string.Join("; ", Errors.Select(e => $"{e.Path}: {e.Message}")));

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Failure(IReadOnlyList<FieldError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return new(default, errors);
    }

    public static Outcome<T> Failure(string path, string message) => Failure([new FieldError(path, message)]);
}

/// <summary>Arguments of an error message by name, so that a page can render the message in its own language.</summary>
public static class ErrorArgs
{
    public static IReadOnlyDictionary<string, string> Of(params string[] pairs)
    {
        var args = new Dictionary<string, string>(pairs.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            args[pairs[i]] = pairs[i + 1];
        }

        return args;
    }
}
