using Tanpan.Engine.Factors;
using Tanpan.Engine.Footprint;

namespace Tanpan.Web.Platform.Contracts;

/// <summary>The footprint response (DESIGN §5): totals per functional unit, by stage and node, every counted input
/// with its share and factor trace, primary-data share, omitted and excluded inputs, Monte Carlo and the PCR check.</summary>
public sealed record FootprintResponse(
    string GwpSet,
    int Year,
    string Boundary,
    decimal TotalKgCo2e,
    FootprintResponse.PerUnitResponse PerUnit,
    IReadOnlyDictionary<string, decimal> ByStage,
    IReadOnlyList<FootprintResponse.NodeResponse> ByNode,
    IReadOnlyList<FootprintResponse.InputResponse> Inputs,
    decimal PrimaryDataShare,
    IReadOnlyList<FootprintResponse.LeftOutResponse> Omitted,
    IReadOnlyList<FootprintResponse.LeftOutResponse> Excluded,
    FootprintResponse.MonteCarloResponse? MonteCarlo,
    FootprintResponse.PcrCheckResponse? PcrCheck,
    FootprintResponse.SolveResponse Solve,
    IReadOnlyList<WarningResponse> Warnings)
{
    public sealed record PerUnitResponse(decimal KgCo2e, string Unit);

    public sealed record NodeResponse(string Node, string? Name, decimal Scaling, decimal KgCo2e);

    public sealed record InputResponse(string Node, string Id, string Stage, string Activity, decimal Quantity, string Unit, decimal KgCo2e, decimal Share, bool Primary, FactorResponse Factor);

    public sealed record LeftOutResponse(string Node, string Id, string Stage, decimal KgCo2e, decimal Share, string Reason);

    public sealed record MonteCarloResponse(int Iterations, ulong Seed, decimal Mean, decimal Sd, [property: System.Text.Json.Serialization.JsonPropertyName("p2_5")] decimal P2Point5, [property: System.Text.Json.Serialization.JsonPropertyName("p97_5")] decimal P97Point5);

    public sealed record PcrCheckResponse(string Pcr, string Version, bool Passed, IReadOnlyList<RuleResponse> Rules);

    public sealed record RuleResponse(string Id, string Status, decimal? Value, decimal? Limit, string Message,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Subjects = null);

    public sealed record SolveResponse(string Method, int Iterations, double RelativeResidual);

    public static FootprintResponse From(FootprintResult r) => new(
        r.GwpSet.Code(),
        r.Year,
        r.Boundary.Code(),
        r.TotalKgCo2e,
        new PerUnitResponse(r.KgCo2ePerUnit, r.FunctionalUnit.Code),
        r.ByStage.ToDictionary(s => s.Key.Code(), s => s.Value),
        [.. r.ByNode.Select(n => new NodeResponse(n.Node, n.Name, n.Scaling, n.KgCo2e))],
        [.. r.Inputs.Select(i => new InputResponse(i.Node, i.Id, i.Stage.Code(), i.Activity, i.Quantity, i.Unit.Code, i.KgCo2e, i.Share, i.Primary, FactorTrace.From(i.Factor)))],
        r.PrimaryDataShare,
        [.. r.Omitted.Select(LeftOut)],
        [.. r.Excluded.Select(LeftOut)],
        r.MonteCarlo is { } mc ? new MonteCarloResponse(mc.Iterations, mc.Seed, mc.Mean, mc.Sd, mc.Percentile2Point5, mc.Percentile97Point5) : null,
        r.PcrCheck is { } check
            ? new PcrCheckResponse(check.PcrId, check.Version, check.Passed, [.. check.Rules.Select(x => new RuleResponse(x.Id, x.Status switch { RuleStatus.Pass => "pass", RuleStatus.Fail => "fail", _ => "not-applicable" }, x.Value, x.Limit, x.Message, x.Subjects))])
            : null,
        new SolveResponse(r.Solve.Method, r.Solve.Iterations, r.Solve.RelativeResidual),
        [.. r.Warnings.Select(w => new WarningResponse(w.Path, w.Message))]);

    private static LeftOutResponse LeftOut(FootprintLeftOut x) => new(x.Node, x.Id, x.Stage.Code(), x.KgCo2e, x.Share, x.Reason);
}
