using Microsoft.AspNetCore.Http.HttpResults;
using Tanpan.Engine.Common;
using Tanpan.Engine.Pricing;
using Tanpan.Web.Platform.Errors;
using Tanpan.Web.Platform.Inputs;
using Tanpan.Web.Platform.Json;

namespace Tanpan.Web.Features.Calculations;

/// <summary>POST /api/v1/calculations/carbon-fee, /us-cca and /power-obligation (DESIGN §5 conventions), stateless.</summary>
public static class RunPricing
{
    public sealed record CarbonFeeRequestDto(int? Year, decimal? EmissionsT, bool? HighLeakage, string? Plan, int? Period);

    public sealed record UsCcaRequestDto(int? Year, decimal? Tonnes, decimal? ProductIntensityTPerT, decimal? BaselineIntensityTPerT, string? Bill);

    public sealed record PowerObligationRequestDto(
        decimal? ContractKw, int? CompletedWithinYears, decimal? ReInstallNtdPerKw, decimal? ReCertificateNtdPerKwh, decimal? AnnualGenerationHours,
        decimal? StorageNtdPerKwh, decimal? SubstituteFeeNtdPerKwh);

    internal static async Task<Results<Ok<CarbonFeeResponse>, ApiError>> CarbonFeeAsync(HttpRequest http, ApiJson json, CancellationToken ct)
    {
        var (dto, invalid) = await ReadAsync<CarbonFeeRequestDto>(http, json, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var errors = new List<FieldError>();
        var year = ActivityInputs.Year(dto.Year, "year", errors, required: true);
        var emissions = ActivityInputs.Quantity(dto.EmissionsT, "emissionsT", errors);
        if (!CarbonFee.TryParsePlan(dto.Plan, out var plan))
        {
            errors.Add(new("plan", "allowed: none, rate-a, rate-b", "carbonfee.plan"));
        }

        var period = dto.Period ?? 1;
        if (errors.Count > 0)
        {
            return errors.ToApi();
        }

        var outcome = CarbonFee.Calculate(new CarbonFeeRequest(year!.Value, emissions!.Value, dto.HighLeakage ?? false, plan, period));
        return outcome.Succeeded ? TypedResults.Ok(PricingContract.From(outcome.Value, dto.HighLeakage ?? false, plan, period)) : outcome.Errors.ToApi();
    }

    internal static async Task<Results<Ok<UsCcaResponse>, ApiError>> UsCcaAsync(HttpRequest http, ApiJson json, CancellationToken ct)
    {
        var (dto, invalid) = await ReadAsync<UsCcaRequestDto>(http, json, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var errors = new List<FieldError>();
        var year = ActivityInputs.Year(dto.Year, "year", errors, required: true);
        var tonnes = ActivityInputs.Quantity(dto.Tonnes, "tonnes", errors);
        var product = ActivityInputs.Quantity(dto.ProductIntensityTPerT, "productIntensityTPerT", errors);
        var baseline = ActivityInputs.Quantity(dto.BaselineIntensityTPerT, "baselineIntensityTPerT", errors);
        if (errors.Count > 0)
        {
            return errors.ToApi();
        }

        var outcome = UsCca.Estimate(new UsCcaRequest(year!.Value, tonnes!.Value, product!.Value, baseline!.Value, dto.Bill ?? UsCca.DefaultBill));
        return outcome.Succeeded ? TypedResults.Ok(PricingContract.From(outcome.Value, tonnes.Value)) : outcome.Errors.ToApi();
    }

    internal static async Task<Results<Ok<PowerObligationResponse>, ApiError>> PowerObligationAsync(HttpRequest http, ApiJson json, CancellationToken ct)
    {
        var (dto, invalid) = await ReadAsync<PowerObligationRequestDto>(http, json, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var errors = new List<FieldError>();
        var contract = ActivityInputs.Quantity(dto.ContractKw, "contractKw", errors);
        ActivityInputs.Quantity(dto.ReInstallNtdPerKw, "reInstallNtdPerKw", errors, required: false);
        ActivityInputs.Quantity(dto.ReCertificateNtdPerKwh, "reCertificateNtdPerKwh", errors, required: false);
        ActivityInputs.Quantity(dto.StorageNtdPerKwh, "storageNtdPerKwh", errors, required: false);
        ActivityInputs.Quantity(dto.SubstituteFeeNtdPerKwh, "substituteFeeNtdPerKwh", errors, required: false);
        if (errors.Count > 0)
        {
            return errors.ToApi();
        }

        var outcome = LargePowerUserObligation.Calculate(new PowerObligationRequest(contract!.Value, dto.CompletedWithinYears, dto.ReInstallNtdPerKw, dto.ReCertificateNtdPerKwh,
            dto.AnnualGenerationHours ?? LargePowerUserObligation.DefaultGenerationHours, dto.StorageNtdPerKwh, dto.SubstituteFeeNtdPerKwh));
        return outcome.Succeeded ? TypedResults.Ok(PricingContract.From(outcome.Value)) : outcome.Errors.ToApi();
    }

    // The three small pricing bodies are read alike: at most 64 KiB, and anything that is not JSON of the shape is a 400.
    private static async Task<(T Dto, ApiError? Invalid)> ReadAsync<T>(HttpRequest http, ApiJson json, CancellationToken ct)
        where T : class
    {
        var body = await JsonBody.ReadAsync<T>(http, json.Options, InputLimits.SmallBodyBytes, ct);
        return body.Succeeded ? (body.Value, null) : (default!, body.Errors.ToApi("The request body is not valid JSON for this endpoint"));
    }
}
