using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Errors;

/// <summary>Turns field errors into the one 400 shape every endpoint uses: ProblemDetails whose
/// <c>errors</c> map each field path to what is wrong and what is allowed.</summary>
public static class FieldErrors
{
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem(this IEnumerable<FieldError> errors, string title = "The request has invalid fields") =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal),
            title: title);
}
