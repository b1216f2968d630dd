using Microsoft.Net.Http.Headers;

namespace Tanpan.Web.Platform.Web;

/// <summary>Who gets an error as a page and who as ProblemDetails: a person (a page route, or a client whose Accept
/// asks for HTML) sees <c>/error/{code}</c> in their language; API clients and anyone asking for JSON get
/// ProblemDetails.</summary>
public static class ErrorPages
{
    public const string PathFormat = "/error/{0}";

    public const string ServerErrorPath = "/error/500";

    public static bool ForPeople(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/2", StringComparison.Ordinal) || path.StartsWithSegments("/3", StringComparison.Ordinal)
            || path.StartsWithSegments("/auth", StringComparison.Ordinal) || path.StartsWithSegments("/.well-known", StringComparison.Ordinal))
        {
            return false;
        }

        var accept = http.Request.Headers.Accept;
        if (accept.Count == 0)
        {
            return true;
        }

        var types = MediaTypeHeaderValue.ParseList(accept);
        var html = types.Any(t => t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || t.MediaType.Equals("*/*", StringComparison.Ordinal));
        var json = types.Any(t => t.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true);
        return html || !json;
    }
}
