using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Html;

namespace Tanpan.Web.Platform.Web;

/// <summary>One series of a chart: its name, a value per category (null = no data), an optional stack and an optional
/// drawing type overriding the chart's (a "line" over stacked bars).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, string? Stack = null, string? Type = null);

/// <summary>A chart as data: kind (bar, stacked, line, pie, hbar, mac), the unit of its values, categories and series.
/// Rendered as an interactive ECharts drawing (wwwroot/js/charts.js) and, for print and screen readers, as a
/// table of the same numbers. A <c>mac</c> chart (a marginal abatement cost curve) has one bar per category with
/// three series: where it starts and ends on the x axis (<paramref name="XUnit"/>) and its height (<paramref name="Unit"/>).</summary>
public sealed record ChartSpec(string Kind, string Unit, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string? XUnit = null);

public static class Charts
{
    // The default encoder escapes <, > and &: the JSON cannot end its script element.
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.Default };

    /// <summary>The chart's drawing area, its data and its table; <paramref name="id"/> is unique on the page.</summary>
    public static IHtmlContent Render(string id, string title, ChartSpec spec, string format = "N3", bool small = false)
    {
        var html = new StringBuilder();
        var enc = HtmlEncoder.Default;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart-box{(small ? " small" : string.Empty)}\" data-chart=\"{enc.Encode(id)}\" data-testid=\"chart-{enc.Encode(id)}\" role=\"img\" aria-label=\"{enc.Encode(title)}\"></div>");
        html.Append(CultureInfo.InvariantCulture, $"<script type=\"application/json\" id=\"{enc.Encode(id)}-data\">{JsonSerializer.Serialize(spec, Json)}</script>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart-table\"><table data-testid=\"chart-table-{enc.Encode(id)}\"><caption>{enc.Encode(title)}</caption><thead><tr><th></th>");
        foreach (var series in spec.Series)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{enc.Encode(series.Name)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        var zh = CultureInfo.GetCultureInfo("zh-TW");
        for (var i = 0; i < spec.Categories.Count; i++)
        {
            // Categories may be what people typed (a measure's name): marked with their own language.
            html.Append(CultureInfo.InvariantCulture, $"<tr><th lang=\"{Localization.Lang.OfText(spec.Categories[i])}\">{enc.Encode(spec.Categories[i])}</th>");
            foreach (var series in spec.Series)
            {
                var value = i < series.Values.Count ? series.Values[i] : null;
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(value is { } v ? enc.Encode(v.ToString(format, zh)) : "—")}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
        return new HtmlString(html.ToString());
    }
}
