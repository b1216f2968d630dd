using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Quantities;
using Tanpan.Web.Data;

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

    public const string DefaultId = "electroplating-2024";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The electroplating template shipped with the platform; the operator's edited version replaces it.</summary>
    public static ProcessTemplate Electroplating => ShippedTemplate.Value;

    /// <summary>The template in force: the operator's saved version, else the shipped one.</summary>
    public static async Task<ProcessTemplate> CurrentAsync(TanpanDb db, CancellationToken ct) =>
        await db.ProcessTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == DefaultId, ct) is { } saved
            ? JsonSerializer.Deserialize<ProcessTemplate>(saved.Json, Json) ?? Electroplating
            : Electroplating;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses the operator's three text lists (one item per line; fields separated by '|'), checking every
    /// input against the factor library so a template can never offer an input that cannot be calculated.</summary>
    public static Outcome<ProcessTemplate> Parse(string? processes, string? inputs, string? metals, FactorResolver resolver)
    {
        static string[] Lines(string? text) => (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var errors = new List<FieldError>();
        var processList = Lines(processes);
        if (processList.Length == 0 || processList.Any(p => p.Length > 60) || processList.Distinct().Count() != processList.Length)
        {
            errors.Add(new("processes", "one process unit per line, each distinct and at most 60 characters"));
        }

        var inputList = new List<TemplateInput>();
        var inputLines = Lines(inputs);
        for (var i = 0; i < inputLines.Length; i++)
        {
            var parts = inputLines[i].Split('|', StringSplitOptions.TrimEntries);
            var path = string.Create(CultureInfo.InvariantCulture, $"inputs line {i + 1}");
            if (parts.Length != 3)
            {
                errors.Add(new(path, "write activity | label | unit, e.g. fuel.fuel-oil | 燃料油 | L"));
                continue;
            }

            var factor = resolver.Resolve(new FactorQuery(parts[0], GwpSet.Ar5, 2024));
            if (!factor.Succeeded)
            {
                errors.Add(new(path, factor.Errors[0].Message));
            }
            else if (!Units.TryParse(parts[2], out var unit) || unit.Dimension != factor.Value.PerUnit.Dimension)
            {
                errors.Add(new(path, $"'{parts[2]}' does not fit {parts[0]} (measured in {factor.Value.PerUnit.Code})"));
            }
            else
            {
                inputList.Add(new TemplateInput(parts[0], parts[1], unit.Code));
            }
        }

        if (inputLines.Length == 0)
        {
            errors.Add(new("inputs", "at least one energy input"));
        }

        var metalList = new List<TemplateMetal>();
        var metalLines = Lines(metals);
        for (var i = 0; i < metalLines.Length; i++)
        {
            var parts = metalLines[i].Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var density) || density <= 0)
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"metals line {i + 1}"), "write code | name | density kg/m³ (> 0), e.g. Ni | 鎳 | 8908"));
                continue;
            }

            metalList.Add(new TemplateMetal(parts[0], parts[1], density));
        }

        return errors.Count > 0
            ? Outcome<ProcessTemplate>.Failure(errors)
            : Outcome<ProcessTemplate>.Success(Electroplating with { Processes = processList, Inputs = inputList, Metals = metalList, Source = "edited by the platform operator" });
    }
}
