using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Factors;
using Tanpan.Engine.Storage;
using Tanpan.Engine.Tariffs;
using Tanpan.Web.Platform.Contracts;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.Storage;

/// <summary>POST /api/v1/calculations/storage — battery economics on a Taipower schedule (DESIGN §5), stateless, no
/// login: one dispatch gives the bills before and after, the savings by component, payback and NPV, and the carbon.</summary>
public static class RunStorage
{
    public const long BodyBytes = 4 * 1024 * 1024;

    public sealed record Request(int? Interval, DateTimeOffset? Start, IReadOnlyList<decimal?>? LoadKw, TariffDto? Tariff, BatteryDto? Battery, StrategyDto? Strategy, int? GridFactorYear, EconomicsDto? Economics);

    public sealed record TariffDto(string? Id, decimal? ContractCapacityKw);

    public sealed record BatteryDto(decimal? PowerKw, decimal? EnergyKwh, decimal? RoundTripEfficiency, decimal? DepthOfDischarge, decimal? StateOfHealth, decimal? CostNtd);

    public sealed record StrategyDto(string? Type, decimal? TargetKw);

    /// <summary>Optional: lifetime (default 10 years), real discount rate (default 5 %), SOH points lost a year, O&amp;M.</summary>
    public sealed record EconomicsDto(int? LifetimeYears, decimal? DiscountRate, decimal? SohLossPerYear, decimal? OperationAndMaintenanceNtdPerYear);

    internal static async Task<Results<Ok<StorageResponse>, ApiError>> Handle(HttpRequest http, ApiJson json, FactorResolver factors, IEffectiveTariffs tariffs, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<Request>(http, json.Options, BodyBytes, ct);
        if (!body.Succeeded)
        {
            return body.Errors.ToApi("The request body is not valid JSON for this endpoint");
        }

        // Shipped and operator-added versions: a study for a date on or after an added version bills on it.
        var library = await tariffs.LibraryAsync(ct);
        var mapped = Map(body.Value, library);
        if (!mapped.Succeeded)
        {
            return mapped.Errors.ToApi();
        }

        var outcome = StorageStudy.Run(mapped.Value, library, factors);
        return outcome.Succeeded ? TypedResults.Ok(StorageResponse.From(outcome.Value)) : outcome.Errors.ToApi();
    }

