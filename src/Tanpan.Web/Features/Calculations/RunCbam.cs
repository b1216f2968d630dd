using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.Calculations;

/// <summary>POST /api/v1/calculations/cbam — EU CBAM certificates and cost of a year's imports (DESIGN §5), stateless.</summary>
public static class RunCbam
{
    public sealed record Request(int? Year, IReadOnlyList<GoodDto?>? Goods, decimal? CarbonPricePaidEurPerT, decimal? EuaPriceEurPerT);

    public sealed record GoodDto(string? CnCode, decimal? Tonnes, decimal? SeeDirectT, decimal? SeeIndirectT, decimal? BenchmarkT, bool? DefaultValues);

    internal static async Task<Results<Ok<CbamResponse>, ApiError>> Handle(HttpRequest http, ApiJson json, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<Request>(http, json.Options, InputLimits.SmallBodyBytes * 4, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi("The request body is not valid JSON for this endpoint");
        }

        var mapped = Map(body.Value);
        if (!mapped.Succeeded)
        {
            return mapped.Errors.ToApi();
        }

        var outcome = Cbam.Calculate(mapped.Value);
        return outcome.Succeeded ? TypedResults.Ok(PricingContract.From(outcome.Value, mapped.Value.CarbonPricePaidEurPerT, mapped.Value.EuaPriceEurPerT)) : outcome.Errors.ToApi();
    }

    internal static Outcome<CbamRequest> Map(Request dto)
    {
        var errors = new List<FieldError>();
        var year = ActivityInputs.Year(dto.Year, "year", errors, required: true);
        var paid = ActivityInputs.Quantity(dto.CarbonPricePaidEurPerT, "carbonPricePaidEurPerT", errors, required: false) ?? 0m;
        var eua = ActivityInputs.Quantity(dto.EuaPriceEurPerT, "euaPriceEurPerT", errors, positive: true);
        var goods = new List<CbamGood>();
        if (dto.Goods is not { Count: > 0 and <= Cbam.MaxGoods })
        {
            errors.Add(new("goods", $"required: 1 to {Cbam.MaxGoods} goods", "cbam.goods"));
        }
        else
        {
            for (var i = 0; i < dto.Goods.Count; i++)
            {
                var path = $"goods[{i}]";
                if (dto.Goods[i] is not { } g)
                {
                    errors.Add(new(path, "required: an object with cnCode, tonnes, seeDirectT", "required"));
                    continue;
                }

                var cn = g.CnCode;
                if (cn is null)
                {
                    errors.Add(new(path + ".cnCode", "required: an 8-digit CN code", "cbam.cn.format"));
                }

                var tonnes = ActivityInputs.Quantity(g.Tonnes, path + ".tonnes", errors);
                var direct = ActivityInputs.Quantity(g.SeeDirectT, path + ".seeDirectT", errors);
                var indirect = ActivityInputs.Quantity(g.SeeIndirectT, path + ".seeIndirectT", errors, required: false);
                var benchmark = ActivityInputs.Quantity(g.BenchmarkT, path + ".benchmarkT", errors, required: false);
                // A bad field is replaced by a neutral value so that the engine still checks the others at this index.
                goods.Add(new CbamGood(cn ?? "72000000", tonnes ?? 0m, direct ?? 0m, indirect ?? 0m, benchmark, g.DefaultValues ?? false));
            }
        }

        if (year is not null && eua is not null && goods.Count > 0)
        {
            // The engine's checks (CN code chapter, year) run too, so one answer names every bad field.
            var engine = Cbam.Calculate(new CbamRequest(year.Value, goods, paid, eua.Value));
            errors.AddRange(engine.Errors.Where(e => !errors.Any(x => x.Path == e.Path)));
        }

        return errors.Count > 0 ? Outcome<CbamRequest>.Failure(errors) : Outcome<CbamRequest>.Success(new CbamRequest(year!.Value, goods, paid, eua!.Value));
    }
}
