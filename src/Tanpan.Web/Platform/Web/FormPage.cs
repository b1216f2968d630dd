using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Localization;

namespace Tanpan.Web.Platform.Web;

/// <summary>A page with field-level errors keyed by field name, shown next to each field.</summary>
public abstract class FormPage : PageModel
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Err(string field) => Errors.GetValueOrDefault(field);

    protected void AddError(string field, string message) => Errors.TryAdd(field, message);

    /// <summary>After a save: back to <paramref name="url"/> (post/redirect/get) with a banner saying what was done,
    /// in the reader's language (shown once by the layout).</summary>
    protected IActionResult RedirectDone(string url, string zh, string en)
    {
        TempData[DoneKey] = HttpContext.T(zh, en);
        return Redirect(url);
    }

    public const string DoneKey = "done";

    /// <summary>A use case's <see cref="Error"/> on the page: field errors next to their fields (paths mapped by
    /// <paramref name="field"/> for page-level errors). Bad input re-shows the form (200, as a browser expects);
    /// other errors answer with the status the API would (409 for a locked inventory, 413 for a file too large).</summary>
    protected void Show(Error error, string field)
    {
        foreach (var e in error.ToFieldErrors(field))
        {
            AddError(string.IsNullOrEmpty(e.Path) ? field : e.Path, ErrorText.For(HttpContext, e));
        }

        if (error is not Invalid)
        {
            Response.StatusCode = error.StatusCode();
        }
    }

    /// <summary>Model-binding failures ("abc" in a number box) become field errors like any other.</summary>
    protected void CollectBindingErrors(string message)
    {
        foreach (var (key, entry) in ModelState.Where(kv => kv.Value?.Errors.Count > 0))
        {
            AddError(key.StartsWith("Input.", StringComparison.Ordinal) ? key["Input.".Length..] : key, message);
        }
    }
}
