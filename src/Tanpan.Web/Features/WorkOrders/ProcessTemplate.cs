using System.Text.Json;

namespace Tanpan.Web.Features.WorkOrders;

public sealed record TemplateInput(string Activity, string Label, string Unit);

public sealed record TemplateMetal(string Code, string Name, decimal DensityKgPerM3);

/// <summary>An industry's process template: process units × energy inputs, and metals with densities.</summary>
public sealed record ProcessTemplate(string Id, string Name, string Source, IReadOnlyList<string> Processes, IReadOnlyList<TemplateInput> Inputs, IReadOnlyList<TemplateMetal> Metals)
{
    private static readonly Lazy<ProcessTemplate> ShippedTemplate = new(() =>
    {
        using var stream = typeof(ProcessTemplate).Assembly.GetManifestResourceStream("Tanpan.Templates.electroplating.json")
            ?? throw new InvalidOperationException("Shipped process template missing.");
        return JsonSerializer.Deserialize<ProcessTemplate>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("Shipped process template unreadable.");
    });

    /// <summary>The electroplating template shipped with the platform (operator-editable templates come later).</summary>
    public static ProcessTemplate Electroplating => ShippedTemplate.Value;
}
