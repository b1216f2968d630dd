using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tanpan.Web.Features.PublicSite.Pages;

/// <summary>The page a person sees for an error status (re-executed by the status-code and exception middleware for
/// page requests; API requests get ProblemDetails). Says what happened in the reader's language, what to do next,
/// and the request id to quote to the operator.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string RequestId { get; private set; } = string.Empty;

    public IActionResult OnGet(int code) => Show(code);

    // A failed POST is re-executed with its own method; the page answers it the same way.
    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        // Re-executed: the status set by the failing request is the one to describe (the exception handler uses one path).
        Code = reExecuted ? Response.StatusCode : code is >= 400 and <= 599 ? code : 404;
        if (!reExecuted)
        {
            // Opened directly (/error/404): answer with the status it describes, never 200.
            Response.StatusCode = Code;
        }

        RequestId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        return Page();
    }
}
