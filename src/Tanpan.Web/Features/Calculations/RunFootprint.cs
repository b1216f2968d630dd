using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.Calculations;

/// <summary>POST /api/v1/calculations/footprint — the product carbon footprint of a product system (DESIGN §5),
/// stateless, no login: nodes whose inputs reference other nodes (loops allowed) or library activities, stages and
/// boundary, primary and omitted inputs, per-input uncertainty, Monte Carlo by seed, and the PCR's checks.</summary>
public static class RunFootprint
{
    public const int MaxNodes = 2000;
    public const int MaxInputsPerNode = 2000;

    public sealed record Request(
        string? GwpSet, int? Year, string? Boundary, FunctionalUnitDto? FunctionalUnit, IReadOnlyList<NodeDto?>? Nodes, string? Pcr, MonteCarloDto? MonteCarlo, DataPeriodDto? DataPeriod);

    public sealed record FunctionalUnitDto(string? Node, decimal? Quantity);

    public sealed record NodeDto(string? Id, string? Name, string? Stage, OutputDto? Output, IReadOnlyList<InputDto?>? Inputs);

    public sealed record OutputDto(decimal? Quantity, string? Unit);

    public sealed record InputDto(
        string? Id, string? Node, string? Activity, decimal? Quantity, string? Unit, string? Stage, bool? Primary, bool? Omitted, string? Use, FactorDto? Factor, UncertaintyDto? Uncertainty);

    public sealed record FactorDto(decimal? Value, string? Unit, string? Source);

    public sealed record UncertaintyDto(string? Distribution, decimal? Gsd, decimal? Sd, decimal? Min, decimal? Mode, decimal? Max);

    public sealed record MonteCarloDto(int? Iterations, ulong? Seed);

    public sealed record DataPeriodDto(DateOnly? From, DateOnly? To, string? Justification);

    internal static async Task<Results<Ok<FootprintResponse>, ApiError>> Handle(HttpRequest http, FootprintCalculator calculator, ApiJson json, Data.PcrCatalogs pcrs, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<Request>(http, json.Options, InputLimits.FootprintBodyBytes, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi("The request body is not valid JSON for this endpoint");
        }

        // The operator's PCR versions are read only when a PCR is asked for: most calculations name none.
        var mapped = Map(body.Value, body.Value.Pcr is null ? PcrLibrary.Shipped : await pcrs.GetAsync(ct));
        if (!mapped.Succeeded)
        {
            return mapped.Errors.ToApi();
        }

        var outcome = calculator.Calculate(mapped.Value);
        return outcome.Succeeded ? TypedResults.Ok(FootprintResponse.From(outcome.Value)) : outcome.Errors.ToApi();
    }

