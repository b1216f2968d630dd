using System.Globalization;
using System.Text.Json.Nodes;

namespace Tanpan.Web.Features.Pact;

/// <summary>Renders a stored footprint in the Technical Specifications' data model: v3.0 (declared unit one piece)
/// and v2.3 (which has no "piece": one product is its mass in kilograms, so the per-unit figures are per kilogram and
/// <c>unitaryProductAmount</c> is the mass). Decimals are JSON strings in full precision, dates ISO 8601 UTC.</summary>
public static class PactFormat
{
    public const string SpecVersion3 = "3.0.0";
    public const string SpecVersion2 = "2.3.0";

    public static JsonObject V3(StoredPactFootprint f, PactFootprintStatus status)
    {
        var pcf = new JsonObject
        {
            ["declaredUnitOfMeasurement"] = "piece",
            ["declaredUnitAmount"] = "1",
            ["productMassPerDeclaredUnit"] = Number(f.MassKgPerUnit),
            ["referencePeriodStart"] = Time(f.ReferenceStartUtc),
            ["referencePeriodEnd"] = Time(f.ReferenceEndUtc),
            ["geographyCountry"] = f.GeographyCountry,
            ["boundaryProcessesDescription"] = f.BoundaryDescription,
            ["pcfExcludingBiogenicUptake"] = Number(f.KgCo2ePerUnit),
            ["pcfIncludingBiogenicUptake"] = Number(f.KgCo2ePerUnit),
            ["fossilCarbonContent"] = "0",
            ["biogenicCarbonContent"] = "0",
            ["fossilGhgEmissions"] = Number(f.KgCo2ePerUnit),
            ["biogenicCO2Uptake"] = "0",
            ["packagingEmissionsIncluded"] = f.PackagingKgCo2ePerUnit != 0,
            ["ipccCharacterizationFactors"] = new JsonArray(f.GwpSet),
            ["crossSectoralStandards"] = new JsonArray("ISO14067"),
            ["productOrSectorSpecificRules"] = Rules(f),
            ["exemptedEmissionsPercent"] = Number(f.ExemptedPercent),
            ["exemptedEmissionsDescription"] = f.ExemptedDescription,
            ["primaryDataShare"] = Number(f.PrimaryDataPercent),
        };
        if (f.PackagingKgCo2ePerUnit != 0)
        {
            pcf["packagingGhgEmissions"] = Number(f.PackagingKgCo2ePerUnit);
        }

        if (f.DistributionKgCo2ePerUnit != 0)
        {
            pcf["outboundLogisticsGhgEmissions"] = Number(f.DistributionKgCo2ePerUnit);
        }

        if (f.AllocationDescription is { Length: > 0 } allocation)
        {
            pcf["allocationRulesDescription"] = allocation;
        }

        if (f.SecondarySources.Count > 0)
        {
            pcf["secondaryEmissionFactorSources"] = Sources(f);
        }

        if (f is { TechnologicalDqr: { } ter, TemporalDqr: { } tir, GeographicalDqr: { } ger })
        {
            pcf["dqi"] = new JsonObject { ["technologicalDQR"] = Number(ter), ["temporalDQR"] = Number(tir), ["geographicalDQR"] = Number(ger) };
        }

        var body = new JsonObject
        {
            ["id"] = f.Id.ToString(),
            ["specVersion"] = SpecVersion3,
        };
        if (f.PrecedingPfIds.Count > 0)
        {
            body["precedingPfIds"] = new JsonArray(f.PrecedingPfIds.Select(p => (JsonNode)p.ToString()).ToArray());
        }

        body["created"] = Time(f.CreatedUtc);
        body["status"] = status.ToString();
        body["validityPeriodStart"] = Time(f.ValidityStartUtc);
        body["validityPeriodEnd"] = Time(f.ValidityEndUtc);
        body["companyName"] = f.CompanyName;
        body["companyIds"] = Strings(f.CompanyIds);
        body["productDescription"] = f.ProductDescription;
        body["productIds"] = Strings(f.ProductIds);
        body["productClassifications"] = Strings(f.ProductClassifications);
        body["productNameCompany"] = f.ProductName;
        body["comment"] = f.Comment;
        body["pcf"] = pcf;
        return body;
    }

