using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Errors;

/// <summary>An expected failure of a use case, declared by its feature (<c>WorkOrderErrors.NotFound(id)</c>) and
/// turned into HTTP in one place (<see cref="ErrorResults"/>): ProblemDetails for <c>/api/v1</c>, a page message
/// for the UI, <c>{"code","message"}</c> for the PACT routes. <see cref="Code"/> is stable and machine-readable;
/// <see cref="Message"/> is English for API clients and logs.</summary>
public abstract record Error(string Code, string Message);

/// <summary>Bad input: one or more fields, each with what is allowed.</summary>
public sealed record Invalid(IReadOnlyList<FieldError> Fields, string Message = "The request has invalid fields") : Error("invalid", Message)
{
    public static Invalid Field(string path, string message) => new([new FieldError(path, message)]);
}

public sealed record NotFoundError(string Code, string Message) : Error(Code, Message);

/// <summary>No credentials, or credentials that are not valid.</summary>
public sealed record UnauthorizedError(string Code, string Message) : Error(Code, Message);

/// <summary>Valid credentials without the right to do this.</summary>
public sealed record ForbiddenError(string Code, string Message) : Error(Code, Message);

/// <summary>The request is valid but the state does not allow it (a duplicate number, a locked inventory).</summary>
public sealed record ConflictError(string Code, string Message) : Error(Code, Message);

/// <summary>A request the server refuses as a whole (two principals, an unreadable body).</summary>
public sealed record BadRequestError(string Code, string Message) : Error(Code, Message);

/// <summary>An upload or body over a named limit.</summary>
public sealed record TooLargeError(string Code, string Message) : Error(Code, Message);

/// <summary>The success value of a use case, or its <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"Result failed: {Error.Code}: {Error.Message}");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