    internal static Outcome<FootprintRequest> Map(Request dto, PcrCatalog pcrs)
    {
        var errors = new List<FieldError>();
        var gwp = ActivityInputs.Gwp(dto.GwpSet, "gwpSet", errors);
        var year = ActivityInputs.Year(dto.Year, "year", errors, required: true);
        if (!LifeStages.TryParseBoundary(dto.Boundary, out var boundary))
        {
            errors.Add(new("boundary", "required: cradle-to-gate (B2B: raw materials and manufacturing) or cradle-to-grave (B2C: all five stages)", "footprint.boundary"));
        }

        if (string.IsNullOrWhiteSpace(dto.FunctionalUnit?.Node))
        {
            errors.Add(new("functionalUnit.node", "required: the id of the node whose output is the functional (declared) unit"));
        }

        var functionalQuantity = ActivityInputs.Quantity(dto.FunctionalUnit?.Quantity, "functionalUnit.quantity", errors, positive: true);
        Pcr? pcr = null;
        if (dto.Pcr is not null && (pcr = pcrs.Latest(dto.Pcr)) is null)
        {
            errors.Add(new("pcr", $"'{ActivityInputs.Shorten(dto.Pcr)}' is not a PCR; known: {string.Join(", ", pcrs.Current.Select(p => p.Id))}", "footprint.pcr.unknown"));
        }

        MonteCarloOptions? monteCarlo = null;
        if (dto.MonteCarlo is { } mc)
        {
            if (mc.Iterations is not { } iterations || iterations < 2 || iterations > 100_000)
            {
                errors.Add(new("monteCarlo.iterations", "required: from 2 to 100000"));
            }
            else if (mc.Seed is not { } seed)
            {
                errors.Add(new("monteCarlo.seed", "required: a whole number ≥ 0; the same seed gives the same numbers"));
            }
            else
            {
                monteCarlo = new MonteCarloOptions(iterations, seed);
            }
        }

        DataPeriod? period = null;
        if (dto.DataPeriod is { } p)
        {
            var from = ActivityInputs.Date(p.From, "dataPeriod.from", errors);
            var to = ActivityInputs.Date(p.To, "dataPeriod.to", errors);
            var justification = ActivityInputs.Text(p.Justification, "dataPeriod.justification", 2000, errors);
            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    errors.Add(new("dataPeriod.to", "must be on or after dataPeriod.from"));
                }
                else
                {
                    period = new DataPeriod(f, t, justification);
                }
            }
        }

        var nodes = new List<FootprintNode>();
        if (dto.Nodes is null || dto.Nodes.Count == 0)
        {
            errors.Add(new("nodes", "required: at least one node (the product, its sub-assemblies and materials)"));
        }
        else if (dto.Nodes.Count > MaxNodes)
        {
            errors.Add(new("nodes", $"at most {MaxNodes} nodes"));
        }
        else
        {
            for (var j = 0; j < dto.Nodes.Count; j++)
            {
                if (MapNode(dto.Nodes[j], j, errors) is { } node)
                {
                    nodes.Add(node);
                }
            }
        }

        return errors.Count > 0
            ? Outcome<FootprintRequest>.Failure(errors)
            : Outcome<FootprintRequest>.Success(new FootprintRequest(gwp, year!.Value, boundary, dto.FunctionalUnit!.Node!, functionalQuantity!.Value, nodes, pcr, monteCarlo, period));
    }

    private static FootprintNode? MapNode(NodeDto? dto, int j, List<FieldError> errors)
    {
        var path = $"nodes[{j.ToString(CultureInfo.InvariantCulture)}]";
        if (dto is null)
        {
            errors.Add(new(path, "must be a node object"));
            return null;
        }

        var before = errors.Count;
        var id = ActivityInputs.Text(dto.Id, path + ".id", 200, errors, required: true, what: "the node's id");
        var name = ActivityInputs.Text(dto.Name, path + ".name", 300, errors);
        var stage = Stage(dto.Stage, path + ".stage", errors);
        var quantity = ActivityInputs.Quantity(dto.Output?.Quantity, path + ".output.quantity", errors, positive: true);
        var unit = ActivityInputs.Unit(dto.Output?.Unit, path + ".output.unit", errors);
        var inputs = new List<FootprintInput>();
        if (dto.Inputs?.Count > MaxInputsPerNode)
        {
            errors.Add(new(path + ".inputs", $"at most {MaxInputsPerNode} inputs per node"));
        }
        else
        {
            for (var k = 0; k < (dto.Inputs?.Count ?? 0); k++)
            {
                if (MapInput(dto.Inputs![k], $"{path}.inputs[{k.ToString(CultureInfo.InvariantCulture)}]", errors) is { } input)
                {
                    inputs.Add(input);
                }
            }
        }

        return errors.Count > before ? null : new FootprintNode(id!, name, stage, quantity!.Value, unit!, inputs);
    }

    private static FootprintInput? MapInput(InputDto? dto, string path, List<FieldError> errors)
    {
        if (dto is null)
        {
            errors.Add(new(path, "must be an input object"));
            return null;
        }

        var before = errors.Count;
        var id = ActivityInputs.Text(dto.Id, path + ".id", 200, errors, required: true, what: "the input's id (e.g. its BOM line)");
        var quantity = ActivityInputs.Quantity(dto.Quantity, path + ".quantity", errors);
        var unit = ActivityInputs.Unit(dto.Unit, path + ".unit", errors);
        var stage = Stage(dto.Stage, path + ".stage", errors);
        var use = ActivityInputs.Use(dto.Use, path + ".use", errors);
        var node = ActivityInputs.Text(dto.Node, path + ".node", 200, errors);
        var activity = ActivityInputs.Text(dto.Activity, path + ".activity", 200, errors);
        CustomFactor? factor = null;
        if (activity == "custom")
        {
            if (dto.Factor is null)
            {
                errors.Add(new(path + ".factor", "required with activity custom: {value, unit, source}, e.g. {\"value\": 695, \"unit\": \"kgCO2e/piece\", \"source\": \"supplier EPD 2024\"}", "factor.required"));
            }
            else
            {
                var built = CustomFactorRules.Create("inline", dto.Factor.Value, dto.Factor.Unit, dto.Factor.Source);
                if (built.Succeeded)
                {
                    factor = built.Value;
                }
                else
                {
                    errors.AddRange(built.Errors.Select(e => e with { Path = path + ".factor." + e.Path }));
                }
            }
        }
        else if (dto.Factor is not null)
        {
            errors.Add(new(path + ".factor", "only with activity custom; a library activity brings its own factor"));
        }

        var uncertainty = Uncertainty(dto.Uncertainty, path + ".uncertainty", errors);
        return errors.Count > before
            ? null
            : new FootprintInput(id!, node, activity, quantity!.Value, unit!, stage, dto.Primary ?? false, dto.Omitted ?? false, factor, uncertainty, use);
    }

    private static LifeStage? Stage(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (LifeStages.TryParse(text, out var stage))
        {
            return stage;
        }

        errors.Add(new(path, $"'{ActivityInputs.Shorten(text)}' is not a stage; use {string.Join(", ", LifeStages.Codes.Select(c => c.Code))}", "footprint.stage"));
        return null;
    }

    private static QuantityUncertainty? Uncertainty(UncertaintyDto? dto, string path, List<FieldError> errors)
    {
        if (dto is null)
        {
            return null;
        }

        decimal Need(decimal? value, string field)
        {
            if (value is { } v && v >= 0 && v <= InputLimits.MaxQuantity)
            {
                return v;
            }

            errors.Add(new($"{path}.{field}", $"required for {dto.Distribution}: a number from 0 to 1e15"));
            return 0;
        }

        return dto.Distribution switch
        {
            "lognormal" => new LognormalUncertainty(Need(dto.Gsd, "gsd")),
            "normal" => new NormalUncertainty(Need(dto.Sd, "sd")),
            "triangular" => new TriangularUncertainty(Need(dto.Min, "min"), Need(dto.Mode, "mode"), Need(dto.Max, "max")),
            "uniform" => new UniformUncertainty(Need(dto.Min, "min"), Need(dto.Max, "max")),
            _ => Fail(),
        };

        QuantityUncertainty? Fail()
        {
            errors.Add(new(path + ".distribution", "required: lognormal {gsd}, normal {sd}, triangular {min, mode, max} or uniform {min, max}", "footprint.distribution"));
            return null;
        }
    }
}
