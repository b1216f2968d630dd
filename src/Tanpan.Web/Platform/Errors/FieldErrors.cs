using Tanpan.Engine.Common;

namespace Tanpan.Web.Platform.Errors;

/// <summary>Field errors as the API's 400 (see <see cref="ErrorResults"/>).</summary>
public static class FieldErrors
{
    public static ApiError ToProblem(this IEnumerable<FieldError> errors, string title = "The request has invalid fields") => errors.ToApi(title);
}
