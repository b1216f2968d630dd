using Tanpan.Engine.Factors;

namespace Tanpan.Web.Platform.Factors;

/// <summary>The current company's own factors (<c>custom.&lt;code&gt;</c>) as an engine source. Declared here so
/// calculating features need not know the feature that keeps them.</summary>
public interface ICompanyFactors
{
    Task<ICustomFactorSource> LoadAsync(CancellationToken ct);

    /// <summary>The codes of the company's own factors, ordered, for choosers.</summary>
    Task<IReadOnlyList<string>> CodesAsync(CancellationToken ct);
}