    public static Outcome<StorageStudyInput> Map(Request dto, TariffLibrary tariffs)
    {
        var errors = new List<FieldError>();
        if (dto.Interval is not (15 or 60))
        {
            errors.Add(new("interval", "required: 15 or 60 (minutes per load value)"));
        }

        if (dto.Start is null)
        {
            errors.Add(new("start", "required: the first interval's start, ISO 8601 with its offset (e.g. 2025-07-01T00:00:00+08:00)"));
        }

        var load = new decimal[dto.LoadKw?.Count ?? 0];
        if (dto.LoadKw is null || dto.LoadKw.Count == 0)
        {
            errors.Add(new("loadKw", "required: the average kW of each interval (a year or a representative period)"));
        }
        else if (dto.LoadKw.Count > StorageStudy.MaxIntervals)
        {
            errors.Add(new("loadKw", string.Create(CultureInfo.InvariantCulture, $"at most {StorageStudy.MaxIntervals:N0} values (a leap year of 15-minute intervals); got {dto.LoadKw.Count:N0}")));
        }
        else
        {
            for (var i = 0; i < load.Length && errors.Count < 20; i++)
            {
                if (dto.LoadKw[i] is not { } kw || kw < 0 || kw > ContractCapacity.MaxKw)
                {
                    errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"loadKw[{i}]"), string.Create(CultureInfo.InvariantCulture, $"must be a number of kW from 0 to {ContractCapacity.MaxKw:N0}")));
                }
                else
                {
                    load[i] = kw;
                }
            }
        }

        var tariffId = dto.Tariff?.Id?.Trim();
        if (string.IsNullOrEmpty(tariffId) || !tariffs.Ids.Contains(tariffId, StringComparer.Ordinal))
        {
            errors.Add(new("tariff.id", $"required: one of {string.Join(", ", tariffs.Ids.Where(i => i != "taipower-obligated-storage-dr"))}"));
        }

        var contract = ActivityInputs.Number(dto.Tariff?.ContractCapacityKw, "tariff.contractCapacityKw", 1m, ContractCapacity.MaxKw, errors, "the regular (經常) contract capacity in kW");
        if (dto.Tariff?.ContractCapacityKw is null)
        {
            errors.Add(new("tariff.contractCapacityKw", "required: the regular (經常) contract capacity in kW"));
        }

        var strategy = dto.Strategy?.Type?.Trim() switch
        {
            "peak-shaving" => StorageStrategy.PeakShaving,
            "arbitrage" => StorageStrategy.Arbitrage,
            "demand-response" => StorageStrategy.DemandResponse,
            _ => (StorageStrategy?)null,
        };
        if (strategy is null)
        {
            errors.Add(new("strategy.type", "required: peak-shaving, arbitrage or demand-response"));
        }

        var target = dto.Strategy?.TargetKw;
        if (strategy == StorageStrategy.PeakShaving && target is null)
        {
            errors.Add(new("strategy.targetKw", "required for peak-shaving: the grid kW to keep the load at or under"));
        }
        else if (target is { } t && (t < 0 || t > ContractCapacity.MaxKw))
        {
            errors.Add(new("strategy.targetKw", string.Create(CultureInfo.InvariantCulture, $"must be from 0 to {ContractCapacity.MaxKw:N0} kW")));
        }

        var b = dto.Battery;
        Battery? battery = null;
        if (b is null)
        {
            errors.Add(new("battery", "required: powerKw, energyKwh, roundTripEfficiency, depthOfDischarge, stateOfHealth, costNtd"));
        }
        else
        {
            foreach (var (name, value) in new[] { ("powerKw", b.PowerKw), ("energyKwh", b.EnergyKwh), ("roundTripEfficiency", b.RoundTripEfficiency), ("depthOfDischarge", b.DepthOfDischarge), ("stateOfHealth", b.StateOfHealth), ("costNtd", b.CostNtd) })
            {
                if (value is null)
                {
                    errors.Add(new($"battery.{name}", "required"));
                }
                else if (Math.Abs(value.Value) > 1e12m)
                {
                    errors.Add(new($"battery.{name}", "is out of range"));
                }
            }

            if (b.PowerKw is { } p && b.EnergyKwh is { } e && b.RoundTripEfficiency is { } rte && b.DepthOfDischarge is { } dod && b.StateOfHealth is { } soh && b.CostNtd is { } cost
                && new[] { p, e, rte, dod, soh, cost }.All(v => Math.Abs(v) <= 1e12m))
            {
                var created = Battery.Create(p, e, rte, dod, soh, cost);
                if (created.Succeeded)
                {
                    battery = created.Value;
                }
                else
                {
                    errors.AddRange(created.Errors);
                }
            }
        }

        var year = dto.GridFactorYear ?? dto.Start?.Year ?? 0;
        if (dto.GridFactorYear is { } y && (y < 2005 || y > 2100))
        {
            errors.Add(new("gridFactorYear", "must be a year from 2005 (the first Taiwan grid factor) on"));
        }

        var lifetime = dto.Economics?.LifetimeYears ?? 10;
        if (lifetime is < 1 or > 50)
        {
            errors.Add(new("economics.lifetimeYears", "must be from 1 to 50 years"));
        }

        var rate = ActivityInputs.Number(dto.Economics?.DiscountRate ?? 0.05m, "economics.discountRate", 0m, 1m, errors, "the real discount rate per year as a fraction (0.05 = 5 %)");
        var sohLoss = ActivityInputs.Number(dto.Economics?.SohLossPerYear ?? 0m, "economics.sohLossPerYear", 0m, 1m, errors, "state of health lost per year as a fraction");
        var om = ActivityInputs.Number(dto.Economics?.OperationAndMaintenanceNtdPerYear ?? 0m, "economics.operationAndMaintenanceNtdPerYear", 0m, 1e12m, errors, "NT$ per year");
        return errors.Count > 0
            ? Outcome<StorageStudyInput>.Failure(errors)
            : Outcome<StorageStudyInput>.Success(new StorageStudyInput(
                dto.Interval!.Value, dto.Start!.Value, load, tariffId!, contract!.Value, battery!, strategy!.Value, target, year, lifetime, rate!.Value, sohLoss!.Value, om!.Value));
    }
}
