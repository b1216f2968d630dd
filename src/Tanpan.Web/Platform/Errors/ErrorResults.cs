using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Errors;

/// <summary>Error codes the PACT mapping gives their own protocol code.</summary>
public static class PactCodes
{
    public const string TokenExpired = "pact.token-expired";
    public const string NotImplemented = "pact.not-implemented";
}

/// <summary>The one mapping from <see cref="Error"/> to HTTP.</summary>
public static class ErrorResults
{
    public static int StatusCode(this Error error) => error switch
    {
        Invalid => StatusCodes.Status400BadRequest,
        BadRequestError => StatusCodes.Status400BadRequest,
        UnauthorizedError => StatusCodes.Status401Unauthorized,
        ForbiddenError => StatusCodes.Status403Forbidden,
        NotFoundError => StatusCodes.Status404NotFound,
        ConflictError => StatusCodes.Status409Conflict,
        TooLargeError => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>For <c>/api/v1</c>: ProblemDetails with the stable <c>code</c>; field errors under <c>errors</c>.</summary>
    public static ApiError ToApi(this Error error) => new(error);

    public static ApiError ToApi(this IEnumerable<FieldError> errors, string title = "The request has invalid fields") => new(new Invalid(errors.ToArray(), title));

    /// <summary>ProblemDetails of an error (also used by middleware that answers before an endpoint runs).</summary>
    public static ProblemDetails ToProblemDetails(this Error error)
    {
        var status = error.StatusCode();
        var problem = error is Invalid invalid
            ? new ValidationProblemDetails(invalid.Fields.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal))
            {
                Title = invalid.Message,
            }
            : new ProblemDetails { Title = Title(status), Detail = error.Message };
        problem.Status = status;
        problem.Type = $"https://tools.ietf.org/html/rfc9110#section-{Section(status)}";
        problem.Extensions["code"] = error.Code;
        return problem;
    }

    /// <summary>For pages: the error as field errors to show next to the fields (or under <paramref name="field"/>).</summary>
    public static IReadOnlyList<FieldError> ToFieldErrors(this Error error, string field = "") =>
        error is Invalid invalid ? invalid.Fields : [new FieldError(field, error.Message, error.Code)];

    /// <summary>For the PACT routes (<c>/2</c>, <c>/3</c>): the Data Exchange Protocol's <c>{"code","message"}</c> body, as
    /// <c>application/json</c> (partners parse nothing else). v3 names a missing footprint <c>NotFound</c>, v2
    /// <c>NoSuchFootprint</c>; an unknown or expired token is <c>BadRequest</c> / <c>TokenExpired</c> with 401.</summary>
    public static IResult ToPact(this Error error, int specMajor)
    {
        var (status, code) = error switch
        {
            UnauthorizedError { Code: PactCodes.TokenExpired } => (StatusCodes.Status401Unauthorized, "TokenExpired"),
            BadRequestError { Code: PactCodes.NotImplemented } => (StatusCodes.Status400BadRequest, "NotImplemented"),
            Invalid or BadRequestError => (StatusCodes.Status400BadRequest, "BadRequest"),
            UnauthorizedError => (StatusCodes.Status401Unauthorized, "BadRequest"),
            ForbiddenError => (StatusCodes.Status403Forbidden, "AccessDenied"),
            NotFoundError => (StatusCodes.Status404NotFound, specMajor >= 3 ? "NotFound" : "NoSuchFootprint"),
            _ => (error.StatusCode(), "BadRequest"),
        };
        var message = error is Invalid invalid ? string.Join("; ", invalid.Fields.Select(f => $"{f.Path}: {f.Message}")) : error.Message;
        return TypedResults.Json(new PactError(code, message), statusCode: status, contentType: "application/json");
    }

    private sealed record PactError(string Code, string Message);

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        _ => "Error",
    };

    private static string Section(int status) => status switch
    {
        401 => "15.5.2",
        403 => "15.5.4",
        404 => "15.5.5",
        409 => "15.5.10",
        413 => "15.5.14",
        _ => "15.5.1",
    };
}

/// <summary>An <see cref="Error"/> as a typed endpoint result: <c>Results&lt;Ok&lt;T&gt;, ApiError&gt;</c>.</summary>
public sealed class ApiError(Error error) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Error Error { get; } = error;

    public int? StatusCode => Error.StatusCode();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var problem = Error.ToProblemDetails();
        httpContext.Response.StatusCode = problem.Status!.Value;
        return httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), Json, "application/problem+json");
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
    }
}
