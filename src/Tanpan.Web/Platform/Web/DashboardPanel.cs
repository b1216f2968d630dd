using Microsoft.AspNetCore.Html;

namespace Tanpan.Web.Platform.Web;

/// <summary>A part of the company's dashboard that another feature contributes (work-order intensity for job shops),
/// so the dashboard composes features without referring to them.</summary>
public sealed record DashboardPanel(string Title, IHtmlContent Body);

public interface IDashboardPanelSource
{
    /// <summary>The panel for <paramref name="year"/>, or null when the company has nothing to show in it.</summary>
    Task<DashboardPanel?> BuildAsync(HttpContext context, int year, CancellationToken ct);
}