    /// <summary>v2.3. <paramref name="deprecatedUtc"/> is the footprint's one update (its status), so it is version 2
    /// with <c>updated</c> set once deprecated, version 1 before.</summary>
    public static JsonObject V2(StoredPactFootprint f, PactFootprintStatus status, DateTime? deprecatedUtc)
    {
        var perKg = f.KgCo2ePerUnit / f.MassKgPerUnit;
        var pcf = new JsonObject
        {
            ["declaredUnit"] = "kilogram",
            ["unitaryProductAmount"] = Number(f.MassKgPerUnit),
            ["productMassPerDeclaredUnit"] = "1",
            ["pCfExcludingBiogenic"] = Number(perKg),
            ["pCfIncludingBiogenic"] = Number(perKg),
            ["fossilGhgEmissions"] = Number(perKg),
            ["fossilCarbonContent"] = "0",
            ["biogenicCarbonContent"] = "0",
            ["characterizationFactors"] = f.GwpSet,
            ["ipccCharacterizationFactorsSources"] = new JsonArray(f.GwpSet),
            ["crossSectoralStandardsUsed"] = new JsonArray("ISO Standard 14067"),
            ["productOrSectorSpecificRules"] = Rules(f),
            ["boundaryProcessesDescription"] = f.BoundaryDescription,
            ["referencePeriodStart"] = Time(f.ReferenceStartUtc),
            ["referencePeriodEnd"] = Time(f.ReferenceEndUtc),
            ["geographyCountry"] = f.GeographyCountry,
            ["exemptedEmissionsPercent"] = JsonValue.Create(f.ExemptedPercent),
            ["exemptedEmissionsDescription"] = f.ExemptedDescription,
            ["packagingEmissionsIncluded"] = f.PackagingKgCo2ePerUnit != 0,
            ["primaryDataShare"] = JsonValue.Create(f.PrimaryDataPercent),
        };
        if (f.PackagingKgCo2ePerUnit != 0)
        {
            pcf["packagingGhgEmissions"] = Number(f.PackagingKgCo2ePerUnit / f.MassKgPerUnit);
        }

        if (f.AllocationDescription is { Length: > 0 } allocation)
        {
            pcf["allocationRulesDescription"] = allocation;
        }

        if (f.SecondarySources.Count > 0)
        {
            pcf["secondaryEmissionFactorSources"] = Sources(f);
        }

        var body = new JsonObject
        {
            ["id"] = f.Id.ToString(),
            ["specVersion"] = SpecVersion2,
        };
        if (f.PrecedingPfIds.Count > 0)
        {
            body["precedingPfIds"] = new JsonArray(f.PrecedingPfIds.Select(p => (JsonNode)p.ToString()).ToArray());
        }

        body["version"] = deprecatedUtc is null ? 1 : 2;
        body["created"] = Time(f.CreatedUtc);
        if (deprecatedUtc is { } updated)
        {
            body["updated"] = Time(updated);
        }

        body["status"] = status.ToString();
        if (status == PactFootprintStatus.Deprecated)
        {
            body["statusComment"] = "Superseded by a newer footprint of the same product.";
        }

        body["validityPeriodStart"] = Time(f.ValidityStartUtc);
        body["validityPeriodEnd"] = Time(f.ValidityEndUtc);
        body["companyName"] = f.CompanyName;
        body["companyIds"] = Strings(f.CompanyIds);
        body["productDescription"] = f.ProductDescription;
        body["productIds"] = Strings(f.ProductIds);
        body["productClassifications"] = Strings(f.ProductClassifications);
        body["productCategoryCpc"] = f.ProductClassifications.Select(c => c.Split(':')[^1]).FirstOrDefault() ?? "4422";
        body["productNameCompany"] = f.ProductName;
        body["comment"] = f.Comment;
        body["pcf"] = pcf;
        return body;
    }

    /// <summary>A decimal as the specification's string: no exponent, no trailing zeros, invariant culture.</summary>
    public static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonArray Rules(StoredPactFootprint f) =>
        new(new JsonObject { ["operator"] = f.RuleOperator, ["ruleNames"] = new JsonArray(f.RuleName), ["otherOperatorName"] = f.RuleOperatorName });

    private static JsonArray Sources(StoredPactFootprint f) =>
        new(f.SecondarySources.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["version"] = s.Version }).ToArray());

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
