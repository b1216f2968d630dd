using System.Globalization;
using Tanpan.Engine.Activities;
using Tanpan.Engine.Common;

namespace Tanpan.Engine.Factors.Sources;

/// <summary>Factors given in the request (<c>custom</c>) or kept by the company (<c>custom.&lt;code&gt;</c>); already CO2e.</summary>
internal sealed class CustomFactorSource(ICustomFactorSource? companyFactors) : IFactorSource
{
    public Outcome<ResolvedFactor> Resolve(in FactorQuery query, ActivityId activity)
    {
        if (activity.IsInlineCustom)
        {
            return query.Custom is { } custom
                ? Outcome<ResolvedFactor>.Success(FromCustom(activity.ToString(), custom, "request"))
                : Outcome<ResolvedFactor>.Failure("factor", "required for activity 'custom': { value, unit: \"kgCO2e/<unit>\", source }");
        }

        var found = companyFactors?.Find(activity.Name);
        return found is null
            ? Outcome<ResolvedFactor>.Failure("activity", $"no company factor '{activity.Name}'" + (companyFactors is null ? " (company factors need an authenticated company)" : string.Empty))
            : Outcome<ResolvedFactor>.Success(FromCustom(activity.ToString(), found, "company"));
    }

    private static ResolvedFactor FromCustom(string activity, CustomFactor custom, string origin) =>
        new(
            // Inline factors all carry the code "request": value, unit and source tell them apart in the id.
            origin == "request"
                ? string.Create(CultureInfo.InvariantCulture, $"custom:request:{custom.KgCo2ePerUnit}/{custom.PerUnit.Code}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(custom.Source)))[..8]}")
                : $"custom:{origin}:{custom.Code}",
            activity,
            custom.PerUnit,
            [new GasFactor("CO2", "CO2", custom.KgCo2ePerUnit, 1m, "none: factor is already CO2e (attributed to CO2)", null)],
            null,
            new FactorProvenance("custom", custom.Source, custom.Version ?? string.Empty, origin == "company" ? "company-specific" : "user-supplied"),
            null,
            custom.Year,
            false,
            []);
}
