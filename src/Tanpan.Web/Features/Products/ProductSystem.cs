using System.Globalization;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;
using Tanpan.Engine.Quantities;

namespace Tanpan.Web.Features.Products;

/// <summary>A product and its BOM as the footprint contract's product system: the product is the functional node
/// (one piece); every line with lines under it is a node making one of its unit from them; every other line is an
/// input of its parent — a library activity, or the supplier's own footprint as primary data. Errors name the line
/// (<c>lines[10.2].unit</c>).</summary>
public static class ProductSystem
{
    public const string ProductNode = "product";

    // supplierDeclared: company factors (custom.<code>) a supplier declared; lines using them are supplier primary
    // data, like a line carrying the supplier's own figure.
    public static Outcome<FootprintRequest> Build(Product product, Pcr pcr, IReadOnlyList<BomLine> lines, int year, IReadOnlySet<string>? supplierDeclared = null)
    {
        var errors = new List<FieldError>();
        if (!LifeStages.TryParseBoundary(product.Boundary, out var boundary))
        {
            return Outcome<FootprintRequest>.Failure("boundary", "cradle-to-gate or cradle-to-grave");
        }

        var byLine = lines.ToDictionary(l => l.LineNo, StringComparer.Ordinal);
        var assemblies = lines.Where(l => l.Parent is not null).Select(l => l.Parent!).ToHashSet(StringComparer.Ordinal);
        var inputs = new Dictionary<string, List<FootprintInput>>(StringComparer.Ordinal) { [ProductNode] = [] };
        foreach (var assembly in assemblies)
        {
            inputs[assembly] = [];
        }

        foreach (var line in lines.OrderBy(l => l.Position))
        {
            var path = $"lines[{line.LineNo}]";
            var parent = line.Parent ?? ProductNode;
            if (!inputs.ContainsKey(parent) || (line.Parent is not null && !byLine.ContainsKey(line.Parent)))
            {
                errors.Add(new(path + ".parent", $"the parent line '{line.Parent}' is not in the BOM"));
                continue;
            }

            if (!Units.TryParse(line.Unit, out var unit))
            {
                errors.Add(new(path + ".unit", $"'{line.Unit}' is not a unit"));
                continue;
            }

            LifeStage? stage = line.Stage is null ? null : LifeStages.TryParse(line.Stage, out var s) ? s : null;
            if (assemblies.Contains(line.LineNo))
            {
                inputs[parent].Add(new FootprintInput(line.LineNo, line.LineNo, null, line.Quantity, unit, stage, Uncertainty: Uncertainty(line)));
                continue;
            }

            CustomFactor? factor = null;
            var activity = line.Activity;
            if (line.FactorValue is not null)
            {
                var built = CustomFactorRules.Create(line.LineNo, line.FactorValue, line.FactorUnit, line.FactorSource);
                if (!built.Succeeded)
                {
                    errors.AddRange(built.Errors.Select(e => e with { Path = $"{path}.factor.{e.Path}" }));
                    continue;
                }

                factor = built.Value;
                activity = "custom";
            }

            if (string.IsNullOrWhiteSpace(activity))
            {
                errors.Add(new(path + ".activity", "a line without lines under it needs an activity (material, energy, transport, waste) or the supplier's footprint", "product.line.activity"));
                continue;
            }

            inputs[parent].Add(new FootprintInput(line.LineNo, null, activity, line.Quantity, unit, stage ?? DefaultStage(line.ComponentClass), Primary: factor is not null || (supplierDeclared?.Contains(activity) ?? false), Omitted: line.Omitted, Factor: factor, Uncertainty: Uncertainty(line)));
        }

        if (lines.Count == 0)
        {
            errors.Add(new("lines", "the BOM is empty: import it or add lines", "product.bom.empty"));
        }

        if (errors.Count > 0)
        {
            return Outcome<FootprintRequest>.Failure(errors);
        }

        var nodes = new List<FootprintNode> { new(ProductNode, product.Name, LifeStage.Manufacturing, 1m, Units.Piece, inputs[ProductNode]) };
        foreach (var assembly in assemblies.Order(StringComparer.Ordinal))
        {
            var line = byLine[assembly];
            var unit = Units.Parse(line.Unit);
            LifeStage? stage = line.Stage is null ? LifeStage.RawMaterials : LifeStages.TryParse(line.Stage, out var s) ? s : LifeStage.RawMaterials;
            nodes.Add(new FootprintNode(assembly, line.Name, stage, 1m, unit!, inputs[assembly]));
        }

        var period = product.DataFrom is { } from && product.DataTo is { } to ? new DataPeriod(from, to, product.DataJustification) : null;
        return Outcome<FootprintRequest>.Success(new FootprintRequest(GwpSet.Ar5, year, boundary, ProductNode, 1m, nodes, pcr, null, period));
    }

    /// <summary>A stated geometric standard deviation above 1 makes the quantity lognormal around its entered value.</summary>
    private static LognormalUncertainty? Uncertainty(BomLine line) => line.UncertaintyGsd is { } gsd && gsd > 1m ? new LognormalUncertainty(gsd) : null;

    public static readonly IReadOnlyList<string> ComponentClasses = ["main", "secondary", "consumables", "packaging", "energy", "water", "transport", "waste"];

    /// <summary>Components, consumables, packaging and their inbound transport belong to raw-material acquisition
    /// (PCR 10.2.1); the plant's energy, water and waste to manufacturing (10.3.1).</summary>
    public static LifeStage DefaultStage(string? componentClass) =>
        componentClass is "energy" or "water" or "waste" ? LifeStage.Manufacturing : LifeStage.RawMaterials;

    /// <summary>The year whose factors apply: the end of the data period, else the year before now (the PCR's
    /// 前一年度).</summary>
    public static int FactorYear(Product product, DateTime nowUtc) => product.DataTo?.Year ?? (nowUtc.Year - 1);

    internal static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
