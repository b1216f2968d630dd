using Microsoft.AspNetCore.Diagnostics;

namespace Tanpan.Web.Platform.Errors;

/// <summary>Maps exceptions to ProblemDetails in one place. Bad input is validated before it reaches code that
/// throws, so anything here besides a rejected request is a defect and is logged as one.</summary>
public sealed class ExceptionHandler(IProblemDetailsService problems, ILogger<ExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The status an exception answers with (also for the error page a person sees).</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error"),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Path}", httpContext.Request.Path);
        }

        if (status != 499 && Web.ErrorPages.ForPeople(httpContext))
        {
            // Not handled here: the middleware re-executes the error page with this status.
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = status < 500 ? exception.Message : null },
        });
    }
}
